// WARC 1.0/1.1 reader (plain or gzip; Common Crawl's CC-NEWS is the reference).
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "ingest/byte_stream.h"
#include "sitrep/ingest.h"

namespace sitrep::ingest {

// Reads WARC records from `stream` (already decompressed) and yields one
// RawDocument per `response` or `resource` record whose payload is HTML
// (an HTTP response with a text/html or application/xhtml+xml Content-Type;
// a resource record with such a Content-Type). Other records (warcinfo,
// request, metadata, non-HTML payloads) are skipped silently.
//
// The document: format "warc", is_html true, body = the HTTP payload (after
// the HTTP headers; de-chunked and gunzipped when the HTTP headers say so),
// url = WARC-Target-URI, path = "<input>#<WARC-Record-ID or record number>".
// WARC-Date is the crawl date, never a publication date: it is not passed on.
//
// A record with a wrong Content-Length (the block does not end with CRLF CRLF
// followed by the next "WARC/" header or end of input), a bad header, or a
// block over limits.max_document_bytes gets one Diagnostic naming the record
// number and its byte offset; the reader resynchronises on the next line that
// starts with "WARC/1." and goes on. A stream error (truncated gzip) ends the
// input with a Diagnostic; records read before it are kept.
// Returns the number of records that failed.
size_t read_warc(const std::string& input, ByteStream& stream, const IngestLimits& limits,
                 const std::function<void(RawDocument&&)>& on_document,
                 const DiagnosticSink& diagnostics);

}  // namespace sitrep::ingest
