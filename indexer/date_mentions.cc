// scan_date_mentions: one left-to-right pass over the text; see date_mentions.h for the forms
// and roles. No std::regex: each form is matched by hand at the start of a word.
#include "indexer/date_mentions.h"

#include <array>
#include <initializer_list>
#include <string>

#include "indexer/text_utils.h"

namespace briefings::dates {

namespace {

using text::is_alnum;
using text::is_alpha;
using text::is_digit;

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};
constexpr std::string_view kEnDash = "\xE2\x80\x93";
constexpr std::string_view kEmDash = "\xE2\x80\x94";
// A dateline's place and separators fit in this many bytes; the bound keeps a line of many
// dates linear ("SAN FRANCISCO, Calif.--(BUSINESS WIRE)--" is 40).
constexpr size_t kMaxDatelinePrefix = 120;

// 1..12 for a month name or its usual abbreviation ("Oct", "Sept"); 0 otherwise. The word
// must be capitalised, so the verbs "may" and "march" are not months.
int month_from_word(std::string_view w) {
  if (w.size() < 3 || w.size() > 9 || !text::is_upper(w[0])) return 0;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (text::iequals(w, kMonths[m])) return static_cast<int>(m) + 1;
    if (w.size() == 3 && m != 4 && text::iequals(w, kMonths[m].substr(0, 3))) {
      return static_cast<int>(m) + 1;
    }
  }
  if (text::iequals(w, "sept")) return 9;
  return 0;
}

// 0..6 (Sunday first) for a weekday name or abbreviation ("Sun", "Tues"); -1 otherwise.
int weekday_from_word(std::string_view w) {
  if (w.size() < 3 || w.size() > 9 || !text::is_upper(w[0])) return -1;
  for (size_t d = 0; d < kWeekdays.size(); ++d) {
    if (text::iequals(w, kWeekdays[d])) return static_cast<int>(d);
    if (w.size() <= 5 && text::istarts_with(kWeekdays[d], w)) return static_cast<int>(d);
  }
  return -1;
}

bool one_of(std::string_view w, std::initializer_list<std::string_view> words) {
  for (std::string_view candidate : words) {
    if (w == candidate) return true;
  }
  return false;
}

// A place starting with one of these is a phrase ("On Tuesday, March 3, ..."), not a place.
bool is_function_word(std::string_view w) {
  for (std::string_view f :
       {"on",     "in",    "at",   "by",     "for",     "from",  "since", "until", "till",
        "before", "after", "as",   "during", "through", "and",   "but",   "or",    "then",
        "last",   "next",  "this", "of",     "to",      "early", "late",  "today", "yesterday"}) {
    if (text::iequals(w, f)) return true;
  }
  return false;
}

// The words before a mention, nearest first, lower-cased.
struct WordsBefore {
  std::array<std::string, 5> words;
  size_t count = 0;
  std::string_view at(size_t k) const { return k < count ? words[k] : std::string_view(); }
};

// Does the mention after these words point to the future?
bool points_to_future(const WordsBefore& b) {
  for (size_t k = 0; k < b.count && k < 4; ++k) {
    std::string_view w = b.at(k);
    if (one_of(w, {"expected", "scheduled", "slated", "planned", "due", "deadline", "until", "till",
                   "will", "shall", "upcoming", "forthcoming", "begins", "starts"})) {
      return true;
    }
    if (one_of(w, {"starting", "beginning", "effective"}) &&
        (k == 0 || (k == 1 && one_of(b.at(0), {"on", "from"})))) {
      return true;
    }
    if (w != "by") continue;
    if (k == 0) return true;
    std::string_view next = b.at(k - 1);
    if (one_of(next, {"end", "close", "late", "early", "mid", "middle"})) return true;
    if (next == "the" && k >= 2 && one_of(b.at(k - 2), {"end", "close", "middle"})) return true;
  }
  return false;
}

// Does the mention after these words end a reporting period, or name a fiscal year?
bool closes_period(const WordsBefore& b, bool year_alone) {
  if (year_alone) {
    return one_of(b.at(0), {"fiscal", "fy"}) || (b.at(0) == "year" && b.at(1) == "fiscal");
  }
  size_t k = 0;
  auto skip_fillers = [&] {
    while (k < b.count && one_of(b.at(k), {"on", "the", "that", "which", "was", "has"})) ++k;
  };
  skip_fillers();
  if (!one_of(b.at(k), {"ended", "ending", "ends", "closed", "through", "thru", "to"})) {
    return false;
  }
  ++k;
  skip_fillers();
  return one_of(b.at(k), {"months", "month", "quarter", "quarters", "year", "years", "period",
                          "half", "weeks", "week", "days", "semester"});
}

class Scanner {
 public:
  explicit Scanner(std::string_view t) : t_(t) {}

  std::vector<DateMention> scan() const {
    std::vector<DateMention> out;
    size_t i = 0, line_start = 0;
    int line = 0;
    while (i < t_.size()) {
      char c = t_[i];
      if (c == '\n') {
        ++line;
        line_start = ++i;
        continue;
      }
      if (!is_alnum(c) || (i > 0 && is_alnum(t_[i - 1]))) {
        ++i;
        continue;
      }
      size_t start = i;
      DateMention m;
      size_t end = is_alpha(c) ? month_first(i, m) : number_first(i, m);
      if (end == 0) {
        // Not a date: skip the rest of the word.
        while (i < t_.size() && is_alnum(t_[i])) ++i;
        continue;
      }
      i = end;
      size_t from = m.day != 0 ? weekday_before(start, m.weekday) : start;
      WordsBefore before = words_before(from);
      if (points_to_future(before)) continue;
      if (m.day != 0 && opens_dateline(line_start, from, end, line >= 2)) {
        m.role = MentionRole::dateline;
      } else if (closes_period(before, m.month == 0)) {
        m.role = MentionRole::period;
      }
      out.push_back(m);
    }
    return out;
  }

 private:
  size_t word_end(size_t i) const {
    while (i < t_.size() && is_alpha(t_[i])) ++i;
    return i;
  }
  size_t digits_end(size_t i) const {
    while (i < t_.size() && is_digit(t_[i])) ++i;
    return i;
  }
  size_t skip_blanks(size_t i) const {
    while (i < t_.size() && (t_[i] == ' ' || t_[i] == '\t')) ++i;
    return i;
  }
  bool alnum_at(size_t i) const { return i < t_.size() && is_alnum(t_[i]); }
  int number(size_t b, size_t e) const {
    int v = 0;
    for (size_t k = b; k < e; ++k) v = v * 10 + (t_[k] - '0');
    return v;
  }
  // After a day number: an ordinal suffix ("12th").
  size_t skip_ordinal(size_t i) const {
    if (i + 2 <= t_.size()) {
      std::string suffix = text::to_lower(t_.substr(i, 2));
      if ((suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") &&
          !alnum_at(i + 2)) {
        return i + 2;
      }
    }
    return i;
  }
  // ", 2025" or " 2025" after a day: the year and the end of the mention, or 0.
  size_t year_after(size_t i, int& year) const {
    size_t k = i;
    if (k < t_.size() && t_[k] == ',') ++k;
    size_t y = skip_blanks(k);
    if (y == k && k == i) return 0;  // "12" directly followed by digits is not "12 2025"
    size_t e = digits_end(y);
    if (e - y != 4 || alnum_at(e)) return 0;
    year = number(y, e);
    return e;
  }

  // At a word: "October 28[, 2025]" or "December 2025". Returns the mention's end or 0.
  size_t month_first(size_t i, DateMention& m) const {
    size_t w = word_end(i);
    if (alnum_at(w)) return 0;
    int month = month_from_word(t_.substr(i, w - i));
    if (month == 0) return 0;
    size_t q = w;
    if (q < t_.size() && t_[q] == '.') ++q;
    size_t d = skip_blanks(q);
    if (d == q) return 0;
    size_t e = digits_end(d);
    if (e - d == 4 && !alnum_at(e)) {  // month-year: a year hint only
      m.year = number(d, e);
      return e;
    }
    if (e - d < 1 || e - d > 2) return 0;
    size_t after = skip_ordinal(e);
    if (alnum_at(after)) return 0;
    if (after < t_.size() && t_[after] == ',' && after + 1 < t_.size() && is_digit(t_[after + 1])) {
      return 0;  // "April 1,000"
    }
    return day_and_month(number(d, e), month, after, m);
  }

  // At a number: "2025-10-28", "28 October[ 2025]", "28th of October" or a bare year.
  // Returns the end or 0.
  size_t number_first(size_t i, DateMention& m) const {
    size_t e = digits_end(i);
    size_t len = e - i;
    if (len == 4 && e + 6 <= t_.size() && t_[e] == '-' && is_digit(t_[e + 1]) &&
        is_digit(t_[e + 2]) && t_[e + 3] == '-' && is_digit(t_[e + 4]) && is_digit(t_[e + 5]) &&
        !alnum_at(e + 6)) {
      m.year = number(i, e);
      m.month = number(e + 1, e + 3);
      m.day = number(e + 4, e + 6);
      return e + 6;
    }
    if (len >= 1 && len <= 2) return day_first(i, e, m);
    if (len == 4) {
      int year = number(i, e);
      if (year < 1900 || year > 2100) return 0;
      if (i > 0 && (t_[i - 1] == '$' || t_[i - 1] == '.' || t_[i - 1] == ',')) return 0;
      if (alnum_at(e) || (e < t_.size() && t_[e] == '%')) return 0;
      if (e + 1 < t_.size() && (t_[e] == ',' || t_[e] == '.') && is_digit(t_[e + 1])) return 0;
      m.year = year;
      return e;
    }
    return 0;
  }

  // At a day number t_[i, e): "28 October[ 2025]", "28th of October". Returns the end or 0.
  size_t day_first(size_t i, size_t e, DateMention& m) const {
    size_t after = skip_ordinal(e);
    size_t w = skip_blanks(after);
    if (after != e && t_.substr(w, 3) == "of ") w = skip_blanks(w + 2);
    if (w == after || w >= t_.size() || !is_alpha(t_[w])) return 0;
    size_t we = word_end(w);
    if (alnum_at(we)) return 0;
    int month = month_from_word(t_.substr(w, we - w));
    if (month == 0) return 0;
    size_t q = we;
    if (q < t_.size() && t_[q] == '.') ++q;
    return day_and_month(number(i, e), month, q, m);
  }

  // A day and month read, ending at `end`: with the year that follows them, if one does.
  // Returns where the mention ends.
  size_t day_and_month(int day, int month, size_t end, DateMention& m) const {
    m.month = month;
    m.day = day;
    int year = 0;
    if (size_t y = year_after(end, year)) {
      m.year = year;
      return y;
    }
    return end;
  }

  // A weekday just before position `start` ("Sunday, " / "Sun. "): sets `weekday` and
  // returns where it starts; otherwise returns `start`.
  size_t weekday_before(size_t start, int& weekday) const {
    size_t j = start;
    while (j > 0 && (t_[j - 1] == ' ' || t_[j - 1] == '\t')) --j;
    if (j > 0 && t_[j - 1] == ',') --j;
    while (j > 0 && (t_[j - 1] == ' ' || t_[j - 1] == '\t')) --j;
    if (j > 0 && t_[j - 1] == '.') --j;
    size_t e = j;
    size_t limit = e > 12 ? e - 12 : 0;
    while (j > limit && is_alpha(t_[j - 1])) --j;
    if (j == e || (j > 0 && is_alnum(t_[j - 1]))) return start;
    int wd = weekday_from_word(t_.substr(j, e - j));
    if (wd < 0) return start;
    weekday = wd;
    return j;
  }

  // Up to five words before `start`, within its clause and 80 bytes.
  WordsBefore words_before(size_t start) const {
    WordsBefore b;
    size_t j = start;
    size_t limit = start > 80 ? start - 80 : 0;
    while (b.count < b.words.size() && j > limit) {
      char c = t_[j - 1];
      if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n' || c == '(' ||
          c == ')') {
        break;
      }
      if (!is_alpha(c)) {
        --j;
        continue;
      }
      size_t e = j;
      while (j > limit && is_alpha(t_[j - 1])) --j;
      b.words[b.count++] = text::to_lower(t_.substr(j, e - j));
    }
    return b;
  }

  // ---------------------------------------------------------------------------------------
  // Datelines

  // Length of a dash at i: a run of '-', an en dash or an em dash; 0 when there is none.
  size_t dash_length(size_t i) const {
    size_t k = i;
    while (k < t_.size() && t_[k] == '-') ++k;
    if (k > i) return k - i;
    if (t_.substr(i, 3) == kEnDash || t_.substr(i, 3) == kEmDash) return 3;
    return 0;
  }
  // An agency in parentheses at i ("(Reuters)", "(BUSINESS WIRE)"): the end past ')', or 0.
  size_t agency_end(size_t i, size_t limit) const {
    for (size_t k = i + 1; k < limit && k <= i + 40; ++k) {
      if (t_[k] == ')') return k > i + 1 ? k + 1 : 0;
      if (t_[k] == '(' || t_[k] == '\n') return 0;
    }
    return 0;
  }
  // A place word at i: a capital, then letters, '.', apostrophes or inner hyphens. Its end, or i.
  size_t place_word_end(size_t i, size_t limit) const {
    if (i >= limit || !text::is_upper(t_[i])) {
      // Latin-1 capitals (À..Þ except ×) as UTF-8.
      auto next = i + 1 < limit ? static_cast<unsigned char>(t_[i + 1]) : 0;
      if (i >= limit || static_cast<unsigned char>(t_[i]) != 0xC3 || next < 0x80 || next > 0x9E ||
          next == 0x97) {
        return i;
      }
    }
    size_t k = i + 1;
    while (k < limit) {
      char c = t_[k];
      bool inner_hyphen = c == '-' && k + 1 < limit && is_alpha(t_[k + 1]);
      bool non_ascii = static_cast<unsigned char>(c) >= 0x80 && dash_length(k) == 0;
      if (!is_alpha(c) && c != '.' && c != '\'' && !inner_hyphen && !non_ascii) break;
      ++k;
    }
    return k;
  }
  // One to four place words separated by single spaces, none a month or weekday name, the
  // first of a dateline no function word; with `capitals`, no lower-case ASCII letter.
  // Returns the end, or i when there is no such place.
  size_t place_end(size_t i, size_t limit, bool capitals, bool first) const {
    size_t k = i;
    for (int words = 0; words < 4; ++words) {
      size_t e = place_word_end(k, limit);
      if (e == k) return words == 0 ? i : k - 1;
      std::string_view w = t_.substr(k, e - k);
      while (!w.empty() && w.back() == '.') w.remove_suffix(1);
      if (month_from_word(w) != 0 || weekday_from_word(w) >= 0) return i;
      if (first && words == 0 && is_function_word(w)) return i;
      for (char c : w) {
        if (capitals && text::is_lower(c)) return i;
      }
      k = e;
      if (k + 1 >= limit || t_[k] != ' ') return k;
      ++k;
    }
    return k - 1;
  }
  // Is t_[line_start, date_begin) a dateline's place and separators?
  bool dateline_prefix(size_t line_start, size_t date_begin, bool capitals) const {
    size_t k = place_end(line_start, date_begin, capitals, true);
    if (k == line_start) return false;
    bool second_place = false, after_comma = false, separated = false;
    while ((k = skip_blanks(k)) < date_begin) {
      size_t next = 0;
      if (t_[k] == ',') {
        next = k + 1;
      } else if (size_t dash = dash_length(k)) {
        next = k + dash;
      } else if (t_[k] == '(') {
        next = agency_end(k, date_begin);
      } else if (after_comma && !second_place) {
        size_t e = place_end(k, date_begin, false, false);
        if (e == k) return false;
        k = e;
        second_place = true;
        after_comma = separated = false;
        continue;
      }
      if (next == 0) return false;
      after_comma = t_[k] == ',';
      separated = true;
      k = next;
    }
    return separated;
  }
  // Does a dateline's date end at `date_end`: then ".", ":", "/", a dash, maybe after
  // "(Agency)"?
  bool dateline_suffix(size_t date_end) const {
    size_t k = skip_blanks(date_end);
    if (k < t_.size() && t_[k] == '(') {
      size_t close = agency_end(k, t_.size());
      if (close == 0) return false;
      k = skip_blanks(close);
    }
    if (k >= t_.size()) return false;
    return t_[k] == '.' || t_[k] == ':' || t_[k] == '/' || dash_length(k) > 0;
  }
  bool opens_dateline(size_t line_start, size_t date_begin, size_t date_end, bool capitals) const {
    return date_begin > line_start && date_begin - line_start <= kMaxDatelinePrefix &&
           dateline_suffix(date_end) && dateline_prefix(line_start, date_begin, capitals);
  }

  std::string_view t_;
};

}  // namespace

std::vector<DateMention> scan_date_mentions(std::string_view text) {
  return Scanner(text).scan();
}

}  // namespace briefings::dates
