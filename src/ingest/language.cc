#include "ingest/language.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>

namespace sitrep::ingest {

std::string detect_language(std::string_view text) {
  const int len = static_cast<int>(std::min<size_t>(text.size(), 64 * 1024));
  if (len == 0) return "un";
  bool reliable = false;
  const CLD2::Language lang =
      CLD2::DetectLanguage(text.data(), len, /*is_plain_text=*/true, &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE) return "un";
  return CLD2::LanguageCode(lang);
}

}  // namespace sitrep::ingest
