// The whole pipeline behind `sitrep run`: inputs -> articles -> store and
// output files. Later stages (reports, incidents) plug in here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sitrep/assessment.h"
#include "sitrep/ingest.h"
#include "sitrep/status.h"

namespace sitrep {

struct RunOptions {
  std::vector<std::string> inputs;
  std::string out_dir = "sitrep-out";
  IngestLimits limits;
  std::string kb_dir;  // compiled knowledge base; empty: kb::default_kb_dir()
  // Articles per store transaction, at most, and their text and report lines
  // in bytes: each commit rewrites the index pages its reports touch (keyed
  // by hashes, so most of them), so fewer, larger transactions write far less.
  size_t batch_size = 4096;
  size_t batch_bytes = size_t{32} << 20;
  size_t threads = 0;       // workers cleaning and extracting articles; 0: one per core
};

struct RunSummary {
  size_t documents = 0;       // documents read from the inputs
  size_t articles_new = 0;    // articles not in the store before this run
  size_t articles_total = 0;  // articles in the store after it
  size_t duplicates = 0;      // stored articles marked as near-duplicates
  size_t reports = 0;         // reports in the store after the run
  size_t failed = 0;          // inputs, records or documents that failed
  std::string db_path, articles_path, reports_path;
  AssessmentSummary assessment;  // incidents, narratives, outlets, report.html
};

// Runs ingestion and extraction into DIR/sitrep.db and writes
// DIR/articles.jsonl and DIR/reports.jsonl, then links and assesses every
// stored report into DIR/incidents.jsonl, narratives.jsonl, outlets.jsonl
// and report.html (everything stored, ordered by
// article first path then id; each written to a temporary file and renamed,
// so a killed run never leaves a half-written file). Problems with
// single inputs go to `diagnostics` and are counted in `failed`; the Status is
// an error only when the run itself cannot proceed (the store cannot be opened).
Result<RunSummary> run_pipeline(const RunOptions& options, const DiagnosticSink& diagnostics);

}  // namespace sitrep
