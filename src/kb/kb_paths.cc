#include "kb/kb_paths.h"

#include <cstdlib>
#include <filesystem>

namespace sitrep::kb {

std::string default_kb_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("SITREP_KB_DIR"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "data/kb";
  const fs::path candidates[] = {exe.parent_path() / "data/kb",
                                 exe.parent_path().parent_path() / "share/sitrep/kb"};
  for (const fs::path& c : candidates)
    if (fs::exists(c / "gazetteer.bin", ec)) return c.string();
  return candidates[0].string();
}

}  // namespace sitrep::kb
