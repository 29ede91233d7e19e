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

TEST_CASE("the host list value round-trips", "[schema]") {
  std::vector<std::string> hosts{"axios.com", "blogs.microsoft.com", "cnbc.com"};
  CHECK(decode_host_list(encode_host_list(hosts)) == hosts);
  CHECK(decode_host_list("").empty());
  CHECK(decode_host_list(encode_host_list({"one.com"})) == std::vector<std::string>{"one.com"});
}

TEST_CASE("the host list value carries each host's key; a damaged value is refused", "[schema]") {
  std::vector<std::string> hosts{"axios.com", "blogs.microsoft.com"};
  const std::string value = encode_host_list(hosts);
  HostSlot slot(value);
  for (const auto& h : hosts) {
    REQUIRE(slot.next());
    CHECK(slot.host() == h);
    CHECK(slot.key() == host_key(h));
  }
  CHECK_FALSE(slot.next());
  CHECK(slot.at_end());
  CHECK(host_key("axios.com") != host_key("axios.co"));

  for (size_t cut = 1; cut < value.size(); ++cut) {
    if (cut == 8 + 1 + hosts[0].size()) continue;  // a whole first entry is a valid list
    INFO("cut at " << cut);
    CHECK_THROWS_AS(decode_host_list(value.substr(0, cut)), std::runtime_error);
  }
  // The old newline-joined form (schema 2) is not read as hosts.
  CHECK_THROWS_AS(decode_host_list("cnbc.com\naxios.com"), std::runtime_error);
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
