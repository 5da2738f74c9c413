// Writing output files so that a killed run never leaves a half-written one.
#pragma once

#include <string>

#include "sitrep/status.h"

namespace sitrep {

// Writes `content` to `path` through `path`.tmp and a rename.
Status write_file_atomically(const std::string& path, const std::string& content);

}  // namespace sitrep
