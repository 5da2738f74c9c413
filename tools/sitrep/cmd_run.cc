// sitrep run INPUT... [--out DIR]: the whole pipeline.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>

#include "commands.h"
#include "sitrep/pipeline.h"

namespace sitrep::cli {

void add_run_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<RunOptions>();
  auto quiet = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("run", "Run the pipeline on files, directories or - (stdin)");
  cmd->add_option("inputs", opts->inputs,
                  "Text, HTML, JSON Lines or WARC (.gz) files, or directories")
      ->required();
  cmd->add_option("--out", opts->out_dir, "Output directory")->capture_default_str();
  cmd->add_option("--max-document-bytes", opts->limits.max_document_bytes,
                  "Largest article (a text/HTML file or one record)")
      ->capture_default_str();
  cmd->add_option("--max-line-bytes", opts->limits.max_line_bytes, "Longest line of a text file")
      ->capture_default_str();
  cmd->add_option("--max-input-bytes", opts->limits.max_input_bytes,
                  "Largest input file after decompression")
      ->capture_default_str();
  cmd->add_option("--kb", opts->kb_dir, "Directory of the compiled knowledge base");
  cmd->add_option("--threads", opts->threads,
                  "Worker threads cleaning and extracting articles (0: one per core); the "
                  "output is the same for any number")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", *quiet, "Print errors only");
  cmd->callback([opts, quiet, &exit_code] {
    size_t errors = 0, warnings = 0;
    auto diagnostics = [&](const Diagnostic& d) {
      (d.severity == Diagnostic::Severity::kError ? errors : warnings)++;
      if (*quiet && d.severity != Diagnostic::Severity::kError) return;
      std::fprintf(stderr, "sitrep: %s\n", d.to_string().c_str());
    };
    Result<RunSummary> r = run_pipeline(*opts, diagnostics);
    if (!r.is_ok()) {
      std::fprintf(stderr, "sitrep: error: %s\n", r.status().message().c_str());
      exit_code = 2;
      return;
    }
    const RunSummary& s = r.value();
    if (!*quiet) {
      fmt::print(stderr,
                 "sitrep: {} documents read, {} new articles, {} in store ({} near-duplicates), "
                 "{} reports; {} failed, {} warnings\n",
                 s.documents, s.articles_new, s.articles_total, s.duplicates, s.reports, s.failed,
                 warnings);
      const AssessmentSummary& a = s.assessment;
      fmt::print(stderr, "sitrep: {} incidents ({} reported by 2+ articles), {} narratives, {} outlets\n",
                 a.incidents, a.linked_incidents, a.narratives, a.outlets);
      fmt::print(stderr, "sitrep: results in {}: articles.jsonl, reports.jsonl, incidents.jsonl, narratives.jsonl, "
                 "outlets.jsonl, report.html, sitrep.db\n", opts->out_dir);
    }
    exit_code = s.failed > 0 ? 1 : 0;
  });
}

}  // namespace sitrep::cli
