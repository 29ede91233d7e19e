// /api/saved: the saved searches the page lists, saves, removes and marks seen; called
// directly, and over HTTP where the write guard lets writes through only from the page.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "index/saved_search_store.h"
#include "tests/web/web_fixture.h"
#include "web/api.h"
#include "web/write_guard.h"

using namespace briefings;
using namespace briefings::testing;
using nlohmann::json;
using web::ApiRequest;

namespace {

ApiRequest with_body(const std::string& body, const std::string& name = "") {
  ApiRequest r;
  r.id = name;
  r.body = body;
  return r;
}

web::ApiResponse add(web::ApiContext& c, const json& body) {
  return web::handle_saved_add(c, with_body(body.dump()));
}

json listed(web::ApiContext& c) {
  auto r = web::handle_saved_list(c, {});
  REQUIRE(r.status == 200);
  return r.body["saved"];
}

}  // namespace

TEST_CASE("the page's saved searches: add, list with new counts, mark seen, remove",
          "[web][saved]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  CHECK(listed(c) == json::array());

  auto added =
      add(c, {{"name", "bedrock"}, {"q", "Bedrock"}, {"domain", {"cnbc.com"}}, {"since", "2026"}});
  INFO(added.body.dump());
  REQUIRE(added.status == 201);
  CHECK(added.body["name"] == "bedrock");
  CHECK(added.body["feed"] == "/feeds/bedrock.atom");
  CHECK(added.body["new"] == 0);
  CHECK(add(c, {{"name", "rail"}, {"q", "rail"}, {"domain", "bbc.co.uk"}}).status == 201);
  json list = listed(c);
  REQUIRE(list.size() == 2);
  CHECK(list[0]["domains"] == json::array({"cnbc.com"}));
  CHECK(list[1]["domains"] == json::array({"bbc.co.uk"}));
  CHECK(list[0]["new"] == 0);

  f.write("new.txt", dated_briefing("2026-03-09", "Bedrock adds regions",
                                    "Bedrock opens in two regions. (cnbc.com)",
                                    "Customers asked for it. (cnbc.com)"));
  f.index();
  list = listed(c);
  CHECK(list[0]["new"] == 1);
  const std::string through = list[0]["new_through"];

  // Indexed after the page showed its count: still new once the shown ones are marked seen.
  f.write("later.txt", dated_briefing("2026-03-10", "Bedrock pricing again",
                                      "Bedrock prices move. (cnbc.com)", "Again. (cnbc.com)"));
  f.index();
  auto seen = web::handle_saved_seen(c, with_body(json{{"through", through}}.dump(), "bedrock"));
  REQUIRE(seen.status == 200);
  CHECK(seen.body["new"] == 1);
  // A mark past the database is held back to what it holds.
  auto future =
      web::handle_saved_seen(c, with_body(json{{"through", "9999999999999999"}}.dump(), "bedrock"));
  CHECK(future.body["new"] == 0);
  f.write("last.txt", dated_briefing("2026-03-11", "Bedrock for schools",
                                     "Bedrock reaches classrooms. (cnbc.com)", "Soon. (cnbc.com)"));
  f.index();
  CHECK(listed(c)[0]["new"] == 1);

  auto removed = web::handle_saved_remove(c, with_body("", "bedrock"));
  CHECK(removed.status == 200);
  CHECK(removed.body["removed"] == "bedrock");
  CHECK(web::handle_saved_remove(c, with_body("", "bedrock")).status == 404);
  CHECK(listed(c).size() == 1);
}

TEST_CASE("bad saved searches are refused naming what is wrong", "[web][saved]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  REQUIRE(add(c, {{"name", "bedrock"}, {"q", "Bedrock"}}).status == 201);
  struct Case {
    std::string body;
    int status;
    std::string parameter;
  };
  const Case cases[] = {
      {R"({"name": "bedrock", "q": "other"})", 409, "name"},
      {R"({"name": "bedrock", "q": "other", "replace": "yes"})", 400, "replace"},
      {R"({"name": "two words", "q": "x"})", 400, "name"},
      {R"({"name": "search", "q": "x"})", 400, "name"},
      {R"({"q": "x"})", 400, "name"},
      {R"({"name": "x", "q": 5})", 400, "q"},
      {R"({"name": "x", "q": "x", "since": "soon"})", 400, "since"},
      {R"({"name": "x", "q": "x", "domain": ["not a host"]})", 400, "domain"},
      {R"({"name": "x", "q": "x", "domain": [5]})", 400, "domain"},
      {R"({"name": "x", "q": ")" + std::string(5000, 'a') + R"("})", 400, "q"},
      {"not json", 400, "body"},
      {"[1, 2]", 400, "body"},
  };
  for (const auto& c2 : cases) {
    INFO(c2.body.substr(0, 80));
    auto r = web::handle_saved_add(c, with_body(c2.body));
    CHECK(r.status == c2.status);
    CHECK(r.body["parameter"] == c2.parameter);
  }
  CHECK(add(c, {{"name", "bedrock"}, {"q", "other"}, {"replace", true}}).status == 201);
  CHECK(listed(c).size() == 1);
  CHECK(listed(c)[0]["query"] == "other");
  auto seen = web::handle_saved_seen(c, with_body(R"({"through": "soon"})", "bedrock"));
  CHECK(seen.status == 400);
  CHECK(seen.body["parameter"] == "through");
  CHECK(web::handle_saved_seen(c, with_body(R"({"through": "0000000000000001"})", "nope")).status ==
        404);
}

TEST_CASE("writes pass only from the server's own page", "[web][saved][security]") {
  struct Case {
    const char* what;
    web::WriteHeaders headers;
    int refused;  // 0: let through
  };
  const Case cases[] = {
      {"the page's own fetch",
       {"POST", "127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin", "application/json"},
       0},
      {"JSON with a charset",
       {"POST", "localhost:9", "http://localhost:9", "", "Application/JSON; charset=utf-8"},
       0},
      {"a DELETE needs no body", {"DELETE", "[::1]:8080", "http://[::1]:8080", "", ""}, 0},
      {"no Origin (a form from a page that hides it, or a script)",
       {"POST", "127.0.0.1:8080", "", "", "application/json"},
       403},
      {"another site",
       {"POST", "127.0.0.1:8080", "https://evil.example", "cross-site", "application/json"},
       403},
      {"another port of this machine",
       {"POST", "127.0.0.1:8080", "http://127.0.0.1:3000", "same-site", "application/json"},
       403},
      {"a sandboxed frame", {"DELETE", "127.0.0.1:8080", "null", "", ""}, 403},
      {"the right Origin but a cross-site fetch",
       {"POST", "127.0.0.1:8080", "http://127.0.0.1:8080", "cross-site", "application/json"},
       403},
      {"a form's body",
       {"POST", "127.0.0.1:8080", "http://127.0.0.1:8080", "", "application/x-www-form-urlencoded"},
       415},
      {"text/plain", {"POST", "127.0.0.1:8080", "http://127.0.0.1:8080", "", "text/plain"}, 415},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    auto refusal = web::refuse_write(c.headers);
    CHECK((refusal ? refusal->status : 0) == c.refused);
  }
}

TEST_CASE("over HTTP, a write needs the page's Origin and JSON, and only the saved routes take one",
          "[web][saved][security]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  auto c = s.client();
  const std::string origin = "http://127.0.0.1:" + std::to_string(s.port);
  const std::string body = R"({"name": "bedrock", "q": "Bedrock"})";
  const httplib::Headers page = {{"Origin", origin}, {"Sec-Fetch-Site", "same-origin"}};

  auto forged = c.Post("/api/saved", body, "application/json");  // no Origin
  REQUIRE(forged);
  CHECK(forged->status == 403);
  auto form =
      c.Post("/api/saved", page, "name=bedrock&q=Bedrock", "application/x-www-form-urlencoded");
  REQUIRE(form);
  CHECK(form->status == 415);
  CHECK(SavedSearchStore(f.db.string()).list().empty());

  auto ok = c.Post("/api/saved", page, body, "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 201);
  CHECK(json_of(ok)["name"] == "bedrock");
  CHECK(json_of(c.Get("/api/saved"))["saved"].size() == 1);

  auto seen = c.Post("/api/saved/bedrock/seen", page, R"({"through": "0000000000000001"})",
                     "application/json");
  REQUIRE(seen);
  CHECK(seen->status == 200);
  auto no_origin = c.Delete("/api/saved/bedrock");
  REQUIRE(no_origin);
  CHECK(no_origin->status == 403);
  auto deleted = c.Delete("/api/saved/bedrock", page);
  REQUIRE(deleted);
  CHECK(deleted->status == 200);
  CHECK(SavedSearchStore(f.db.string()).list().empty());

  struct Refused {
    const char* method;
    const char* path;
    const char* allow;
  };
  for (const Refused& r : {Refused{"PUT", "/api/saved", "GET, HEAD, POST"},
                           Refused{"OPTIONS", "/api/saved", "GET, HEAD, POST"},
                           Refused{"POST", "/api/search", "GET, HEAD"},
                           Refused{"DELETE", "/api/saved", "GET, HEAD, POST"},
                           Refused{"POST", "/api/saved/x", "GET, HEAD, DELETE"},
                           Refused{"DELETE", "/feeds/x.atom", "GET, HEAD"}}) {
    INFO(r.method << " " << r.path);
    httplib::Request req;
    req.method = r.method;
    req.path = r.path;
    req.headers = page;
    auto res = c.send(req);
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Allow") == r.allow);
    CHECK(res->get_header_value("Access-Control-Allow-Origin").empty());
  }
}
