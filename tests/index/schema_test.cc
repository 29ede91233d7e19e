// The schema: host normalisation and expansion, records in metadata, value encodings.
#include <catch2/catch.hpp>

#include "index/briefing.h"
#include "index/schema.h"

using namespace briefings;
using namespace briefings::schema;

TEST_CASE("hosts are normalised: lower case, no www., no trailing dot", "[schema]") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"cnbc.com", "cnbc.com"},
      {"CNBC.com", "cnbc.com"},
      {"www.theverge.com", "theverge.com"},
      {"blogs.microsoft.com.", "blogs.microsoft.com"},
      {"businesstoday.in", "businesstoday.in"},
      {"bbc.co.uk", "bbc.co.uk"},
      {"my-site.io", "my-site.io"},
      {"nodots", ""},
      {"-bad.com", ""},
      {"bad-.com", ""},
      {"two..dots.com", ""},
      {"space here.com", ""},
      {"", ""},
      {"über.de", ""},
      // Found by fuzz_parser: one "www." dropped left another, so normalising twice
      // changed the host again.
      {"www.www.example.com", "example.com"},
      {"WWW.www.Example.com.", "example.com"},
      {"www.www.com", ""},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(normalize_host(c.text) == c.expected);
    // Normalising is idempotent: the parser stores hosts that normalise to themselves.
    CHECK(normalize_host(normalize_host(c.text)) == normalize_host(c.text));
  }
}

TEST_CASE("a host expands to itself and its parents down to the registrable domain", "[schema]") {
  using V = std::vector<std::string>;
  CHECK(host_and_parents("blogs.microsoft.com") == V{"blogs.microsoft.com", "microsoft.com"});
  CHECK(host_and_parents("a.b.example.co.uk") ==
        V{"a.b.example.co.uk", "b.example.co.uk", "example.co.uk"});
  CHECK(host_and_parents("cnbc.com") == V{"cnbc.com"});
  CHECK(host_and_parents("businesstoday.in") == V{"businesstoday.in"});
  // A public suffix on its own never expands to anything shorter.
  CHECK(host_and_parents("co.uk") == V{"co.uk"});
}

TEST_CASE("only hosts ending in a known public suffix count as hosts", "[schema]") {
  CHECK(has_known_suffix("cnbc.com"));
  CHECK(has_known_suffix("businesstoday.in"));
  CHECK(has_known_suffix("bbc.co.uk"));
  CHECK_FALSE(has_known_suffix("node.js"));
  CHECK_FALSE(has_known_suffix("file.txt"));
}

TEST_CASE("a host counts when some parent of it is a suffix by an explicit rule of the list",
          "[schema]") {
  struct Case {
    const char* host;
    bool known;
    const char* why;
  };
  const Case cases[] = {
      {"cnbc.com", true, "plain rule com"},
      {"news24.co.za", true, "second-level rule co.za; za alone is no rule"},
      {"abc.net.au", true, "second-level rule net.au"},
      {"gov.uk", true, "itself a rule, under the rule uk"},
      {"bangladesh.gov.bd", true, "wildcard rule *.bd"},
      {"gov.bd", true, "matched by *.bd, under bd"},
      {"a.www.ck", true, "exception rule !www.ck"},
      {"city.kawasaki.jp", true, "exception rule !city.kawasaki.jp"},
      {"octocat.github.io", true, "private rule github.io"},
      {"github.io", true, "a private rule, under the rule io"},
      {"co.za", false, "za is no rule"},
      {"node.js", false, "js is no rule; the implicit * is not used"},
      {"1.27", false, "numbers are no rule"},
      {"192.168.1.10", false, "an IPv4 address"},
      {"e.g", false, "g is no rule"},
      {"3.4ft", false, "4ft is no rule"},
  };
  for (const Case& c : cases) {
    INFO(c.host << ": " << c.why);
    CHECK(has_known_suffix(c.host) == c.known);
  }
}

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
