// The codec: a briefing survives the trip into a Xapian document and back, and the
// document carries exactly the terms and values the schema promises.
#include <catch2/catch.hpp>

#include <xapian.h>
#include <set>

#include "index/codec.h"
#include "index/content_id.h"
#include "index/host_id_slot.h"
#include "index/indexed_at.h"
#include "index/schema.h"
#include "tests/index/sample_briefing.h"

using namespace briefings;
using briefings::testing::sample_briefing;

namespace {

std::set<std::string> terms_of(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.insert(*t);
  return out;
}

}  // namespace

TEST_CASE("document data round-trips the whole briefing", "[codec]") {
  Briefing b = sample_briefing();
  CHECK(decode_document_data(encode_document_data(b)) == b);
  CHECK_THROWS_AS(decode_document_data("{}"), std::runtime_error);
  CHECK_THROWS_AS(decode_document_data("not a record"), std::runtime_error);
  CHECK_THROWS_AS(decode_document_data(""), std::runtime_error);

  // Paths are kept byte for byte, even when they are not UTF-8, so a record still matches
  // the file it came from; long strings need multi-byte lengths.
  b.paths.push_back("/data/\xff\xfe-latin1-\xe9.txt");
  b.headline = std::string(70000, 'w');
  CHECK(decode_document_data(encode_document_data(b)) == b);
}

TEST_CASE("a damaged record is refused, never misread", "[codec]") {
  const std::string good = encode_document_data(sample_briefing());
  // Every truncation.
  for (size_t n = 0; n < good.size(); ++n) {
    INFO("first " << n << " bytes");
    CHECK_THROWS_AS(decode_document_data(good.substr(0, n)), std::runtime_error);
  }
  // Trailing bytes, an unknown format, and counts that could not fit in the record.
  CHECK_THROWS_AS(decode_document_data(good + "x"), std::runtime_error);
  CHECK_THROWS_AS(decode_document_data("\x01" + good.substr(1)), std::runtime_error);
  CHECK_THROWS_AS(decode_document_data(std::string("\x02\xff\xff\xff\xff\x0f", 6)),
                  std::runtime_error);
  CHECK_THROWS_AS(decode_document_data(std::string("\x02") + std::string(11, '\x80')),
                  std::runtime_error);
}

TEST_CASE("a built document holds the schema's terms and values", "[codec]") {
  Briefing b = sample_briefing();
  HostDictionary hosts;
  DocumentBuilder builder(hosts);
  Xapian::Document doc = builder.build(b);
  auto terms = terms_of(doc);

  // Words as their stems only; headline words also under the headline prefix.
  CHECK(terms.count("crane"));
  CHECK_FALSE(terms.count("cranes"));
  CHECK_FALSE(terms.count("Zcrane"));
  CHECK(terms.count("Sharbour"));
  CHECK_FALSE(terms.count("Sports"));  // body words are not headline words
  // Hosts and their parents, never a bare suffix; citation text never as words.
  CHECK(terms.count("Hmaritime.example.co.uk"));
  CHECK(terms.count("Hexample.co.uk"));
  CHECK(terms.count("Hportauthority.org"));
  CHECK(terms.count("Hcnbc.com"));
  CHECK_FALSE(terms.count("Hco.uk"));
  CHECK_FALSE(terms.count("cnbc"));
  CHECK_FALSE(terms.count("portauthority"));
  // Ordinary parentheses are text.
  CHECK(terms.count("worker"));
  // Date terms and values.
  CHECK(terms.count("Y2025"));
  CHECK(terms.count("M202503"));
  CHECK(terms.count("D20250304"));
  CHECK(terms.count("XDStext"));
  CHECK(terms.count("Q" + b.id));
  CHECK(doc.get_value(schema::kDateSlot) == "20250304");
  CHECK(doc.get_value(schema::kMonthSlot) == "2025-03");
  // The hosts slot numbers the hosts, sorted, in the dictionary of the database.
  std::vector<std::string> slot_hosts;
  const std::string slot = doc.get_value(schema::kHostsSlot);
  for (schema::HostIdSlot id(slot); id.next();) slot_hosts.push_back(hosts.names().at(id.id()));
  CHECK(slot_hosts ==
        std::vector<std::string>{"cnbc.com", "maritime.example.co.uk", "news.portauthority.org"});
  // The headline weighs more than a body word.
  Xapian::termcount headline_wdf = 0, body_wdf = 0;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (*t == "harbour") headline_wdf = t.get_wdf();
    if (*t == "port") body_wdf = t.get_wdf();
  }
  CHECK(headline_wdf == schema::kHeadlineWeight);
  CHECK(body_wdf == 1);
}

TEST_CASE("a built document uses every prefix and slot of the schema, and nothing else",
          "[codec]") {
  HostDictionary hosts;
  DocumentBuilder builder(hosts);
  Xapian::Document doc = builder.build(sample_briefing());  // it has a date and hosts
  // The indexed-at time is the writer's to set, when it adds the document.
  CHECK_FALSE(indexed_at_of(doc));
  set_indexed_at(doc, 1775988900123456);

  std::set<std::string_view> prefixes_used;
  for (const std::string& term : terms_of(doc)) {
    if (schema::is_unprefixed(term)) continue;
    const schema::TermPrefix* row = nullptr;
    for (const auto& p : schema::kPrefixes) {
      if (std::string_view(term).substr(0, p.prefix.size()) == p.prefix) row = &p;
    }
    INFO(term);
    REQUIRE(row != nullptr);  // a prefix the schema does not declare
    prefixes_used.insert(row->prefix);
  }
  for (const auto& p : schema::kPrefixes) {
    INFO(p.name);
    CHECK(prefixes_used.count(p.prefix));
  }

  std::set<Xapian::valueno> slots_used;
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) slots_used.insert(v.get_valueno());
  std::set<Xapian::valueno> declared;
  for (const auto& v : schema::kValueSlots) declared.insert(v.slot);
  CHECK(slots_used == declared);
}

TEST_CASE("spelling words are the text's unstemmed words, sorted, without citations", "[codec]") {
  Briefing b;
  b.headline = "Cranes at the Harbour";
  b.paragraphs = {{{{"Dockers unload cranes; an ox waits.", {"portauthority.org"}}}}};
  HostDictionary hosts;
  DocumentBuilder builder(hosts);
  CHECK(builder.spelling_words(b) ==
        std::vector<std::string>{"cranes", "dockers", "harbour", "the", "unload", "waits"});
  // Building the document yields the same words from its own pass over the text.
  b.id = content_id(b);
  std::vector<std::string> from_build{"stale"};
  builder.build(b, &from_build);
  CHECK(from_build == builder.spelling_words(b));
}

TEST_CASE("a phrase never spans the headline and the body", "[codec]") {
  Briefing b;
  b.headline = "alpha beta";
  b.paragraphs = {{{{"gamma delta.", {}}}}};
  b.id = content_id(b);
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  HostDictionary hosts;
  DocumentBuilder builder(hosts);
  db.add_document(builder.build(b));
  Xapian::Enquire enquire(db);
  auto phrase = [&](const std::string& a, const std::string& c) {
    std::vector<Xapian::Query> words{Xapian::Query(a), Xapian::Query(c)};
    enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()));
    return enquire.get_mset(0, 10).size();
  };
  CHECK(phrase("alpha", "beta") == 1);
  CHECK(phrase("gamma", "delta") == 1);
  CHECK(phrase("beta", "gamma") == 0);
}

TEST_CASE("possessives fold to the plain word, other apostrophes stay", "[codec]") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"OpenAI’s memo", "OpenAI memo"},
      {"Amazon's cloud", "Amazon cloud"},
      {"the firms’ plans", "the firms’ plans"},
      {"it’s", "it"},
      {"don't stop", "don't stop"},
      {"’s alone", "’s alone"},
      {"Apple’s.", "Apple."},
      {"Apple’sauce", "Apple’sauce"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(fold_possessive(c.text) == c.expected);
  }
}
