// Briefing: the plain, in-memory shape of one saved news briefing.
//
// The parser (indexer/) produces it from text, the codec (index/codec.h) turns it into a
// Xapian document and back, and the searcher and web layers read it out of document data.
// It owns its strings and holds no Xapian or I/O state: a value type, freely copied, safe to
// move across threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace briefings {

// One sentence of a paragraph with the sources it cites. Citations such as "(cnbc.com)" or
// "(openai.com 2)" are removed from `text` and kept, normalised, in `hosts`.
struct Sentence {
  std::string text;
  std::vector<std::string> hosts;  // lower-case, no "www.", in order cited, no duplicates

  bool operator==(const Sentence& o) const { return text == o.text && hosts == o.hosts; }
};

struct Paragraph {
  std::vector<Sentence> sentences;

  bool operator==(const Paragraph& o) const { return sentences == o.sentences; }
};

// Where a briefing's date came from, in order of precedence.
enum class DateSource { none, option, metadata, text, mtime };

std::string_view to_string(DateSource source);
std::optional<DateSource> date_source_from_string(std::string_view name);

// A calendar day. Invalid (all zero) means "no date".
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  bool valid() const;           // a real Gregorian day between years 1000 and 9999
  std::string iso() const;      // "2026-04-12", or "" when invalid
  std::string compact() const;  // "20260412", or "" when invalid
  static std::optional<Date> parse_iso(std::string_view text);  // exactly "YYYY-MM-DD"
  static Date from_unix_time(long long seconds);                // UTC day
  int weekday() const;                                          // 0 = Sunday ... 6 = Saturday
  static int days_in_month(int year, int month);

  bool operator==(const Date& o) const {
    return year == o.year && month == o.month && day == o.day;
  }
  bool operator<(const Date& o) const { return compact() < o.compact(); }
};

struct Briefing {
  std::string id;                  // content id (index/content_id.h), 16 hex digits
  std::vector<std::string> paths;  // every file this content was found at, absolute
  std::string headline;
  std::vector<Paragraph> paragraphs;  // paragraphs[0] is the summary, the rest the body
  Date date;
  DateSource date_source = DateSource::none;

  // Every cited host, sorted, each once.
  std::vector<std::string> hosts() const;
  // The paragraphs as plain text, sentences joined by spaces, paragraphs by blank lines.
  std::string body_text() const;

  bool operator==(const Briefing& o) const {
    return id == o.id && paths == o.paths && headline == o.headline && paragraphs == o.paragraphs &&
           date == o.date && date_source == o.date_source;
  }
};

}  // namespace briefings
