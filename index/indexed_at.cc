#include "index/indexed_at.h"

#include <chrono>
#include <cstdio>

#include "index/briefing.h"
#include "index/schema.h"

namespace briefings {

std::string encode_indexed_at(IndexedAt time) {
  char text[kIndexedAtDigits + 1];
  std::snprintf(text, sizeof text, "%016lld", static_cast<long long>(time));
  return std::string(text, kIndexedAtDigits);
}

std::optional<IndexedAt> decode_indexed_at(std::string_view value) {
  if (value.size() != kIndexedAtDigits) return std::nullopt;
  IndexedAt time = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    time = time * 10 + (c - '0');
  }
  return time;
}

std::string rfc3339(IndexedAt time) {
  const long long seconds = time / 1000000;
  const long long in_day = seconds % 86400;
  char clock[24];
  std::snprintf(clock, sizeof clock, "T%02lld:%02lld:%02lld.%06lldZ", in_day / 3600,
                in_day / 60 % 60, in_day % 60, static_cast<long long>(time % 1000000));
  return Date::from_unix_time(seconds).iso() + clock;
}

IndexedAt indexed_at_now() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::optional<IndexedAt> indexed_at_of(const Xapian::Document& document) {
  return decode_indexed_at(document.get_value(schema::kIndexedAtSlot));
}

void set_indexed_at(Xapian::Document& document, IndexedAt time) {
  document.add_value(schema::kIndexedAtSlot, encode_indexed_at(time));
}

IndexedAt latest_indexed_at(const Xapian::Database& db) {
  return decode_indexed_at(db.get_value_upper_bound(schema::kIndexedAtSlot)).value_or(0);
}

}  // namespace briefings
