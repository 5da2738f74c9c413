// sitrep extract [INPUT...]: a streaming filter. Articles in (JSON Lines on
// stdin by default, or any input `run` reads), Report lines out on stdout;
// diagnostics on stderr. Nothing is stored.
#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"
#include "kb/kb_paths.h"
#include "serve/report_json.h"
#include "sitrep/extract.h"
#include "sitrep/ingest.h"

namespace sitrep::cli {

void add_extract_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::vector<std::string> inputs;
    std::string kb_dir;
    IngestLimits limits;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("extract", "Articles in (stdin by default), reports out (stdout)");
  cmd->add_option("inputs", opts->inputs, "Inputs (default: - for stdin)");
  cmd->add_option("--kb", opts->kb_dir, "Directory of the compiled knowledge base");
  cmd->add_option("--max-document-bytes", opts->limits.max_document_bytes, "Largest article")
      ->capture_default_str();
  cmd->callback([opts, &exit_code] {
    auto extractor = Extractor::load(opts->kb_dir.empty() ? kb::default_kb_dir() : opts->kb_dir);
    if (!extractor.is_ok()) {
      std::fprintf(stderr, "sitrep: error: %s\n", extractor.status().message().c_str());
      exit_code = 2;
      return;
    }
    const std::vector<std::string> inputs = opts->inputs.empty() ? std::vector<std::string>{"-"} : opts->inputs;
    std::string out;
    const size_t failed = for_each_document(
        inputs, opts->limits,
        [&](RawDocument&& doc) {
          Result<Article> a = build_article(doc, [](const Diagnostic& d) {
            std::fprintf(stderr, "sitrep: %s\n", d.to_string().c_str());
          });
          if (!a.is_ok()) {
            std::fprintf(stderr, "sitrep: error: %s: %s%s%s\n", doc.input.c_str(),
                         doc.where.empty() ? "" : doc.where.c_str(), doc.where.empty() ? "" : ": ",
                         a.status().message().c_str());
            return;
          }
          out.clear();
          for (const Report& r : extractor.value()->extract(a.value())) {
            append_report_json(out, r);
            out.push_back('\n');
          }
          std::fwrite(out.data(), 1, out.size(), stdout);
        },
        [](const Diagnostic& d) { std::fprintf(stderr, "sitrep: %s\n", d.to_string().c_str()); });
    // A bad record is reported and skipped; the stream goes on (exit 0).
    (void)failed;
    std::fflush(stdout);
  });
}

}  // namespace sitrep::cli
