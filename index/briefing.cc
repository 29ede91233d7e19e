#include "index/briefing.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace briefings {

namespace {
constexpr std::array<std::string_view, 5> kDateSourceNames = {"none", "option", "metadata", "text",
                                                              "mtime"};
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
}  // namespace

std::string_view to_string(DateSource source) {
  return kDateSourceNames[static_cast<size_t>(source)];
}

std::optional<DateSource> date_source_from_string(std::string_view name) {
  for (size_t i = 0; i < kDateSourceNames.size(); ++i) {
    if (kDateSourceNames[i] == name) return static_cast<DateSource>(i);
  }
  return std::nullopt;
}

int Date::days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool Date::valid() const {
  return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::string Date::iso() const {
  if (!valid()) return "";
  char buf[40];  // room for any int, so the compiler can see nothing is cut
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::compact() const {
  if (!valid()) return "";
  char buf[40];  // room for any int, so the compiler can see nothing is cut
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::optional<Date> Date::parse_iso(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(t[i])) return std::nullopt;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  Date d{num(0, 4), num(5, 2), num(8, 2)};
  if (!d.valid()) return std::nullopt;
  return d;
}

// Howard Hinnant's civil-from-days algorithm (public domain description of the calendar).
Date Date::from_unix_time(long long seconds) {
  long long z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(y + (m <= 2)), m, d};
}

int Date::weekday() const {
  // Sakamoto's method.
  static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = month < 3 ? year - 1 : year;
  return (y + y / 4 - y / 100 + y / 400 + kOffsets[month - 1] + day) % 7;
}

std::vector<std::string> Briefing::hosts() const {
  std::vector<std::string> all;
  for (const auto& p : paragraphs) {
    for (const auto& s : p.sentences) all.insert(all.end(), s.hosts.begin(), s.hosts.end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

std::string Briefing::body_text() const {
  std::string out;
  for (const auto& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    bool first = true;
    for (const auto& s : p.sentences) {
      if (!first) out += ' ';
      out += s.text;
      first = false;
    }
  }
  return out;
}

}  // namespace briefings
