// sitrep-kbc: compiles the knowledge base sources in data/kb into the files
// the engine memory-maps at start-up. Run by the build (target sitrep_kb).
//   sitrep-kbc SOURCE_DIR OUT_DIR
#include <cstdio>
#include <filesystem>
#include <string>

#include "kb/actors.h"
#include "kb/gazetteer.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: sitrep-kbc SOURCE_DIR OUT_DIR\n");
    return 2;
  }
  const std::string src = argv[1], out = argv[2];
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  int rc = 0;
  if (auto s = sitrep::kb::compile_gazetteer(src, out + "/gazetteer.bin"); !s.is_ok()) {
    std::fprintf(stderr, "sitrep-kbc: gazetteer: %s\n", s.message().c_str());
    rc = 1;
  }
  if (auto s = sitrep::kb::compile_actors(src, out + "/actors.bin"); !s.is_ok()) {
    std::fprintf(stderr, "sitrep-kbc: actors: %s\n", s.message().c_str());
    rc = 1;
  }
  return rc;
}
