// The query side as a specification: query language, filters, facets, ranking, snippets,
// suggestions, related briefings, and broken input, over a real index of fixture briefings.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "index/errors.h"
#include "searcher/database.h"
#include "searcher/json_output.h"
#include "searcher/query_builder.h"
#include "searcher/searcher.h"
#include "searcher/snippet_renderer.h"
#include "tests/support/index_folder.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::index_folder;
using briefings::testing::run_indexer;
using briefings::testing::TempDir;
namespace fs = std::filesystem;

namespace {

struct Corpus {
  TempDir dir;
  std::string db = (dir / "db").string();

  Corpus() {
    add("bedrock-1.txt", "Cloud giant courts enterprises with Bedrock",
        "Amazon is pitching Bedrock to large enterprises. (aws.amazon.com) (cnbc.com)",
        "On Tuesday, March 4, 2025, sales chiefs said enterprise demand doubled. (cnbc.com) "
        "OpenAI’s models arrive on the platform next. (blogs.microsoft.com)");
    add("bedrock-2.txt", "Model marketplace grows",
        "Bedrock now lists forty models for enterprise buyers. (businesstoday.in)",
        "On Friday, April 11, 2025, analysts called the enterprise push a storefront. "
        "(news.example.com) (cnbc.com)");
    add("rail.txt", "Night trains return to the Alps",
        "Operators restart sleeper routes between Zürich and Vienna. (railjournal.example.org)",
        "On Monday, June 2, 2025, the first train left on time (almost). (rail.example.de) "
        "Tickets sold out within hours. (railjournal.example.org)");
    add("escape.txt", "Parser bug: <script> & \"quotes\" in headlines",
        "A flaw let <b>tags</b> & entities through the parser. (security.example.com)",
        "On Wednesday, July 2, 2025, browser makers shipped fixes for the parser flaw. "
        "(security.example.com)");
    add("enterprise-only.txt", "Enterprise software spending slows",
        "Budgets for enterprise software shrank this quarter. (markets.example.com)",
        "On Thursday, May 15, 2025, surveys showed caution among buyers. "
        "(markets.example.com)");
    add("alps-2.txt", "Sleeper trains win new riders",
        "Night trains across the Alps report record bookings. (rail.example.de)",
        "On Saturday, January 10, 2026, operators added carriages. (rail.example.de)");
    index_folder(dir / "docs", db);
  }
  void add(const std::string& name, const std::string& headline, const std::string& summary,
           const std::string& body) {
    dir.write("docs/" + name, briefing_text(headline, summary, body));
  }
  SearchResult search(const std::string& q, std::vector<std::string> domains = {},
                      std::optional<Date> since = {}, std::optional<Date> until = {},
                      SortOrder sort = SortOrder::relevance) {
    Searcher searcher(open_for_reading(db));
    SearchRequest r;
    r.query = q;
    r.domains = std::move(domains);
    r.since = since;
    r.until = until;
    r.sort = sort;
    return searcher.search(r);
  }
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

bool has_headline(const SearchResult& r, const std::string& headline) {
  for (const auto& h : r.results) {
    if (h.headline == headline) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("plain words: briefings with every word first, stems included", "[searcher]") {
  auto r = corpus().search("Bedrock enterprise");
  CHECK(r.total_all_words == 2);
  CHECK(has_headline(r, "Cloud giant courts enterprises with Bedrock"));
  CHECK(has_headline(r, "Model marketplace grows"));
  // Fewer than ten hold both: the result is relaxed, and a briefing with one word follows,
  // marked, and counted in the total.
  CHECK(r.relaxed);
  CHECK(r.total == 3);
  REQUIRE(r.results.size() == 3);
  CHECK(r.results[0].missing.empty());
  CHECK(r.results[1].missing.empty());
  CHECK(r.results[2].headline == "Enterprise software spending slows");
  CHECK(r.results[2].missing == std::vector<std::string>{"Bedrock"});
  CHECK(corpus().search("enterprises").total == 3);
  CHECK_FALSE(corpus().search("enterprises").relaxed);  // one word: nothing to relax
  CHECK(corpus().search("OpenAI").total == 1);          // found through "OpenAI’s"
}

TEST_CASE("the query language: operators, phrases, prefixes, fields", "[searcher]") {
  struct Case {
    const char* query;
    Xapian::doccount total;
  };
  const Case cases[] = {
      {"Bedrock OR trains", 4},
      {"enterprise NOT Bedrock", 1},
      {"enterprise -Bedrock", 1},
      {"(Bedrock OR Alps) enterprise", 2},
      {"\"night trains\"", 2},
      {"\"trains night\"", 0},
      {"\"night train\"", 2},  // phrases match by stems
      {"Enterprises", 3},      // a capitalised word is stemmed like any other
      {"sleeper NEAR routes", 1},
      {"sleep*", 2},
      {"headline:enterprise", 2},
      {"headline:software", 1},
      {"headline:bedrock", 1},
      {"domain:cnbc.com", 2},
      {"domain:microsoft.com", 1},
      {"domain:CNBC.com", 2},
      {"domain:cnbc.com domain:businesstoday.in", 2},
      {"domain:cnbc.com enterprise", 2},
      {"year:2026", 1},
      {"date:2025-04", 1},
      {"date:2025-03-01..2025-05-31", 3},
      {"date:2025..2025", 5},
      {"bedrock or trains", 4},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    CHECK(corpus().search(c.query).total == c.total);
  }
}

TEST_CASE("filters from flags: domains ORed, dates inclusive", "[searcher]") {
  CHECK(corpus().search("enterprise", {"businesstoday.in"}).total == 1);
  CHECK(corpus().search("enterprise", {"businesstoday.in", "markets.example.com"}).total == 2);
  CHECK(corpus().search("", {"microsoft.com"}).total == 1);
  CHECK(corpus().search("trains", {}, Date{2026, 1, 10}).total == 1);
  CHECK(corpus().search("trains", {}, {}, Date{2025, 6, 2}).total == 1);
  CHECK(corpus().search("", {}, Date{2025, 3, 4}, Date{2025, 4, 11}).total == 2);
}

TEST_CASE("facets count the whole match set: the domain facet is disjunctive", "[searcher]") {
  auto counts = [](const std::vector<ValueCount>& list) {
    std::map<std::string, Xapian::doccount> m;
    for (const auto& v : list) m[v.value] = v.count;
    return m;
  };
  auto all = corpus().search("enterprise");
  REQUIRE(all.total == 3);
  // Computed independently: which fixtures mentioning enterprise cite which hosts.
  CHECK(counts(all.domain_facet) ==
        std::map<std::string, Xapian::doccount>{{"aws.amazon.com", 1},
                                                {"blogs.microsoft.com", 1},
                                                {"businesstoday.in", 1},
                                                {"cnbc.com", 2},
                                                {"markets.example.com", 1},
                                                {"news.example.com", 1}});
  CHECK(counts(all.month_facet) ==
        std::map<std::string, Xapian::doccount>{{"2025-03", 1}, {"2025-04", 1}, {"2025-05", 1}});

  auto narrowed = corpus().search("enterprise", {"businesstoday.in"});
  CHECK(narrowed.total == 1);
  CHECK(counts(narrowed.domain_facet) == counts(all.domain_facet));  // as if unfiltered
  CHECK(counts(narrowed.month_facet) == std::map<std::string, Xapian::doccount>{{"2025-04", 1}});

  auto dated = corpus().search("enterprise", {}, Date{2025, 4, 1});
  CHECK(counts(dated.domain_facet).count("aws.amazon.com") == 0);  // dates are not disjunctive
}

TEST_CASE("a headline match ranks above a body mention: date sorts order by date", "[searcher]") {
  auto r = corpus().search("Alps");
  REQUIRE(r.results.size() == 2);
  CHECK(r.results[0].headline == "Night trains return to the Alps");
  auto newest = corpus().search("trains", {}, {}, {}, SortOrder::newest);
  CHECK(newest.results[0].date == Date{2026, 1, 10});
  auto oldest = corpus().search("trains", {}, {}, {}, SortOrder::oldest);
  CHECK(oldest.results[0].date == Date{2025, 6, 2});
}

TEST_CASE("briefings with most of the words follow, marked with what they lack", "[searcher]") {
  auto r = corpus().search("Bedrock enterprise quantum");
  CHECK(r.total_all_words == 0);
  CHECK(r.total == 3);
  REQUIRE(r.results.size() == 3);
  // The two with two of the three words rank above the one with a single word.
  CHECK(r.results[0].missing == std::vector<std::string>{"quantum"});
  CHECK(r.results[1].missing == std::vector<std::string>{"quantum"});
  CHECK(r.results[2].missing == std::vector<std::string>({"Bedrock", "quantum"}));
  // The facets count the list shown: here all three.
  Xapian::doccount months = 0;
  for (const auto& m : r.month_facet) months += m.count;
  CHECK(months == 3);
  CHECK_FALSE(r.domain_facet.empty());
  // Explicit operators are literal: no partial matches.
  auto literal = corpus().search("Bedrock AND quantum");
  CHECK(literal.results.empty());
  CHECK_FALSE(literal.relaxed);
}

TEST_CASE("snippets and headlines mark every matched word, stems included", "[searcher]") {
  auto r = corpus().search("enterprise Bedrock");
  for (const auto& h : r.results) {
    if (!h.missing.empty()) continue;
    INFO(h.headline);
    CHECK(h.snippet_html.find("<mark>Bedrock</mark>") != std::string::npos);
    CHECK(h.snippet_html.find("<mark>enterprise") != std::string::npos);
  }
  auto giant = corpus().search("enterprise", {"aws.amazon.com"});
  REQUIRE(giant.results.size() == 1);
  CHECK(giant.results[0].headline_html ==
        "Cloud giant courts <mark>enterprises</mark> with Bedrock");
}

TEST_CASE("snippets and headlines are escaped: only <mark> is markup", "[searcher]") {
  auto r = corpus().search("parser");
  REQUIRE(r.results.size() == 1);
  const auto& h = r.results[0];
  CHECK(h.headline_html ==
        "<mark>Parser</mark> bug: &lt;script&gt; &amp; &quot;quotes&quot; in headlines");
  CHECK(h.snippet_html.find("&lt;b&gt;tags&lt;/b&gt; &amp; entities") != std::string::npos);
  std::string stripped = h.snippet_html;
  for (const char* tag : {"<mark>", "</mark>"}) {
    for (size_t p; (p = stripped.find(tag)) != std::string::npos;) stripped.erase(p, strlen(tag));
  }
  CHECK(stripped.find('<') == std::string::npos);
  CHECK(stripped.find('"') == std::string::npos);
  CHECK(escape_html("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST_CASE("did you mean: only when a word is misspelled and results are poor", "[searcher]") {
  auto r = corpus().search("Bedrok enterprize");
  CHECK(r.total == 0);
  REQUIRE(r.suggestion);
  CHECK(*r.suggestion == "Bedrock enterprise");  // the typed capitals kept
  CHECK_FALSE(corpus().search("Bedrock enterprise").suggestion);
}

TEST_CASE("broken syntax never throws a Xapian error", "[searcher]") {
  const std::string queries[] = {"\"unbalanced",
                                 "AND AND",
                                 "(((",
                                 "*",
                                 "a*",
                                 "OR",
                                 "NOT",
                                 "-",
                                 "\"\"",
                                 ")",
                                 "headline:",
                                 "year:",
                                 std::string(4000, 'x'),
                                 "tab\there\x01\x7f",
                                 "date:..",
                                 "domain:",
                                 "domain:..",
                                 "\xff\xfe broken utf8",
                                 "near NEAR NEAR"};
  for (const auto& q : queries) {
    INFO(q.substr(0, 40));
    try {
      corpus().search(q);
    } catch (const InvalidInput& e) {
      CHECK(e.parameter == "query");
    }
  }
  CHECK_THROWS_AS(corpus().search("date:yesterday"), InvalidInput);
  CHECK_THROWS_AS(corpus().search(std::string(kMaxQueryBytes + 1, 'a')), InvalidInput);
}

TEST_CASE("bad parameters are named", "[searcher]") {
  Searcher searcher(open_for_reading(corpus().db));
  SearchRequest r;
  r.limit = kMaxLimit + 1;
  try {
    searcher.search(r);
    FAIL("accepted");
  } catch (const InvalidInput& e) {
    CHECK(e.parameter == "limit");
  }
  r.limit = 10;
  r.since = Date{2026, 1, 1};
  r.until = Date{2025, 1, 1};
  CHECK_THROWS_AS(searcher.search(r), InvalidInput);
  CHECK_THROWS_AS(parse_sort_order("random"), InvalidInput);
  CHECK_THROWS_AS(searcher.briefing("0000000000000000"), NotFound);
}

TEST_CASE("related briefings share words: the briefing itself is left out", "[searcher]") {
  Searcher searcher(open_for_reading(corpus().db));
  auto night = corpus().search("\"night trains\" headline:return");
  REQUIRE(night.total_all_words == 1);
  auto related = searcher.related(night.results[0].id, 3);
  REQUIRE_FALSE(related.results.empty());
  CHECK(related.results[0].headline == "Sleeper trains win new riders");
  for (const auto& h : related.results) CHECK(h.id != night.results[0].id);
  // By path too.
  auto by_path = searcher.related((corpus().dir / "docs" / "rail.txt").string(), 3);
  CHECK(by_path.results[0].headline == "Sleeper trains win new riders");
  CHECK_THROWS_AS(searcher.related("no-such-thing"), NotFound);
}

TEST_CASE("the briefing view marks matched words in every sentence", "[searcher]") {
  Searcher searcher(open_for_reading(corpus().db));
  auto hit = corpus().search("trains", {"railjournal.example.org"});
  REQUIRE(hit.results.size() == 1);
  BriefingView view = searcher.briefing(hit.results[0].id, "train");
  CHECK(view.headline_html == "Night <mark>trains</mark> return to the Alps");
  REQUIRE(view.sentences_html.size() == 2);
  CHECK(view.sentences_html[1][0].find("<mark>train</mark>") != std::string::npos);
  CHECK(view.briefing.paragraphs[0].sentences[0].hosts ==
        std::vector<std::string>{"railjournal.example.org"});
}

TEST_CASE("the JSON shape is stable", "[searcher]") {
  auto j = to_json(corpus().search("Bedrock enterprise"));
  std::vector<std::string> keys;
  for (auto& [k, v] : j.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"query", "total", "total_all_words", "relaxed", "offset",
                                         "results", "facets", "suggestion", "corrections",
                                         "elapsed_ms", "watermark"});
  const auto& hit = j["results"][0];
  for (const char* key : {"id", "path", "headline", "headline_html", "date", "domains", "score",
                          "snippet_html", "missing"}) {
    INFO(key);
    CHECK(hit.contains(key));
  }
  CHECK(j["suggestion"].is_null());
  CHECK(j["facets"]["domain"][0].contains("value"));
  CHECK(j["facets"]["month"][0].contains("count"));
}

TEST_CASE("a reader sees new commits after refresh", "[searcher]") {
  TempDir dir;
  dir.write("docs/a.txt", briefing_text("Alpha story", "Alpha things. (a.example.com)",
                                        "On Monday, June 2, 2025, alpha. (a.example.com)"));
  index_folder(dir / "docs", dir / "db");
  Searcher searcher(open_for_reading((dir / "db").string()));
  SearchRequest r;
  r.query = "beta";
  CHECK(searcher.search(r).total == 0);
  dir.write("docs/b.txt", briefing_text("Beta story", "Beta things. (b.example.com)",
                                        "On Monday, June 2, 2025, beta. (b.example.com)"));
  index_folder(dir / "docs", dir / "db");
  searcher.refresh();
  CHECK(searcher.search(r).total == 1);
}

TEST_CASE("highlighting reads whole characters, whatever the script", "[searcher][snippet]") {
  // Each word must be marked whole. The scanner's ASCII fast path must hand on whole code
  // points: kept to one byte, 'к' (U+043A) would read as ':' and split "рынок", and U+2019
  // would not be an apostrophe.
  struct Case {
    std::vector<std::string> terms;
    std::string text, expected;
  };
  const std::vector<Case> cases = {
      {{"рынок"}, "Новый рынок открыт", "Новый <mark>рынок</mark> открыт"},
      {{"openai"}, "OpenAI’s models", "<mark>OpenAI’s</mark> models"},
      {{"zürich"}, "In Zürich today", "In <mark>Zürich</mark> today"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(briefings::SnippetRenderer(c.terms).highlight(c.text) == c.expected);
  }
}

TEST_CASE("host counts stay exact across a rebuild in shards and the runs after it",
          "[searcher][facet]") {
  // 1,200 briefings, enough for a rebuild on two shards that number hosts together: each
  // cites one of 300 hosts and a host every briefing shares.
  TempDir dir;
  std::map<std::string, Xapian::doccount> expected;
  for (int i = 0; i < 1200; ++i) {
    const std::string host = "h" + std::to_string((i * 7) % 300) + ".example.com";
    dir.write("docs/" + std::to_string(i) + ".txt",
              briefing_text("Harbour note " + std::to_string(i),
                            "Cranes moved cargo. (" + host + ") (common.example.com)",
                            "On Monday, June 2, 2025, tug number " + std::to_string(i) +
                                " left. (common.example.com)"));
    ++expected[host];
    ++expected["common.example.com"];
  }
  const fs::path database = dir / "db";
  const std::vector<std::string> docs = {(dir / "docs").string()};
  REQUIRE(run_indexer(database, docs, {"--full", "-q", "-j", "2"}).summary["documents"] == 1200);

  auto counted = [](const std::vector<ValueCount>& list) {
    std::map<std::string, Xapian::doccount> m;
    for (const auto& v : list) m[v.value] = v.count;
    return m;
  };
  Searcher searcher(open_for_reading(database.string()));
  CHECK(counted(searcher.stats().domains) == expected);
  SearchRequest r;
  r.query = "cranes";
  SearchResult all = searcher.search(r);
  CHECK(all.total == 1200);
  REQUIRE(all.domain_facet.size() == 50);
  CHECK(all.domain_facet[0].value == "common.example.com");
  CHECK(all.domain_facet[0].count == 1200);
  for (const auto& v : all.domain_facet) CHECK(v.count == expected[v.value]);
  // Each shard adds its spelling data once, summed: every briefing's words counted once.
  {
    Xapian::Database db(database.string());
    std::map<std::string, Xapian::doccount> spelling;
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
      spelling[*w] = w.get_termfreq();
    CHECK(spelling["cranes"] == 1200);
    CHECK(spelling["harbour"] == 1200);
    CHECK(spelling["tug"] == 1200);
  }
  r.query = "harbuor";
  CHECK(searcher.search(r).suggestion == std::optional<std::string>("harbour"));

  // An ordinary run adds a host the dictionary has not seen and cites an old one again.
  dir.write("docs/new.txt", briefing_text("Harbour note new", "Cranes idle. (fresh.example.net)",
                                          "On Monday, June 2, 2025, calm. (h5.example.com)"));
  REQUIRE(run_indexer(database, docs, {"-q", "-j", "2"}).exit_code == 0);
  ++expected["fresh.example.net"];
  ++expected["h5.example.com"];
  searcher.refresh();
  CHECK(counted(searcher.stats().domains) == expected);
  r.query = "idle";
  CHECK(counted(searcher.search(r).domain_facet) ==
        std::map<std::string, Xapian::doccount>{{"fresh.example.net", 1}, {"h5.example.com", 1}});
}

TEST_CASE("a query for everything never shares Xapian's one MatchAll object between threads",
          "[searcher]") {
  // Xapian 1.4 counts a Query's references without atomics, and Query::MatchAll is one
  // object for the whole process: web workers copying it at once freed it under each other.
  // The checks read its address without copying it.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  QueryBuilder builder(db, Ranking{});
  for (const char* q : {"", "   ", "date:.."}) {
    INFO("query '" << q << "'");
    BuiltQuery built = builder.build(q);
    CHECK(built.query.internal.get() != Xapian::Query::MatchAll.internal.get());
  }
  // And one search for everything from many threads at once, each with its own database.
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      Searcher searcher(open_for_reading(corpus().db));
      for (int i = 0; i < 300; ++i) {
        SearchRequest r;
        if (searcher.search(r).total != 6) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
}
