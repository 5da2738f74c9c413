// Where the compiled knowledge base (gazetteer.bin, actors.bin) is found.
#pragma once

#include <string>

namespace sitrep::kb {

// The directory of compiled KB files, first of: $SITREP_KB_DIR; data/kb next
// to the running executable (the build tree: build/data/kb); the executable's
// ../share/sitrep/kb (an install). Returns the first that exists, else the
// build-tree path (so error messages name the expected place).
std::string default_kb_dir();

}  // namespace sitrep::kb
