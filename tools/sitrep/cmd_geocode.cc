// sitrep geocode [--country CC] [--kb DIR]: one place string per line on
// stdin, one JSON line per query on stdout, in input order:
//   {"query","name","id","lat","lon","precision","admin1","country"}
// "query" echoes the line; the other fields are null when nothing is found.
// --candidates N adds "candidates": [{"name","id","lat","lon","feature","country","score"}].
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "common/json_writer.h"
#include "common/utf8.h"
#include "kb/gazetteer.h"
#include "kb/kb_paths.h"

namespace sitrep::cli {

void add_geocode_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string country;
    std::string kb_dir;
    size_t candidates = 0;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "geocode", "Resolve place strings (one per line on stdin) to places, one JSON line each");
  cmd->add_option("--country", opts->country, "Prefer places in this country (ISO 3166-1 alpha-2)");
  cmd->add_option("--kb", opts->kb_dir, "Directory of the compiled knowledge base (gazetteer.bin)");
  cmd->add_option("--candidates", opts->candidates,
                  "Also list the first N candidates of the whole string with their scores");
  cmd->callback([opts, &exit_code] {
    const std::string dir = opts->kb_dir.empty() ? kb::default_kb_dir() : opts->kb_dir;
    auto loaded = kb::Gazetteer::load(dir + "/gazetteer.bin");
    if (!loaded.is_ok()) {
      std::fprintf(stderr, "sitrep: error: %s\n", loaded.status().message().c_str());
      exit_code = 2;
      return;
    }
    const kb::Gazetteer& gaz = *loaded.value();
    kb::GeoContext ctx;
    for (char c : opts->country) ctx.country.push_back(static_cast<char>(std::toupper(c)));
    std::ios::sync_with_stdio(false);
    std::string line, out;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      // Output is JSON: a query that is not UTF-8 is echoed repaired (U+FFFD).
      if (!is_valid_utf8(line)) line = repair_utf8(line).text;
      out.clear();
      JsonWriter w(out);
      w.begin_object().field("query", line);
      if (auto idx = gaz.geocode(line, ctx)) {
        const kb::Place p = gaz.place(*idx);
        w.field("name", p.name).field("id", p.id).field("lat", p.lat).field("lon", p.lon);
        w.field("precision", kb::to_string(p.precision)).field("admin1", p.admin1);
        w.field("country", p.country);
      } else {
        for (const JsonKey& k : {JsonKey("name"), JsonKey("id"), JsonKey("lat"), JsonKey("lon"),
                                JsonKey("precision"), JsonKey("admin1"), JsonKey("country")})
          w.key(k).null();
      }
      if (opts->candidates > 0) {
        w.key("candidates").begin_array();
        for (const auto& [idx, score] : gaz.scored_candidates(line, ctx, opts->candidates)) {
          const kb::Place p = gaz.place(idx);
          w.begin_object()
              .field("name", p.name)
              .field("id", p.id)
              .field("lat", p.lat)
              .field("lon", p.lon);
          w.field("feature", p.feature)
              .field("country", p.country)
              .field("score", static_cast<double>(score));
          w.end_object();
        }
        w.end_array();
      }
      w.end_object();
      out.push_back('\n');
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
    std::fflush(stdout);
    exit_code = 0;
  });
}

}  // namespace sitrep::cli
