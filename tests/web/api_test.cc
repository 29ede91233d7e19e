// The API handlers: called directly (no socket) and over HTTP, over a real index.
#include <catch2/catch.hpp>

#include <string>

#include "tests/web/web_fixture.h"
#include "web/api.h"

using namespace briefings;
using namespace briefings::testing;
using web::ApiRequest;

namespace {

ApiRequest params(std::vector<std::pair<std::string, std::string>> p, std::string id = "") {
  return ApiRequest{std::move(p), std::move(id)};
}

std::string first_id(web::ApiContext& c, const std::string& q) {
  auto r = web::handle_search(c, params({{"q", q}}));
  REQUIRE(r.status == 200);
  REQUIRE_FALSE(r.body["results"].empty());
  return r.body["results"][0]["id"];
}

}  // namespace

TEST_CASE("search answers results, counts and facets", "[web][api]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());

  auto r = web::handle_search(c, params({{"q", "Bedrock enterprise"}}));
  REQUIRE(r.status == 200);
  auto& results = r.body["results"];
  REQUIRE(results.size() == 2);
  for (auto& hit : results) {
    CHECK(hit["headline_html"].get<std::string>().find("<mark>") != std::string::npos);
    CHECK(hit["snippet_html"].get<std::string>().find("<mark>") != std::string::npos);
    CHECK(hit["id"].get<std::string>().size() == 16);
  }
  CHECK(r.body["total"] == 2);

  SECTION("domains narrow the results; several are ORed") {
    auto one = web::handle_search(c, params({{"q", "Bedrock"}, {"domain", "aws.amazon.com"}}));
    REQUIRE(one.status == 200);
    CHECK(one.body["results"].size() == 1);
    auto both = web::handle_search(
        c, params({{"q", "Bedrock"}, {"domain", "aws.amazon.com"}, {"domain", "reuters.com"}}));
    CHECK(both.body["results"].size() == 2);
  }
  SECTION("dates bound the results, sort orders them") {
    auto jan = web::handle_search(
        c, params({{"q", "Bedrock"}, {"since", "2026-01"}, {"until", "2026-01"}}));
    REQUIRE(jan.status == 200);
    REQUIRE(jan.body["results"].size() == 1);
    CHECK(jan.body["results"][0]["date"] == "2026-01-14");
    auto oldest = web::handle_search(c, params({{"q", "Bedrock"}, {"sort", "oldest"}}));
    CHECK(oldest.body["results"][0]["date"] == "2026-01-14");
    auto newest = web::handle_search(c, params({{"q", "Bedrock"}, {"sort", "newest"}}));
    CHECK(newest.body["results"][0]["date"] == "2026-02-03");
  }
  SECTION("offset and limit page through the results") {
    auto page = web::handle_search(c, params({{"q", "Bedrock"}, {"offset", "1"}, {"limit", "1"}}));
    REQUIRE(page.status == 200);
    CHECK(page.body["results"].size() == 1);
    CHECK(page.body["total"] == 2);
  }
}

TEST_CASE("bad parameters are a 400 naming the parameter", "[web][api]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  struct Case {
    std::vector<std::pair<std::string, std::string>> params;
    std::string parameter;
  };
  std::vector<Case> cases = {
      {{{"q", "x"}, {"limit", "-1"}}, "limit"},
      {{{"q", "x"}, {"limit", "100000"}}, "limit"},
      {{{"q", "x"}, {"limit", "ten"}}, "limit"},
      {{{"q", "x"}, {"limit", "5abc"}}, "limit"},
      {{{"q", "x"}, {"limit", "99999999999999999999999"}}, "limit"},
      {{{"q", "x"}, {"offset", "-3"}}, "offset"},
      {{{"q", "x"}, {"offset", "100000000"}}, "offset"},
      {{{"q", "x"}, {"since", "yesterday"}}, "since"},
      {{{"q", "x"}, {"until", "2026-13"}}, "until"},
      {{{"q", "x"}, {"since", "2026-02-30"}}, "since"},
      {{{"q", "x"}, {"sort", "best"}}, "sort"},
      {{{"q", std::string(100 * 1024, 'a')}}, "q"},
      {{{"q", "a"}, {"q", "b"}}, "q"},
      {{{"q", "domain:..."}}, "q"},
      {{{"q", "x"}, {"domain", "not a host"}}, "domain"},
      {{{"q", "x"}, {"since", "2026-05"}, {"until", "2026-04"}}, "since"},
  };
  Case many_domains{{{"q", "x"}}, "domain"};
  for (int i = 0; i < 51; ++i) many_domains.params.emplace_back("domain", "a.com");
  cases.push_back(many_domains);
  for (const auto& k : cases) {
    auto r = web::handle_search(c, params(k.params));
    INFO(k.params.back().first << "=" << k.params.back().second.substr(0, 30));
    CHECK(r.status == 400);
    CHECK(r.body["parameter"] == k.parameter);
    // The message starts with the parameter as the API spells it ("q", not "query").
    CHECK(r.body["error"].get<std::string>().rfind(k.parameter + " ", 0) == 0);
  }
}

TEST_CASE("a briefing comes whole, with marks when asked", "[web][api]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  std::string id = first_id(c, "pricing");

  auto plain = web::handle_briefing(c, params({}, id));
  REQUIRE(plain.status == 200);
  auto& b = plain.body;
  CHECK(b["id"] == id);
  CHECK(b["headline"] == "Bedrock pricing cut lands as enterprise demand grows");
  CHECK(b["date"] == "2026-02-03");
  CHECK(b["date_source"] == "metadata");
  REQUIRE(b["paragraphs"].size() == 2);
  CHECK(b["paragraphs"][0][0]["text"] == "Cloud customers pay less per token on Bedrock.");
  CHECK(b["paragraphs"][0][0]["hosts"] == nlohmann::ordered_json::array({"reuters.com"}));
  CHECK(b["domains"] == nlohmann::ordered_json::array({"cnbc.com", "reuters.com"}));
  REQUIRE(b["paths"].size() == 1);
  CHECK(b["paths"][0].get<std::string>().find("bedrock-pricing.txt") != std::string::npos);
  CHECK(b["headline_html"].get<std::string>().find("<mark>") == std::string::npos);

  auto marked = web::handle_briefing(c, params({{"q", "token"}}, id));
  REQUIRE(marked.status == 200);
  CHECK(marked.body["paragraphs"][0][0]["html"] ==
        "Cloud customers pay less per <mark>token</mark> on Bedrock.");

  SECTION("unknown ids are a 404") {
    for (std::string bad : std::vector<std::string>{"0000000000000000", "nope", "",
                                                    "../../etc/passwd", std::string(5000, 'f')}) {
      auto r = web::handle_briefing(c, params({}, bad));
      CHECK(r.status == 404);
      CHECK(r.body.contains("error"));
      CHECK(web::handle_related(c, params({}, bad)).status == 404);
    }
  }
  SECTION("related briefings exclude the briefing itself") {
    auto r = web::handle_related(c, params({}, id));
    REQUIRE(r.status == 200);
    for (auto& hit : r.body["results"]) CHECK(hit["id"] != id);
  }
}

TEST_CASE("text from briefings is escaped in every *_html field", "[web][api]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  auto r = web::handle_search(c, params({{"q", "quokka"}}));
  REQUIRE(r.status == 200);
  REQUIRE(r.body["results"].size() == 1);
  auto& hit = r.body["results"][0];
  CHECK(hit["headline"] == "<img src=x onerror=alert(1)> & \"quokka\" <b>news</b>");
  std::string headline_html = hit["headline_html"];
  CHECK(headline_html.find("<img") == std::string::npos);
  CHECK(headline_html.find("<b>") == std::string::npos);
  CHECK(headline_html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(headline_html.find("<mark>quokka</mark>") != std::string::npos);
  std::string snippet = hit["snippet_html"];
  CHECK(snippet.find("<script") == std::string::npos);

  auto b = web::handle_briefing(c, params({{"q", "quokka"}}, hit["id"]));
  REQUIRE(b.status == 200);
  std::string dumped = b.body.dump();
  // Only <mark> tags appear unescaped in any _html field.
  for (const auto& p : b.body["paragraphs"]) {
    for (const auto& s : p) {
      std::string html = s["html"];
      std::string stripped = html;
      for (std::string tag : {"<mark>", "</mark>"}) {
        for (size_t at; (at = stripped.find(tag)) != std::string::npos;)
          stripped.erase(at, tag.size());
      }
      CHECK(stripped.find('<') == std::string::npos);
    }
  }
}

TEST_CASE("every endpoint over HTTP, with errors as JSON", "[web][api]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  auto c = s.client();

  auto search = c.Get("/api/search?q=Bedrock+enterprise&domain=cnbc.com&limit=5");
  REQUIRE(search);
  CHECK(search->status == 200);
  CHECK(search->get_header_value("Content-Type") == "application/json");
  CHECK(search->get_header_value("Content-Security-Policy").find("default-src 'none'") !=
        std::string::npos);
  auto j = json_of(search);
  REQUIRE(j["results"].size() == 2);
  std::string id = j["results"][0]["id"];

  auto briefing = c.Get("/api/briefing/" + id + "?q=Bedrock");
  REQUIRE(briefing);
  CHECK(briefing->status == 200);
  CHECK(json_of(briefing)["id"] == id);
  auto related = c.Get("/api/related/" + id);
  REQUIRE(related);
  CHECK(related->status == 200);

  for (std::string bad :
       std::vector<std::string>{"/api/search?q=x&limit=-1", "/api/search?q=x&limit=100000",
                                "/api/search?q=x&since=yesterday", "/api/search?q=x&sort=%3Cb%3E",
                                "/api/search?q=" + std::string(5000, 'q')}) {
    auto r = c.Get(bad);
    REQUIRE(r);
    INFO(bad.substr(0, 60));
    CHECK(r->status == 400);
    CHECK(r->get_header_value("Content-Type") == "application/json");
    CHECK(json_of(r).contains("parameter"));
  }
  auto missing = c.Get("/api/briefing/0123456789abcdef");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(json_of(missing).contains("error"));

  SECTION("query strings decode as forms do: + is a space, %2B a plus") {
    auto r = c.Get("/api/search?q=Bedrock+C%2B%2B&limit=1");
    REQUIRE(r);
    CHECK(json_of(r)["query"] == "Bedrock C++");
  }
  SECTION("invalid UTF-8 in a query does not break the JSON") {
    auto r = c.Get("/api/search?q=%FF%FEbedrock");
    REQUIRE(r);
    CHECK(r->status < 500);
    CHECK_NOTHROW(json_of(r));
  }
  SECTION("query syntax errors are a 400 or an ordinary answer, never a 500") {
    for (std::string q : {"%22unclosed", "AND", "headline:", "(((", "NEAR/3", "*"}) {
      auto r = c.Get("/api/search?q=" + q);
      REQUIRE(r);
      INFO(q);
      CHECK((r->status == 200 || r->status == 400));
    }
  }
}

TEST_CASE("parameters are checked before the database is opened", "[web][api]") {
  TempDir dir;
  web::ApiContext c((dir / "no-db-here").string());
  CHECK(web::handle_search(c, params({{"q", "x"}, {"limit", "-1"}})).status == 400);
  auto missing = web::handle_search(c, params({{"q", "x"}}));
  CHECK(missing.status == 503);
  CHECK(missing.body["error"].get<std::string>().find("briefings index") != std::string::npos);
  CHECK(web::handle_briefing(c, params({}, "0123456789abcdef")).status == 503);
  CHECK(web::handle_stats(c, params({})).status == 503);
}

TEST_CASE("/api/search answers exactly what `briefings search --json` prints", "[web][api][cli]") {
  IndexFixture f;
  auto cli = run_command(std::string("'") + briefings_binary().string() + "' search --db '" +
                         f.db.string() + "' --json --limit 5 --domain cnbc.com Bedrock enterprise");
  REQUIRE(cli.exit_code == 0);
  RunningServer s(f.db.string());
  auto web = s.client().Get("/api/search?q=Bedrock+enterprise&limit=5&domain=cnbc.com");
  REQUIRE(web);
  auto a = nlohmann::ordered_json::parse(cli.out);
  auto b = nlohmann::ordered_json::parse(web->body);
  a.erase("elapsed_ms");
  b.erase("elapsed_ms");
  CHECK(a == b);
}
