#include "common/utf8.h"

#include <simdjson.h>

namespace sitrep {

bool is_valid_utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

namespace {

// Length of the well-formed sequence at s[i], or 0 when ill-formed
// (Unicode Table 3-7).
size_t valid_sequence_at(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const size_t n = s.size() - i;
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return k < n && b(k) >= lo && b(k) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// Bytes of the maximal subpart of an ill-formed sequence at s[i] (at least 1).
size_t maximal_subpart(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t want = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    want = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    want = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    want = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else
    return 1;
  size_t k = 1;
  while (k < want && i + k < s.size()) {
    const unsigned char d = static_cast<unsigned char>(s[i + k]);
    if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF)) break;
    ++k;
  }
  return k;
}

}  // namespace

Utf8Repair repair_utf8(std::string_view s) {
  Utf8Repair r;
  if (is_valid_utf8(s)) {
    r.text.assign(s);
    return r;
  }
  r.text.reserve(s.size() + 16);
  size_t run_start = 0;  // start of the current run of good bytes in s
  auto flush = [&](size_t end) {
    if (end > run_start) {
      r.segments.push_back({static_cast<uint32_t>(r.text.size()), static_cast<uint32_t>(run_start),
                            static_cast<uint32_t>(end - run_start), true});
      r.text.append(s.substr(run_start, end - run_start));
    }
  };
  size_t i = 0;
  while (i < s.size()) {
    const size_t len = valid_sequence_at(s, i);
    if (len) {
      i += len;
      continue;
    }
    flush(i);
    if (r.replaced == 0) r.first_bad_offset = i;
    const size_t bad = maximal_subpart(s, i);
    r.segments.push_back(
        {static_cast<uint32_t>(r.text.size()), static_cast<uint32_t>(i), 3, false});
    r.text.append("\xEF\xBF\xBD");
    ++r.replaced;
    i += bad;
    run_start = i;
  }
  flush(s.size());
  return r;
}

}  // namespace sitrep
