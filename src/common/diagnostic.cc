#include "sitrep/ingest.h"

namespace sitrep {

std::string Diagnostic::to_string() const {
  std::string out = severity == Severity::kError ? "error: " : "warning: ";
  out += input.empty() ? "-" : input;
  if (!where.empty()) out += ": " + where;
  out += ": ";
  out += message;
  return out;
}

}  // namespace sitrep
