// The content id: one id per briefing's content, and a hash that never changes, since every
// database stores what it computes.
#include <catch2/catch.hpp>

#include "index/content_id.h"
#include "index/schema.h"
#include "tests/index/sample_briefing.h"

using namespace briefings;
using briefings::testing::sample_briefing;

// These values were computed apart from this code (a few lines of Python doing the same
// arithmetic). If one fails, the change breaks every existing database: undo it.
TEST_CASE("the stored hash is pinned: known input, known id", "[content_id]") {
  struct Case {
    const char* input;
    bool as_field;
    const char* hex;
  };
  const Case cases[] = {
      {"", false, "14650fb0739d0383"},  // the offset basis, 1469598103934665603
      {"a", false, "44bd8ad473cd9906"},
      {"a", true, "9bace000c65ca21b"},  // "a" then the separator byte 0xff
  };
  for (const auto& c : cases) {
    INFO('"' << c.input << '"' << (c.as_field ? " as a field" : ""));
    schema::StableHash h;
    if (c.as_field) {
      h.add_field(c.input);
    } else {
      h.add(c.input);
    }
    CHECK(h.hex() == c.hex);
  }
  CHECK(schema::kHashOffsetBasis == 1469598103934665603ULL);
  CHECK(schema::kHashPrime == 1099511628211ULL);

  CHECK(content_id(sample_briefing()) == "c3a16c53c9d71ff3");
  CHECK(schema::file_state_key("/" + std::string(400, 'x') + ".txt") == "file:#b28842e9566f2f92");
}

TEST_CASE("the content id ignores paths and dates but not text or citations", "[content_id]") {
  Briefing a = sample_briefing(), b = sample_briefing();
  b.paths = {"/elsewhere.txt"};
  b.date = Date{2020, 1, 1};
  CHECK(content_id(a) == content_id(b));
  CHECK(content_id(a).size() == 16);
  b.paragraphs[0].sentences[0].hosts = {"other.com"};
  CHECK(content_id(a) != content_id(b));
  Briefing c = sample_briefing();
  c.headline += "!";
  CHECK(content_id(a) != content_id(c));
  // Where a paragraph starts is part of the content.
  Briefing d = sample_briefing();
  d.paragraphs[0].sentences.push_back(d.paragraphs[1].sentences[0]);
  d.paragraphs[1].sentences.erase(d.paragraphs[1].sentences.begin());
  CHECK(content_id(a) != content_id(d));
}
