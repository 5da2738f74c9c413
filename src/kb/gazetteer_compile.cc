// compile_gazetteer(): data/kb/gazetteer.tsv.gz (scripts/build_gazetteer.py)
// -> the memory-mappable gazetteer.bin. The file format, the name keys and the
// writer live in gazetteer.cc so that the compiler and the queries share them.
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "kb/gazetteer.h"
#include "kb/gazetteer_format.h"

namespace sitrep::kb {

namespace {

// Splits `line` at tabs into `fields` (views into `line`).
void split_tabs(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  size_t p = 0;
  while (true) {
    const size_t q = line.find('\t', p);
    if (q == std::string_view::npos) {
      fields.push_back(line.substr(p));
      return;
    }
    fields.push_back(line.substr(p, q - p));
    p = q + 1;
  }
}

bool parse_double(std::string_view s, double& out) {
  // std::from_chars for double is in libstdc++ 11+.
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Reads one gazetteer TSV (gzip or plain; gzread handles both). The 11th
// column, the conflict prior (activity), is optional.
Status read_tsv(const std::string& path, std::vector<Place>& places,
                std::vector<std::vector<std::string>>& names, std::vector<uint32_t>& activity) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return io_error("cannot open " + path);
  gzbuffer(f, 1 << 17);
  std::string line, pending;
  std::vector<std::string_view> fields;
  std::vector<char> buf(1 << 16);
  size_t lineno = 0;
  Status status;
  auto handle = [&](std::string_view l) -> bool {
    ++lineno;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty() || l[0] == '#') return true;
    split_tabs(l, fields);
    if (fields.size() != 10 && fields.size() != 11) {
      status = invalid_input(path + ":" + std::to_string(lineno) + ": " + std::to_string(fields.size()) +
                             " columns, expected 10 or 11 (id name lat lon precision feature admin1 "
                             "country population names [activity])");
      return false;
    }
    Place p;
    p.id = fields[0];
    p.name = fields[1];
    int64_t pop = 0;
    if (!parse_double(fields[2], p.lat) || !parse_double(fields[3], p.lon) || p.lat < -90 || p.lat > 90 ||
        p.lon < -180 || p.lon > 180 || p.id.empty() || p.name.empty()) {
      status = invalid_input(path + ":" + std::to_string(lineno) + ": bad id, name or coordinates");
      return false;
    }
    p.precision = gazetteer_detail::parse_precision(fields[4]);
    p.feature = fields[5];
    p.admin1 = fields[6];
    p.country = fields[7];
    std::from_chars(fields[8].data(), fields[8].data() + fields[8].size(), pop);
    p.population = pop;
    std::vector<std::string> alt;
    std::string_view rest = fields[9];
    while (!rest.empty()) {
      const size_t bar = rest.find('|');
      const std::string_view n = rest.substr(0, bar);
      if (!n.empty()) alt.emplace_back(n);
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
    uint32_t act = 0;
    if (fields.size() == 11) std::from_chars(fields[10].data(), fields[10].data() + fields[10].size(), act);
    places.push_back(std::move(p));
    names.push_back(std::move(alt));
    activity.push_back(act);
    return true;
  };
  while (true) {
    const int n = gzread(f, buf.data(), static_cast<unsigned>(buf.size()));
    if (n < 0) {
      int errnum = 0;
      const char* msg = gzerror(f, &errnum);
      gzclose(f);
      return io_error(path + ": " + (msg ? msg : "read error"));
    }
    if (n == 0) break;
    pending.append(buf.data(), static_cast<size_t>(n));
    size_t start = 0;
    for (size_t nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n', start)) {
      if (!handle(std::string_view(pending).substr(start, nl - start))) {
        gzclose(f);
        return status;
      }
      start = nl + 1;
    }
    pending.erase(0, start);
  }
  gzclose(f);
  if (!pending.empty() && !handle(pending)) return status;
  return Status::ok();
}

}  // namespace

Status compile_gazetteer(const std::string& source_dir, const std::string& out_path) {
  namespace fs = std::filesystem;
  std::vector<std::string> inputs;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(source_dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("gazetteer", 0) == 0 && (name.ends_with(".tsv.gz") || name.ends_with(".tsv")))
      inputs.push_back(e.path().string());
  }
  if (ec) return io_error("cannot read " + source_dir + ": " + ec.message());
  if (inputs.empty())
    return invalid_input("no gazetteer*.tsv.gz in " + source_dir + " (run scripts/build_gazetteer.py)");
  std::sort(inputs.begin(), inputs.end());
  std::vector<Place> places;
  std::vector<std::vector<std::string>> names;
  std::vector<uint32_t> activity;
  for (const std::string& in : inputs)
    if (Status s = read_tsv(in, places, names, activity); !s.is_ok()) return s;
  return gazetteer_detail::write_compiled(places, names, activity, out_path);
}

}  // namespace sitrep::kb
