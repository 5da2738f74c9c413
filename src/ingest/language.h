// Language identification (CLD2).
#pragma once

#include <string>
#include <string_view>

namespace sitrep::ingest {

// ISO 639-1 code of the main language of `text` ("en", "ar", "fr"), or "un"
// when CLD2 cannot tell. A text over 400 bytes is judged by three 100-byte windows of it
// (start, middle, end) when CLD2 is sure of them, else by its first 64 KiB.
// Thread-safe.
std::string detect_language(std::string_view text);

}  // namespace sitrep::ingest
