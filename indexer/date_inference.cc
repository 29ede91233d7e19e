// infer_date_from_text: the latest calendar day a briefing's text reports.
//
// scan_date_mentions (indexer/date_mentions.h) collects the date mentions, then they are
// resolved:
//
//  * Full dates: "October 28, 2025", "Oct. 28, 2025", "Oct 28 2025", "28 October 2025",
//    "2025-10-28", optionally after a weekday ("Tuesday, October 28, 2025"). A full date whose
//    weekday contradicts it is ignored.
//  * Yearless dates: "April 12", "12 April", "April 12th". With a weekday ("Sunday, April 12")
//    the year is the latest one not after `today` in [min year mentioned - 1, max year
//    mentioned + 2] (or the six years up to today's when the text mentions none) in which
//    that day is that weekday. Without one, the year is the latest weekday-resolved year, else
//    the latest year the text mentions, else today's year (then the year before, if that day
//    is still to come this year).
//  * Year-only ("in 2025") and month-year ("December 2025") mentions are not dates; they
//    only tell which years the text talks about, as does the year of a reporting period's
//    end.
//  * Reporting periods ("six months ended December 31, 2025", "fiscal 2026") never date the
//    briefing; future-pointing mentions ("due on December 31", "by the end of 2026") are
//    neither dates nor years (the words are listed in date_mentions.h).
//  * Dates after `today` are ignored (when `today` is valid).
//
// The scan is linear in the text; each mention looks back at most a few dozen bytes.
#include <algorithm>
#include <optional>
#include <vector>

#include "indexer/briefing_parser.h"
#include "indexer/date_mentions.h"

namespace briefings {

namespace {

using dates::DateMention;

bool before(const Date& a, const Date& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

}  // namespace

std::optional<Date> infer_date_from_text(std::string_view text, const Date& today) {
  std::vector<DateMention> mentions = dates::scan_date_mentions(text);
  constexpr auto reported = dates::MentionRole::reported;
  bool bounded = today.valid();
  auto after_today = [&](const Date& d) { return bounded && before(today, d); };

  int min_year = 0, max_year = 0;
  for (const DateMention& m : mentions) {
    if (m.year == 0 || (m.role == dates::MentionRole::period && m.day == 0)) continue;
    min_year = min_year == 0 ? m.year : std::min(min_year, m.year);
    max_year = std::max(max_year, m.year);
  }

  std::optional<Date> latest;
  auto consider = [&](const Date& d) {
    if (!d.valid() || after_today(d)) return;
    if (!latest || before(*latest, d)) latest = d;
  };

  // Yearless dates with a weekday first: they give the year the other yearless dates use.
  int weekday_year = 0;
  for (const DateMention& m : mentions) {
    if (m.day == 0 || m.year != 0 || m.weekday < 0 || m.role != reported) continue;
    int lo = 0, hi = 0;
    if (max_year != 0) {
      lo = min_year - 1, hi = max_year + 2;
    } else if (bounded) {
      lo = today.year - 6, hi = today.year;
    } else {
      continue;
    }
    for (int y = hi; y >= lo; --y) {
      Date d{y, m.month, m.day};
      if (!d.valid() || d.weekday() != m.weekday || after_today(d)) continue;
      consider(d);
      weekday_year = std::max(weekday_year, y);
      break;
    }
  }
  for (const DateMention& m : mentions) {
    if (m.day == 0 || m.role != reported) continue;
    if (m.year != 0) {
      Date d{m.year, m.month, m.day};
      if (!d.valid() || (m.weekday >= 0 && d.weekday() != m.weekday)) continue;
      consider(d);
    } else if (m.weekday < 0) {
      int year = weekday_year != 0 ? weekday_year : max_year;
      if (year != 0) {
        consider(Date{year, m.month, m.day});
      } else if (bounded) {
        Date d{today.year, m.month, m.day};
        if (d.valid() && after_today(d)) d.year -= 1;
        consider(d);
      }
    }
  }
  return latest;
}

}  // namespace briefings
