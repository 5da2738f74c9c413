// The test-only twin of LiteralMatcher: every pattern tried at every byte
// offset, no automaton. Slow on purpose; its only job is to be plainly right.
#include <unicode/uchar.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "kb/literal_matcher.h"

namespace sitrep::kb {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_at(std::string_view text, size_t pos, const LiteralPattern& p) {
  if (pos + p.literal.size() > text.size()) return false;
  for (size_t i = 0; i < p.literal.size(); ++i) {
    const char a = text[pos + i], b = p.literal[i];
    if (p.caseless ? ascii_lower(a) != ascii_lower(b) : a != b) return false;
  }
  return true;
}

// Code point of the UTF-8 character occupying bytes [from, to), or -1.
int32_t code_point(std::string_view text, size_t from, size_t to) {
  const auto u = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const size_t n = to - from;
  if (n == 1) return u(from) < 0x80 ? u(from) : -1;
  const unsigned char lead = u(from);
  const size_t want = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
  if (want != n) return -1;
  int32_t cp = lead & (0xFF >> (n + 1));
  for (size_t i = from + 1; i < to; ++i) {
    if ((u(i) & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (u(i) & 0x3F);
  }
  return cp;
}

bool is_word(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return u_isalpha(cp);
}

// The character that ends exactly at `pos`: try each possible start.
bool word_before(std::string_view text, size_t pos) {
  if (pos == 0) return false;
  const auto c = static_cast<unsigned char>(text[pos - 1]);
  if (c < 0x80) return is_word(c);
  for (size_t len = 2; len <= 4 && len <= pos; ++len) {
    const int32_t cp = code_point(text, pos - len, pos);
    if (cp >= 0) return is_word(cp);
  }
  return false;
}

bool word_at(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return is_word(c);
  for (size_t len = 2; len <= 4 && pos + len <= text.size(); ++len) {
    const int32_t cp = code_point(text, pos, pos + len);
    if (cp >= 0) return is_word(cp);
  }
  return false;
}

}  // namespace

void NaiveLiteralMatcher::scan(std::string_view text, const MatchCallback& on_match) const {
  // Only to keep tests quick on thousands of patterns: a pattern can start
  // only where the text begins with its first one or two bytes (lower-cased on
  // both sides when caseless), so each position tries just the patterns filed
  // under those bytes.
  const auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
  };
  std::map<std::string, std::vector<const LiteralPattern*>> exact, caseless;
  for (const LiteralPattern& p : patterns_) {
    if (p.literal.empty()) continue;
    const std::string_view head = std::string_view(p.literal).substr(0, 2);
    (p.caseless ? caseless[lower(head)] : exact[std::string(head)]).push_back(&p);
  }
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> hits;  // (end, begin, id)
  for (size_t pos = 0; pos < text.size(); ++pos) {
    for (size_t n = 1; n <= 2 && pos + n <= text.size(); ++n) {
      const std::string_view head = text.substr(pos, n);
      for (const auto& [table, key] : {std::pair{&exact, std::string(head)}, std::pair{&caseless, lower(head)}}) {
        const auto it = table->find(key);
        if (it == table->end()) continue;
        for (const LiteralPattern* p : it->second) {
          if (!equal_at(text, pos, *p)) continue;
          const size_t end = pos + p->literal.size();
          if (word_before(text, pos) || word_at(text, end)) continue;
          hits.emplace_back(static_cast<uint32_t>(end), static_cast<uint32_t>(pos), p->id);
        }
      }
    }
  }
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  for (const auto& [end, begin, id] : hits) on_match(id, begin, end);
}

}  // namespace sitrep::kb
