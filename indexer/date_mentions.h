// Date mentions: where a text names a calendar day, a month of a year or a year, and what
// part that mention plays. This is the scanner behind infer_date_from_text; the rules that
// turn mentions into a briefing's date are at the top of date_inference.cc.
//
// Forms: "October 28, 2025", "Oct. 28, 2025", "Oct 28 2025", "28 October 2025", "the 28th of
// October", "2025-10-28", yearless "April 12" / "12 April" / "April 12th", each maybe after
// a weekday ("Sunday, April 12", "Sun. April 12"); month-year "December 2025"; a year alone
// ("in 2025"). Month and weekday names must be capitalised, so the verbs "may" and "march"
// are no months.
//
// Roles, from the words around a mention:
//  * dateline: the date of a dateline. A dateline opens a line: a place (one to four
//    capitalised words, maybe a second part such as ", Calif." or ", D.C."), separators (",",
//    "(Reuters)", "--(BUSINESS WIRE)--", a dash), maybe a weekday, a date with a day, then
//    ".", ":", "/" (as in "/PRNewswire/"), a dash, or "(Agency)" and one of those. On the
//    text's first two lines (the parser's headline and first sentence) the place may be in
//    any case ("Berlin, 12 April 2026 -"); further down, where a later paragraph may open,
//    only in capitals, as wire copy writes it ("LONDON, March 2 -"). A place never starts
//    with a word such as "On" or "In", and no place word is a month or weekday name.
//  * period: the end of a reporting period ("six months ended December 31", "year to
//    March 31", "quarter that ended on June 30", "nine months through September 30"), or a
//    fiscal year ("fiscal 2026", "fiscal year 2026", "FY 2026").
//  * reported: any other mention.
// Future-pointing mentions are left out: the mention follows, within four words,
// "expected", "scheduled", "slated", "planned", "due", "deadline", "until", "till", "will",
// "shall", "upcoming", "forthcoming", "begins" or "starts"; or directly (or after "on" /
// "from") "starting", "beginning" or "effective"; or "by" directly or as "by (the) end /
// close / middle / late / early / mid".
//
// scan_date_mentions is a pure function, linear in the text (each mention looks back and
// ahead at most a few dozen bytes); thread-safe.
// Ownership: owns nothing; the mentions it returns are the caller's.
#pragma once

#include <string_view>
#include <vector>

namespace briefings::dates {

enum class MentionRole { reported, dateline, period };

struct DateMention {
  int year = 0;      // 0: yearless
  int month = 0;     // 0: a year alone
  int day = 0;       // 0: a year or a month-year, which only tells which years the text is about
  int weekday = -1;  // the weekday written before it, 0 = Sunday ... 6 = Saturday; -1: none
  MentionRole role = MentionRole::reported;
};

// The mentions in text order, future-pointing ones left out.
std::vector<DateMention> scan_date_mentions(std::string_view text);

}  // namespace briefings::dates
