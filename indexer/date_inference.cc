// infer_date_from_text: the calendar day a briefing's own words date it to.
//
// Mentions come from scan_date_mentions (indexer/date_mentions.h: the forms, datelines,
// reporting periods and the future-pointing words that drop a mention). Then:
//
//  * Full dates ("October 28, 2025", "28 October 2025", "2025-10-28") count when valid, not
//    after `today`, and not contradicted by a weekday written before them ("Monday, October
//    28, 2025" is ignored: that day was a Tuesday).
//  * A yearless date with a weekday ("Sunday, April 12") takes the latest year, not after
//    `today`, in [min year mentioned - 1, max year mentioned + 2] (or the six years up to
//    today's when the text mentions none) in which that day is that weekday.
//  * Year-only ("in 2025") and month-year ("December 2025") mentions are not dates; they
//    tell which years the text talks about, as does the year of a reporting period's end.
//  * Reporting periods ("six months ended December 31, 2025", "fiscal 2026") never date the
//    briefing; future-pointing mentions ("due on December 31", "by the end of 2026") are
//    neither dates nor years.
//  * The briefing's date, by strength of evidence:
//     1. A dateline's date ("TORONTO, Monday, March 2, 1987.", "LONDON, March 2 -"): the
//        latest one not after `today`. A yearless dateline without a weekday takes its most
//        recent occurrence on or before the yearless ceiling (below), moved on to its first
//        occurrence on or after the best full date when it would precede what the text
//        reports.
//     2. Else the best full date: the latest full or weekday-resolved date.
//     3. Else a yearless date without a weekday, at its most recent occurrence on or before
//        the ceiling: the end of the latest year mentioned, or `today` when that is earlier
//        or no year is mentioned; the latest such date wins.
//    So a yearless date never dates a briefing past its dateline or best full date
//    ("December 14" in a text dated "March 2, 1987" does not make it 1987-12-14), and a
//    December date in a January briefing is last year's.
//  * An invalid `today` means no upper bound; yearless dates then need a year from the text.
#include <algorithm>
#include <optional>
#include <vector>

#include "indexer/briefing_parser.h"
#include "indexer/date_mentions.h"

namespace briefings {

namespace {

using dates::DateMention;
using dates::MentionRole;

bool before(const Date& a, const Date& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

void keep_latest(std::optional<Date>& latest, const std::optional<Date>& d) {
  if (d && (!latest || before(*latest, *d))) latest = d;
}

// Turns single mentions into dates, given `today` and the years the text talks about.
class Resolver {
 public:
  Resolver(const Date& today, const std::vector<DateMention>& mentions)
      : today_(today), bounded_(today.valid()) {
    for (const DateMention& m : mentions) {
      if (m.year == 0 || (m.role == MentionRole::period && m.day == 0)) continue;
      min_year_ = min_year_ == 0 ? m.year : std::min(min_year_, m.year);
      max_year_ = std::max(max_year_, m.year);
    }
  }

  // A full date, or a yearless one with a weekday; nullopt for anything else.
  std::optional<Date> strong(const DateMention& m) const {
    if (m.day == 0) return std::nullopt;
    if (m.year != 0) {
      Date d{m.year, m.month, m.day};
      if (!d.valid() || after_today(d) || (m.weekday >= 0 && d.weekday() != m.weekday)) {
        return std::nullopt;
      }
      return d;
    }
    return m.weekday >= 0 ? by_weekday(m) : std::nullopt;
  }

  // A yearless date without a weekday, when nothing stronger dates the text.
  std::optional<Date> yearless(const DateMention& m) const {
    std::optional<Date> limit = ceiling();
    return limit ? on_or_before(m, *limit) : std::nullopt;
  }

  // A yearless dateline without a weekday: as `yearless`, but not before `floor`, the best
  // full date of the text it opens.
  std::optional<Date> yearless_dateline(const DateMention& m,
                                        const std::optional<Date>& floor) const {
    std::optional<Date> d = yearless(m);
    if (!floor || (d && !before(*d, *floor))) return d;
    for (int y = floor->year; y <= floor->year + 8; ++y) {
      Date candidate{y, m.month, m.day};
      if (!candidate.valid() || before(candidate, *floor)) continue;
      return after_today(candidate) ? d : candidate;
    }
    return d;
  }

 private:
  bool after_today(const Date& d) const { return bounded_ && before(today_, d); }

  std::optional<Date> by_weekday(const DateMention& m) const {
    int lo = 0, hi = 0;
    if (max_year_ != 0) {
      lo = min_year_ - 1, hi = max_year_ + 2;
    } else if (bounded_) {
      lo = today_.year - 6, hi = today_.year;
    } else {
      return std::nullopt;
    }
    for (int y = hi; y >= lo; --y) {
      Date d{y, m.month, m.day};
      if (d.valid() && d.weekday() == m.weekday && !after_today(d)) return d;
    }
    return std::nullopt;
  }

  // The latest day a yearless date may stand for.
  std::optional<Date> ceiling() const {
    if (max_year_ == 0) return bounded_ ? std::optional<Date>(today_) : std::nullopt;
    Date end_of_year{max_year_, 12, 31};
    return after_today(end_of_year) ? today_ : end_of_year;
  }

  // The most recent occurrence of the mention's day on or before `limit` (February 29
  // looks back up to eight years).
  static std::optional<Date> on_or_before(const DateMention& m, const Date& limit) {
    for (int y = limit.year; y >= limit.year - 8; --y) {
      Date d{y, m.month, m.day};
      if (d.valid() && !before(limit, d)) return d;
    }
    return std::nullopt;
  }

  Date today_;
  bool bounded_;
  int min_year_ = 0, max_year_ = 0;
};

}  // namespace

std::optional<Date> infer_date_from_text(std::string_view text, const Date& today) {
  std::vector<DateMention> mentions = dates::scan_date_mentions(text);
  Resolver resolver(today, mentions);

  std::optional<Date> best_full;
  for (const DateMention& m : mentions) {
    if (m.role == MentionRole::reported) keep_latest(best_full, resolver.strong(m));
  }
  std::optional<Date> dateline;
  for (const DateMention& m : mentions) {
    if (m.role != MentionRole::dateline) continue;
    bool plain_yearless = m.year == 0 && m.weekday < 0;
    keep_latest(dateline,
                plain_yearless ? resolver.yearless_dateline(m, best_full) : resolver.strong(m));
  }
  if (dateline) return dateline;
  if (best_full) return best_full;

  std::optional<Date> latest;
  for (const DateMention& m : mentions) {
    if (m.role == MentionRole::reported && m.day != 0 && m.year == 0 && m.weekday < 0) {
      keep_latest(latest, resolver.yearless(m));
    }
  }
  return latest;
}

}  // namespace briefings
