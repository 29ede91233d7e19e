// The schema: host normalisation and expansion, records in metadata, value encodings.
#include <catch2/catch.hpp>

#include "index/briefing.h"
#include "index/schema.h"

using namespace briefings;
using namespace briefings::schema;

TEST_CASE("file records round-trip, long paths get a short key", "[schema]") {
  FileState s{"/home/me/briefings/a\tb.txt", 3012, 1712900000123456789LL, "0123456789abcdef"};
  FileState back = FileState::unserialise(s.serialise());
  CHECK(back.path == s.path);
  CHECK(back.size == s.size);
  CHECK(back.mtime_ns == s.mtime_ns);
  CHECK(back.id == s.id);
  CHECK_THROWS(FileState::unserialise("garbage"));
  CHECK_THROWS(FileState::unserialise("12\tnot-a-number\tid\tpath"));

  CHECK(file_state_key("/a.txt") == "file:/a.txt");
  std::string long_path = "/" + std::string(400, 'x') + ".txt";
  CHECK(file_state_key(long_path).size() < 40);
  CHECK(file_state_key(long_path) != file_state_key(long_path + "2"));
}

TEST_CASE("every query field names exactly one prefix", "[schema]") {
  CHECK(prefix_for_field("headline").prefix == "S");
  CHECK(prefix_for_field("domain").kind == TermKind::boolean_filter);
  CHECK_THROWS_AS(prefix_for_field("nope"), std::out_of_range);
  CHECK_THROWS_AS(prefix_for_field(""), std::out_of_range);
}

TEST_CASE("dates: validity, formats, weekdays, unix time", "[schema][date]") {
  CHECK(Date{2026, 4, 12}.iso() == "2026-04-12");
  CHECK(Date{2026, 4, 12}.compact() == "20260412");
  CHECK(Date{2026, 4, 12}.weekday() == 0);   // a Sunday
  CHECK(Date{2024, 11, 22}.weekday() == 5);  // a Friday
  CHECK(Date{2024, 2, 29}.valid());
  CHECK_FALSE(Date{2025, 2, 29}.valid());
  CHECK_FALSE(Date{}.valid());
  CHECK(Date{}.iso().empty());
  CHECK(Date::parse_iso("2026-04-12") == Date{2026, 4, 12});
  CHECK_FALSE(Date::parse_iso("2026-4-12"));
  CHECK_FALSE(Date::parse_iso("2026-13-01"));
  CHECK_FALSE(Date::parse_iso("yesterday"));
  CHECK(Date::from_unix_time(0) == Date{1970, 1, 1});
  CHECK(Date::from_unix_time(1775952000) == Date{2026, 4, 12});
  CHECK(Date::from_unix_time(-1) == Date{1969, 12, 31});
  CHECK(date_source_from_string(to_string(DateSource::mtime)) == DateSource::mtime);
  CHECK_FALSE(date_source_from_string("bogus"));
}
