// report.html: one self-contained page (no network) a person can read: a
// summary, a map, incidents with grade, figure range, sources and each
// outlet's quote side by side, contradictions, narratives and outlet profiles.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "assess/narratives.h"
#include "sitrep/article.h"
#include "sitrep/link.h"

namespace sitrep {

// The incidents report.html shows as cards, picked as all incidents stream
// past (a million of them do not fit in memory at once), with the counts of
// the page's summary. A card goes to an incident reported by more than one
// article or carrying a figure; at most kMaxCards of them, those reported by
// the most articles, then with the most figures, then the most reports, then
// the earliest. A page of a million cards would be gigabytes no browser opens.
class CardPicker {
 public:
  static constexpr size_t kMaxCards = 500;

  void add(const Incident& incident);

  size_t incidents() const { return incidents_; }
  size_t worthy() const { return worth_; }  // worth a card, before the kMaxCards cut
  size_t linked() const { return linked_; }       // reported by 2+ articles
  size_t with_contradictions() const { return contradictions_; }
  // The cards, by date (undated last), then id.
  std::vector<Incident> cards() const;

 private:
  struct Kept {
    size_t articles, figures, reports;
    std::string order;  // IncidentLinker::order_key
    Incident incident;
  };
  static bool better(const Kept& a, const Kept& b);
  void trim();
  std::vector<Kept> kept_;
  size_t incidents_ = 0, worth_ = 0, linked_ = 0, contradictions_ = 0;
};

struct HtmlReportInput {
  const std::vector<Article>& articles;
  size_t reports = 0;                              // how many reports were linked
  std::function<LinkInput(size_t)> report;         // what Incident::members index
  const CardPicker& incidents;
  const std::vector<assess::Narrative>& narratives;
  const std::vector<assess::OutletProfile>& outlets;
};

std::string render_report_html(const HtmlReportInput& in);

// Appends `s` with & < > " ' escaped.
void append_html_escaped(std::string& out, std::string_view s);

}  // namespace sitrep
