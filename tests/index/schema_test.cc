// The schema: host normalisation and expansion, records in metadata, value encodings.
#include <catch2/catch.hpp>

#include "index/briefing.h"
#include "index/schema.h"

using namespace briefings;
using namespace briefings::schema;

TEST_CASE("the hosts slot holds host ids as varints: a damaged value is refused", "[schema]") {
  const std::vector<uint32_t> ids{0, 1, 127, 128, 300, 16383, 16384, 4000000000u};
  const std::string value = encode_host_ids(ids);
  CHECK(value.size() == 1 + 1 + 1 + 2 + 2 + 2 + 3 + 5);  // a byte per 7 bits
  std::vector<uint32_t> back;
  HostIdSlot slot(value);
  while (slot.next()) back.push_back(slot.id());
  CHECK(slot.at_end());
  CHECK(back == ids);

  HostIdSlot empty("");
  CHECK_FALSE(empty.next());
  CHECK(empty.at_end());

  // Cut inside a varint (past its first byte), the value is malformed, not shorter.
  const std::string cut_value = encode_host_ids({300}).substr(0, 1);  // a slot reads in place
  HostIdSlot cut(cut_value);
  CHECK_FALSE(cut.next());
  CHECK_FALSE(cut.at_end());
  CHECK_FALSE(cut.next());
  // Past 32 bits is no id either.
  std::string huge;
  append_varint(huge, 1ULL << 40);
  HostIdSlot too_big(huge);
  CHECK_FALSE(too_big.next());
  CHECK_FALSE(too_big.at_end());
}

TEST_CASE("varints round-trip and refuse truncated or overlong input", "[schema]") {
  for (uint64_t n : {0ULL, 1ULL, 127ULL, 128ULL, 1ULL << 35, ~0ULL}) {
    std::string s;
    append_varint(s, n);
    size_t pos = 0;
    uint64_t back = 0;
    REQUIRE(read_varint(s, pos, back));
    CHECK(back == n);
    CHECK(pos == s.size());
    if (s.size() > 1) {
      pos = 0;
      CHECK_FALSE(read_varint(s.substr(0, s.size() - 1), pos, back));
    }
  }
  size_t pos = 0;
  uint64_t n = 0;
  CHECK_FALSE(read_varint(std::string(11, '\x80'), pos, n));
}

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
