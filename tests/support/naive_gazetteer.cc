#include "naive_gazetteer.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>

// The twin uses the engine's key functions: it checks the index built on
// them, not the keys themselves.
#include "kb/gazetteer_format.h"

namespace sitrep::testing {

namespace gd = sitrep::kb::gazetteer_detail;

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t p = 0;
  while (true) {
    const size_t q = s.find(sep, p);
    out.push_back(s.substr(p, q == std::string::npos ? std::string::npos : q - p));
    if (q == std::string::npos) return out;
    p = q + 1;
  }
}

bool ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

Status NaiveGazetteer::load(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("gazetteer", 0) == 0 && (n.ends_with(".tsv.gz") || n.ends_with(".tsv")))
      files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& path : files) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) return io_error("cannot open " + path);
    std::string line;
    char buf[1 << 16];
    while (gzgets(f, buf, sizeof buf)) {
      line += buf;
      if (line.empty() || line.back() != '\n') continue;
      line.pop_back();
      if (!line.empty() && line[0] != '#') {
        const std::vector<std::string> c = split(line, '\t');
        if (c.size() < 10) {
          gzclose(f);
          return invalid_input(path + ": short row");
        }
        const std::string& id = c[0];
        const bool skel = (gd::is_focus_country(c[7]) || id.rfind("sup:", 0) == 0 || id.rfind("ne:", 0) == 0) &&
                          c[5] != "country";
        std::vector<std::string> names = split(c[9], '|');
        names.push_back(c[1]);
        for (const std::string& n : names) {
          const std::string k = gd::normalize_name(n);
          if (k.empty()) continue;
          exact_[k].insert(id);
          if (skel && ascii(k)) {
            const std::string s = gd::skeleton_key(k, true);
            if (s.size() >= 2) skeleton_[s].insert(id);
          }
        }
      }
      line.clear();
    }
    gzclose(f);
  }
  return Status::ok();
}

const std::set<std::string>* NaiveGazetteer::exact(const std::string& key) const {
  auto it = exact_.find(key);
  return it == exact_.end() ? nullptr : &it->second;
}

const std::set<std::string>* NaiveGazetteer::skeleton(const std::string& key) const {
  auto it = skeleton_.find(key);
  return it == skeleton_.end() ? nullptr : &it->second;
}

std::vector<NaiveGazetteer::Match> NaiveGazetteer::ngrams(std::string_view text, size_t max_words) const {
  // Words: maximal runs of bytes that are ASCII letters/digits or non-ASCII,
  // joined by an inner hyphen or apostrophe.
  auto word_byte = [](unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  };
  std::vector<std::pair<uint32_t, uint32_t>> words;
  for (size_t i = 0; i < text.size();) {
    if (!word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    const size_t b = i;
    while (i < text.size() && (word_byte(static_cast<unsigned char>(text[i])) ||
                               ((text[i] == '-' || text[i] == '\'') && i + 1 < text.size() &&
                                word_byte(static_cast<unsigned char>(text[i + 1])))))
      ++i;
    words.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(i));
  }
  std::vector<Match> out;
  for (size_t i = 0; i < words.size(); ++i) {
    for (size_t n = 1; n <= max_words && i + n <= words.size(); ++n) {
      const uint32_t b = words[i].first, e = words[i + n - 1].second;
      const std::string k = gd::normalize_name(text.substr(b, e - b));
      if (exact_.count(k)) out.push_back({b, e, k});
    }
  }
  return out;
}

}  // namespace sitrep::testing
