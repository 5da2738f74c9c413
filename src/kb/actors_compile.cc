// compile_actors: data/kb/actors-supplement.tsv + actors-cameo.tsv -> actors.bin.
//
// Precedence: the curated supplement is read first and owns every surface
// form it lists; a CAMEO row's form that equals one of them ignoring ASCII
// case is dropped (the CAMEO actor keeps its other forms). Within the CAMEO
// file the first row listing a form keeps it. Two supplement actors claiming
// the same form is a curation error.
//
// Case: a surface form written all in lower case matches ignoring ASCII case;
// a form with any capital letter ("IS", "UN", "U.S.", "Observatory") matches
// only exactly as written, so that "is", "us" or "an observatory" never do.
#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "kb/actors.h"
#include "kb/actors_format.h"
#include "kb/literal_matcher.h"

namespace sitrep::kb {
namespace {

using actors_format::kMagic;
using actors_format::kVersion;

constexpr const char* kSupplementFile = "actors-supplement.tsv";
constexpr const char* kCameoFile = "actors-cameo.tsv";

bool parse_kind(std::string_view s, ActorKind& out) {
  static constexpr ActorKind kAll[] = {ActorKind::kStateForce, ActorKind::kArmedGroup,  ActorKind::kMonitor,
                                       ActorKind::kMedia,      ActorKind::kGovernment,  ActorKind::kInternational,
                                       ActorKind::kCivilian,   ActorKind::kOther};
  for (ActorKind k : kAll) {
    if (s == to_string(k)) {
      out = k;
      return true;
    }
  }
  return false;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string fold(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool has_capital(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

struct Row {
  Actor actor;
  std::vector<std::string> forms;
};

Result<std::vector<Row>> read_rows(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error("cannot open " + path.string());
  std::vector<Row> rows;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto cols = split(line, '\t');
    const std::string where = path.filename().string() + ":" + std::to_string(line_no);
    if (cols.size() < 7) return invalid_input(where + ": expected at least 7 tab-separated columns");
    Row r;
    r.actor.id = std::string(cols[0]);
    r.actor.name = std::string(cols[1]);
    if (!parse_kind(cols[2], r.actor.kind)) return invalid_input(where + ": unknown kind '" + std::string(cols[2]) + "'");
    r.actor.country = std::string(cols[3]);
    r.actor.side = std::string(cols[4]);
    r.actor.cameo = std::string(cols[5]);
    if (r.actor.id.empty()) return invalid_input(where + ": empty id");
    for (std::string_view f : split(cols[6], '|'))
      if (!f.empty()) r.forms.emplace_back(f);
    rows.push_back(std::move(r));
  }
  return rows;
}

void put32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_str(std::string& out, const std::string& s) {
  put32(out, static_cast<uint32_t>(s.size()));
  out += s;
}

}  // namespace

Status compile_actors(const std::string& source_dir, const std::string& out_path) {
  namespace fs = std::filesystem;
  auto supplement = read_rows(fs::path(source_dir) / kSupplementFile);
  if (!supplement.is_ok()) return supplement.status();
  auto cameo = read_rows(fs::path(source_dir) / kCameoFile);
  if (!cameo.is_ok()) return cameo.status();

  std::vector<Actor> actors;
  std::vector<LiteralPattern> patterns;
  std::unordered_map<std::string, uint32_t> index_of_id;
  std::unordered_map<std::string, uint32_t> owner;  // folded form -> actor index
  std::unordered_set<std::string> seen;              // exact form + actor, to skip repeats
  for (int pass = 0; pass < 2; ++pass) {
    const bool curated = pass == 0;
    for (Row& r : (curated ? supplement : cameo).value()) {
      if (index_of_id.count(r.actor.id)) return invalid_input("duplicate actor id " + r.actor.id);
      const auto index = static_cast<uint32_t>(actors.size());
      index_of_id.emplace(r.actor.id, index);
      actors.push_back(r.actor);
      for (const std::string& form : r.forms) {
        const std::string key = fold(form);
        const auto [it, fresh] = owner.emplace(key, index);
        if (!fresh && it->second != index) {
          if (curated && actors[it->second].id != r.actor.id)
            return invalid_input("surface form '" + form + "' listed for both " + actors[it->second].id + " and " +
                                 r.actor.id);
          continue;
        }
        if (!seen.insert(form + '\t' + std::to_string(index)).second) continue;
        patterns.push_back({form, index, !has_capital(form)});
      }
      // A curated possessive also without its apostrophe, as copies that lost
      // their punctuation write it ("russias aerospace forces", "assads
      // forces"); never over another actor's form.
      for (const std::string& form : curated ? r.forms : std::vector<std::string>{}) {
        const size_t q = form.find("'s");
        if (q == std::string::npos || q == 0) continue;
        std::string bare = form;
        bare.erase(q, 1);
        const auto [it, fresh] = owner.emplace(fold(bare), index);
        if (!fresh && it->second != index) continue;
        if (!seen.insert(bare + '\t' + std::to_string(index)).second) continue;
        patterns.push_back({bare, index, !has_capital(bare)});
      }
    }
  }
  // A caseless form already covers its capitalised spellings for the same actor.
  std::unordered_set<std::string> caseless_keys;
  for (const LiteralPattern& p : patterns)
    if (p.caseless) caseless_keys.insert(fold(p.literal) + '\t' + std::to_string(p.id));
  std::erase_if(patterns, [&](const LiteralPattern& p) {
    return !p.caseless && caseless_keys.count(fold(p.literal) + '\t' + std::to_string(p.id));
  });

  if (actors.size() > kMaxActors) return invalid_input("more than " + std::to_string(kMaxActors) + " actors");
  auto matcher = LiteralMatcher::compile(patterns);
  if (!matcher.is_ok()) return matcher.status();
  auto blob = matcher.value()->serialize();
  if (!blob.is_ok()) return blob.status();

  std::string out(kMagic, sizeof kMagic);
  put32(out, kVersion);
  put32(out, static_cast<uint32_t>(actors.size()));
  for (const Actor& a : actors) {
    out.push_back(static_cast<char>(a.kind));
    put_str(out, a.id);
    put_str(out, a.name);
    put_str(out, a.country);
    put_str(out, a.side);
    put_str(out, a.cameo);
  }
  const uint64_t blob_size = blob.value().size();
  out.append(reinterpret_cast<const char*>(&blob_size), sizeof blob_size);
  out += blob.value();

  // Written beside the target and renamed over it, so readers never see half a file.
  const std::string tmp = out_path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return io_error("cannot write " + tmp);
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!f.flush()) return io_error("cannot write " + tmp);
  }
  std::error_code ec;
  fs::rename(tmp, out_path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return io_error("cannot rename " + tmp + " to " + out_path);
  }
  return Status::ok();
}

}  // namespace sitrep::kb
