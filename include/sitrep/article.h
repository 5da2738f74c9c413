// Article: one news article after ingestion, with clean text and the map back
// to the bytes it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sitrep {

// A run of clean text that came from one run of original bytes. Within an
// exact segment every clean byte maps to the original byte at the same
// distance; an inexact one (decoded entities, joined lines) maps only its start.
struct OffsetSegment {
  uint32_t clean_begin = 0;
  uint32_t orig_begin = 0;
  uint32_t length = 0;  // bytes of clean text covered
  bool exact = true;
};

// Maps offsets in an article's clean text to offsets in its original bytes.
// The "original" is the document the text was cleaned from: the file for text
// and HTML input, the decoded "text"/"html" field for JSON Lines, the HTTP
// payload for WARC. Immutable after construction; cheap to copy.
class OffsetMap {
 public:
  OffsetMap() = default;
  explicit OffsetMap(std::vector<OffsetSegment> segments) : segments_(std::move(segments)) {}

  // The original offset of clean byte `clean`; bytes the cleaner inserted
  // (paragraph breaks) map to the start of the next segment.
  uint32_t to_original(uint32_t clean) const;
  const std::vector<OffsetSegment>& segments() const { return segments_; }

 private:
  std::vector<OffsetSegment> segments_;  // sorted by clean_begin, non-overlapping
};

enum class DatePrecision { kDay, kDays, kWeek, kMonth, kYear };
const char* to_string(DatePrecision p);

// A calendar date with a precision: month and day are 0 when unknown.
struct Date {
  int year = 0, month = 0, day = 0;
  DatePrecision precision = DatePrecision::kDay;
  std::string iso() const;  // "2017-06-07", "2017-06", "2017"
  bool operator==(const Date&) const = default;
};

// Where a publication date was found, from most to least trusted.
enum class DateSource { kMetadata, kDateline, kText, kCaption, kFile };
const char* to_string(DateSource s);

struct PublishedDate {
  Date date;
  DateSource from = DateSource::kText;
  std::string evidence;  // the words it was read from, for the user to check
};

enum class ParagraphKind { kTitle, kHeading, kBody, kCaption, kListItem, kQuote };
const char* to_string(ParagraphKind k);

struct Paragraph {
  uint32_t begin = 0, end = 0;  // byte span in the clean text
  ParagraphKind kind = ParagraphKind::kBody;
};

inline constexpr size_t kMinHashSize = 64;

struct Article {
  std::string id;                  // stable hash of outlet, title and clean text
  std::vector<std::string> paths;  // inputs it came from (file path or JSONL record id), sorted
  std::optional<std::string> url;
  std::string outlet = "unknown";
  std::string title;
  std::optional<std::string> byline;
  std::optional<PublishedDate> published;
  std::string language = "un";  // ISO 639-1 code from CLD2, "un" when unknown
  std::optional<std::string> duplicate_of;
  std::string format;  // text | html | jsonl | warc

  std::string text;  // clean text: paragraphs separated by "\n\n", valid UTF-8
  std::vector<Paragraph> paragraphs;
  OffsetMap offsets;
  // MinHash signature of the 3-word shingles of `text` (kMinHashSize values),
  // for near-duplicate detection.
  std::vector<uint32_t> minhash;
};

}  // namespace sitrep
