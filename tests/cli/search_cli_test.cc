// `briefings search` and `briefings related` run as a user runs them, over the bundled
// examples: output, JSON, colour rules and exit codes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.h"

using namespace briefings::testing;
using nlohmann::json;

namespace {

struct Examples {
  TempDir dir;
  std::string db = (dir / "db").string();
  Examples() {
    auto r = run_command(bin() + " index -q --db '" + db + "' '" + examples_dir().string() + "'");
    REQUIRE(r.exit_code == 0);
  }
  static std::string bin() { return shell_quoted(briefings_binary()); }
  CommandResult search(const std::string& args, const std::string& env = "") const {
    return run_command(env + " " + bin() + " search --db '" + db + "' " + args);
  }
};

const Examples& examples() {
  static Examples e;
  return e;
}

}  // namespace

TEST_CASE("search prints ranked hits with snippets and a summary line", "[cli][search]") {
  auto r = examples().search("Bedrock enterprise");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("1. 20") != std::string::npos);
  CHECK(r.out.find("Bedrock") != std::string::npos);
  CHECK(r.out.find(" briefings") != std::string::npos);
  CHECK(r.out.find(" ms; top sources:") != std::string::npos);
  CHECK(r.out.find("top sources:") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // a pipe gets no colour
  CHECK(r.err.empty());
}

TEST_CASE("search --json prints one object with the documented keys", "[cli][search]") {
  auto r = examples().search("--json Bedrock enterprise");
  REQUIRE(r.exit_code == 0);
  json j = json::parse(r.out);
  CHECK(j["total"].get<int>() >= 2);
  CHECK(j["results"][0]["snippet_html"].get<std::string>().find("<mark>") != std::string::npos);
  CHECK(j["facets"]["domain"].is_array());
  CHECK(j["facets"]["month"].is_array());
}

TEST_CASE("colour only when asked for or on a terminal, never with NO_COLOR", "[cli][search]") {
  CHECK(examples().search("--color always Bedrock").out.find("\x1b[1;33m") != std::string::npos);
  CHECK(examples().search("--color always Bedrock", "NO_COLOR=1").out.find("\x1b[") ==
        std::string::npos);
  CHECK(examples().search("--color never Bedrock").out.find("\x1b[") == std::string::npos);
}

TEST_CASE("filters from flags narrow the results", "[cli][search]") {
  auto all = json::parse(examples().search("--json export").out);
  auto since = json::parse(examples().search("--json --since 2026 export").out);
  CHECK(since["total"].get<int>() <= all["total"].get<int>());
  for (const auto& hit : since["results"]) CHECK(hit["date"].get<std::string>() >= "2026-01-01");
  auto reuters =
      json::parse(examples().search("--json --domain reuters.com --sort newest chip").out);
  for (const auto& hit : reuters["results"]) {
    auto domains = hit["domains"].get<std::vector<std::string>>();
    CHECK(std::find(domains.begin(), domains.end(), "reuters.com") != domains.end());
  }
}

TEST_CASE("broken queries exit 0 or 2 with a message, never crash", "[cli][search]") {
  const char* queries[] = {"'\"unbalanced'",
                           "AND AND",
                           "'((('",
                           "domain:",
                           "'*'",
                           "'date:yesterday'",
                           "$(printf 'a%.0s' $(seq 1 5000))"};
  for (const char* q : queries) {
    INFO(q);
    auto r = examples().search(q);
    CHECK((r.exit_code == 0 || r.exit_code == 2));
    if (r.exit_code == 2) {
      CHECK(r.err.find("briefings: ") == 0);
      CHECK(r.err.find('\n') == r.err.size() - 1);  // one line
    }
  }
}

TEST_CASE("search exit codes: bad option 2, missing database 66", "[cli][search]") {
  CHECK(examples().search("--since yesterday Bedrock").exit_code == 2);
  CHECK(examples().search("--sort random Bedrock").exit_code == 2);
  CHECK(examples().search("-n 1000 Bedrock").exit_code == 2);
  auto missing = run_command(Examples::bin() + " search --db /nonexistent/db Bedrock");
  CHECK(missing.exit_code == 66);
  CHECK(missing.err.find("briefings index") != std::string::npos);
  auto none = examples().search("--json zzzzqqqq");
  CHECK(none.exit_code == 0);
  CHECK(json::parse(none.out)["results"].empty());
}

TEST_CASE("a bad option is named as the terminal spells it", "[cli][search]") {
  struct Case {
    std::string args;
    std::string message;
  };
  const Case cases[] = {
      {"-n 101 Bedrock", "briefings: --limit must be between 0 and 100\n"},
      {"--offset 10001 Bedrock", "briefings: --offset must be between 0 and 10000\n"},
      {"--since yesterday Bedrock",
       "briefings: --since must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not 'yesterday'\n"},
      {"--since 2026-05 --until 2026-04 Bedrock",
       "briefings: --since (2026-05-01) is after until (2026-04-30)\n"},
      {"--domain 'not a host' Bedrock",
       "briefings: --domain must be a host name such as cnbc.com, not 'not a host'\n"},
      {"$(printf -- '--domain a.com %.0s' $(seq 1 51)) Bedrock",
       "briefings: --domain may be given at most 50 times, not 51\n"},
      {"$(printf 'a%.0s' $(seq 1 5000))", "briefings: the query is longer than 4096 bytes\n"},
  };
  for (const auto& c : cases) {
    INFO(c.args.substr(0, 60));
    auto r = examples().search(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err == c.message);
  }
  auto related = run_command(Examples::bin() + " related --db '" + examples().db + "' -n 101 x");
  CHECK(related.exit_code == 2);
  CHECK(related.err == "briefings: --limit must be between 0 and 100\n");
}

TEST_CASE("related lists similar briefings, by id or path", "[cli][related]") {
  auto hit = json::parse(examples().search("--json -n 1 Bedrock enterprise").out);
  std::string id = hit["results"][0]["id"];
  std::string path = hit["results"][0]["path"];
  auto r = run_command(Examples::bin() + " related --json --db '" + examples().db + "' " + id);
  REQUIRE(r.exit_code == 0);
  auto j = json::parse(r.out);
  REQUIRE_FALSE(j["results"].empty());
  for (const auto& h : j["results"]) CHECK(h["id"] != id);
  auto by_path =
      run_command(Examples::bin() + " related --json --db '" + examples().db + "' '" + path + "'");
  CHECK(json::parse(by_path.out)["results"] == j["results"]);
  auto unknown =
      run_command(Examples::bin() + " related --db '" + examples().db + "' nothing-here");
  CHECK(unknown.exit_code == 66);
}
