// Fuzz target: plain text through cleaning and metadata (build_article).
// Checks that clean text is valid UTF-8 and exact offsets point at the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/utf8.h"
#include "sitrep/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sitrep::RawDocument doc;
  doc.input = doc.path = "fuzz.txt";
  doc.format = "text";
  doc.body.assign(reinterpret_cast<const char*>(data), size);
  sitrep::Result<sitrep::Article> a = sitrep::build_article(doc, nullptr);
  if (!a.is_ok()) return 0;
  const sitrep::Article& art = a.value();
  if (!sitrep::is_valid_utf8(art.text)) std::abort();
  for (const sitrep::OffsetSegment& s : art.offsets.segments()) {
    if (!s.exact) continue;
    if (s.clean_begin + s.length > art.text.size() || s.orig_begin + s.length > doc.body.size())
      std::abort();
    if (art.text.compare(s.clean_begin, s.length, doc.body, s.orig_begin, s.length) != 0)
      std::abort();
  }
  for (const sitrep::Paragraph& p : art.paragraphs)
    if (p.begin > p.end || p.end > art.text.size()) std::abort();
  return 0;
}
