// The schema: its tables of prefixes, value slots and metadata keys, the rule that tells a
// prefixed term from a word, and the records kept in metadata.
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
  size_t fields = 0;
  for (const TermPrefix& row : kPrefixes) {
    INFO(row.name << " (prefix " << row.prefix << ")");
    if (row.kind == TermKind::internal) {
      // Written by the indexer only: the query language has no such field.
      CHECK_THROWS_AS(prefix_for_field(row.name), std::out_of_range);
    } else {
      ++fields;
      CHECK(&prefix_for_field(row.name) == &row);
    }
  }
  CHECK(fields == 5);  // headline, domain, year, month, day
  CHECK_THROWS_AS(prefix_for_field("nope"), std::out_of_range);
  CHECK_THROWS_AS(prefix_for_field(""), std::out_of_range);
}

TEST_CASE("each prefix, slot and key is one row, with its own name and spelling", "[schema]") {
  for (const TermPrefix& a : kPrefixes) {
    INFO("prefix " << a.prefix);
    // Xapian's convention: capitals, and "X" first when more than one.
    CHECK_FALSE(a.prefix.empty());
    CHECK(a.prefix.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos);
    CHECK((a.prefix.size() == 1 || a.prefix[0] == 'X'));
    for (const TermPrefix& b : kPrefixes) {
      if (&a == &b) continue;
      INFO("and prefix " << b.prefix);
      CHECK(a.name != b.name);
      // No prefix begins another, so every term reads back to one row.
      CHECK(b.prefix.substr(0, a.prefix.size()) != a.prefix);
    }
  }
  for (const ValueSlot& a : kValueSlots) {
    for (const ValueSlot& b : kValueSlots) {
      if (&a == &b) continue;
      INFO("slots " << a.name << ", " << b.name);
      CHECK(a.slot != b.slot);
      CHECK(a.name != b.name);
    }
  }
  for (const MetadataKey& a : kMetadataKeys) {
    for (const MetadataKey& b : kMetadataKeys) {
      if (&a == &b) continue;
      INFO("keys " << a.key << ", " << b.key);
      CHECK(a.name != b.name);
      CHECK(b.key.substr(0, a.key.size()) != a.key);
    }
  }
}

TEST_CASE("the names the code uses read the spellings on disk", "[schema]") {
  // These strings are in every database: changing one needs a new kSchemaVersion.
  struct Case {
    std::string_view constant;
    std::string_view on_disk;
  };
  const Case cases[] = {
      {kHeadlinePrefix, "S"},
      {kHostPrefix, "H"},
      {kYearPrefix, "Y"},
      {kMonthPrefix, "M"},
      {kDayPrefix, "D"},
      {kIdPrefix, "Q"},
      {kDateSourcePrefix, "XDS"},
      {kSchemaVersionKey, "schema_version"},
      {kHostNamesKey, "host_names"},
      {kFileStateKeyPrefix, "file:"},
      {kRevisionBumpKey, "build"},
  };
  for (const auto& c : cases) CHECK(c.constant == c.on_disk);
  CHECK(kDateSlot == 0);
  CHECK(kMonthSlot == 1);
  CHECK(kHostsSlot == 2);
}

TEST_CASE("a term is free text when it has no prefix or a free-text one", "[schema]") {
  struct Case {
    std::string_view term;
    std::string_view stem;  // "" when the term is not free text
  };
  const Case cases[] = {
      {"port", "port"},
      {"100,000", "100,000"},
      {"über", "über"},         // no capital, so no prefix
      {"Sharbour", "harbour"},  // the headline's free text
      {"S", ""},
      {"Hcnbc.com", ""},
      {"Q0921511b30b8c231", ""},
      {"XDStext", ""},
      {"Y2025", ""},
      {"D20250304", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    INFO('"' << c.term << '"');
    CHECK(free_text_stem(c.term) == c.stem);
    CHECK(is_unprefixed(c.term) == (!c.term.empty() && c.stem == c.term));
  }
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
