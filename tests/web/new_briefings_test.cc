// GET /api/new (web/api.h handle_new over Searcher::count_new): how many briefings added
// since a search was shown that search matches, for the page's "3 new briefings".
#include <catch2/catch.hpp>

#include <string>

#include "tests/web/web_fixture.h"
#include "web/api.h"

using namespace briefings;
using namespace briefings::testing;
using web::ApiRequest;

namespace {

ApiRequest params(std::vector<std::pair<std::string, std::string>> p) {
  return ApiRequest{std::move(p), ""};
}

std::string watermark_of_search(web::ApiContext& c, const std::string& q) {
  auto r = web::handle_search(c, params({{"q", q}}));
  REQUIRE(r.status == 200);
  return r.body["watermark"];
}

long long new_for(web::ApiContext& c, std::vector<std::pair<std::string, std::string>> p) {
  auto r = web::handle_new(c, params(std::move(p)));
  REQUIRE(r.status == 200);
  return r.body["new"];
}

}  // namespace

TEST_CASE("new briefings are counted for the search they match, and only those",
          "[web][api][live]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  const std::string bedrock = watermark_of_search(c, "Bedrock");
  const std::string rail = watermark_of_search(c, "rail");
  CHECK(bedrock == rail);
  CHECK(new_for(c, {{"q", "Bedrock"}, {"after", bedrock}}) == 0);

  f.write("bedrock-outage.txt",
          dated_briefing("2026-03-02", "Brief Bedrock outage hits dashboards",
                         "Dashboards failed when Bedrock calls timed out. (theverge.com)",
                         "The provider blamed a configuration push. (aws.amazon.com)"));
  // An edit is not a new briefing: it keeps its document.
  f.write("rail.txt", dated_briefing("2025-12-12", "Rail strike ends after long talks",
                                     "Unions and operators agreed a pay deal. (bbc.co.uk)",
                                     "Trains return on Monday. (bbc.co.uk)"));
  f.index();

  CHECK(new_for(c, {{"q", "Bedrock"}, {"after", bedrock}}) == 1);
  CHECK(new_for(c, {{"q", "rail"}, {"after", rail}}) == 0);
  CHECK(new_for(c, {{"q", ""}, {"after", bedrock}}) == 1);  // the start page: any briefing
  CHECK(new_for(c, {{"q", "Bedrock"}, {"domain", "cnbc.com"}, {"after", bedrock}}) == 0);
  CHECK(new_for(c, {{"q", "Bedrock"}, {"since", "2026-03"}, {"after", bedrock}}) == 1);
  CHECK(new_for(c, {{"q", "Bedrock"}, {"until", "2026-02"}, {"after", bedrock}}) == 0);
  // Searching again moves the watermark past it.
  CHECK(new_for(c, {{"q", "Bedrock"}, {"after", watermark_of_search(c, "Bedrock")}}) == 0);
}

TEST_CASE("without a watermark /api/new tells the current one", "[web][api][live]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  auto r = web::handle_new(c, params({{"q", "Bedrock"}}));
  REQUIRE(r.status == 200);
  CHECK(r.body["new"] == 0);
  CHECK(r.body["watermark"] == watermark_of_search(c, "Bedrock"));
}

TEST_CASE("a rebuilt index has nothing new but what was added", "[web][api][live]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  const std::string before = watermark_of_search(c, "Bedrock");
  f.index(true);  // --full: a new database, numbered afresh, every indexed-at time kept
  CHECK(new_for(c, {{"q", "Bedrock"}, {"after", before}}) == 0);
  f.write("bedrock-quota.txt",
          dated_briefing("2026-03-04", "Bedrock quota rises for new accounts",
                         "New accounts get higher Bedrock limits. (theverge.com)",
                         "The change applies in every region. (aws.amazon.com)"));
  f.index(true);
  CHECK(new_for(c, {{"q", "Bedrock"}, {"after", before}}) == 1);
}

TEST_CASE("/api/new refuses a watermark that is not one, naming the parameter",
          "[web][api][live]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  for (const char* bad : {"nonsense", "uuid:12", "123456789012345", "12345678901234567",
                          "-123456789012345", "1234567890123x56"}) {
    INFO(bad);
    auto r = web::handle_new(c, params({{"q", "Bedrock"}, {"after", bad}}));
    CHECK(r.status == 400);
    CHECK(r.body["parameter"] == "after");
  }
  auto twice =
      web::handle_new(c, params({{"after", "0000000000000001"}, {"after", "0000000000000002"}}));
  CHECK(twice.status == 400);
  auto limit = web::handle_new(c, params({{"limit", "1000"}}));
  CHECK(limit.status == 400);
}
