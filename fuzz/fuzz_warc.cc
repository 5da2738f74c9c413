// Fuzz target for the WARC reader: plain bytes, and gzip-decompressed bytes
// when the input starts with the gzip magic.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/byte_stream.h"
#include "ingest/warc_reader.h"

namespace {

// Small limits so that size checks and skips are reached with small inputs.
sitrep::IngestLimits fuzz_limits() {
  sitrep::IngestLimits limits;
  limits.max_input_bytes = size_t{1} << 20;
  limits.max_document_bytes = 4096;
  limits.max_line_bytes = 1024;
  return limits;
}

void consume(const sitrep::RawDocument& doc) {
  // Touch the bytes so that a bad view would show up under ASan.
  volatile size_t sink = 0;
  for (char c : doc.body) sink = sink + static_cast<unsigned char>(c);
  (void)sink;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const sitrep::IngestLimits limits = fuzz_limits();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto on_document = [](sitrep::RawDocument&& doc) { consume(doc); };
  auto on_diagnostic = [](const sitrep::Diagnostic&) {};

  auto plain = sitrep::ingest::open_memory_stream(bytes);
  sitrep::ingest::read_warc("fuzz", *plain, limits, on_document, on_diagnostic);

  if (bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b') {
    auto gz = sitrep::ingest::open_gzip_stream(sitrep::ingest::open_memory_stream(bytes));
    sitrep::ingest::read_warc("fuzz.gz", *gz, limits, on_document, on_diagnostic);
  }
  return 0;
}
