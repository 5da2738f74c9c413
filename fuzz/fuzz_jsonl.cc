// Fuzz target: JSON Lines records through the reader and build_article.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/utf8.h"
#include "ingest/byte_stream.h"
#include "ingest/jsonl_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto stream = sitrep::ingest::open_memory_stream(bytes);
  sitrep::IngestLimits limits;
  limits.max_document_bytes = 1 << 16;
  sitrep::ingest::read_jsonl(
      "fuzz.jsonl", *stream, limits,
      [](sitrep::RawDocument&& doc) {
        if (!sitrep::is_valid_utf8(doc.body)) std::abort();  // the reader repairs lines first
        sitrep::Result<sitrep::Article> a = sitrep::build_article(doc, nullptr);
        if (a.is_ok() && !sitrep::is_valid_utf8(a.value().text)) std::abort();
      },
      [](const sitrep::Diagnostic&) {});
  return 0;
}
