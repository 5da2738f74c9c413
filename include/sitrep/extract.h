// Extraction: one Article -> the Reports of the incidents it describes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sitrep/article.h"
#include "sitrep/report.h"
#include "sitrep/status.h"

namespace sitrep {

// The country place names are read in first, until an article's own places
// say otherwise: sitrep's theatre.
inline constexpr const char* kTheatreCountry = "SY";

// Immutable once loaded (the compiled gazetteer and actor dictionary);
// extract() is thread-safe.
class Extractor {
 public:
  // Loads the compiled knowledge base from `kb_dir` (gazetteer.bin, actors.bin).
  static Result<std::unique_ptr<Extractor>> load(const std::string& kb_dir);
  ~Extractor();

  // The reports of `article`, in text order; exactly one has lead = true
  // when there is any report.
  std::vector<Report> extract(const Article& article) const;

 private:
  struct Impl;
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep
