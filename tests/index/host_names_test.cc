// Host names: the one normal form of a cited host, its parent domains, and which
// parenthesised texts are hosts at all.
#include <catch2/catch.hpp>

#include "index/host_names.h"

using namespace briefings::schema;

TEST_CASE("hosts are normalised: lower case, no www., no trailing dot", "[host_names]") {
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

TEST_CASE("a host expands to itself and its parents down to the registrable domain",
          "[host_names]") {
  using V = std::vector<std::string>;
  CHECK(host_and_parents("blogs.microsoft.com") == V{"blogs.microsoft.com", "microsoft.com"});
  CHECK(host_and_parents("a.b.example.co.uk") ==
        V{"a.b.example.co.uk", "b.example.co.uk", "example.co.uk"});
  CHECK(host_and_parents("cnbc.com") == V{"cnbc.com"});
  CHECK(host_and_parents("businesstoday.in") == V{"businesstoday.in"});
  // A public suffix on its own never expands to anything shorter.
  CHECK(host_and_parents("co.uk") == V{"co.uk"});
}

TEST_CASE("only hosts ending in a known public suffix count as hosts", "[host_names]") {
  CHECK(has_known_suffix("cnbc.com"));
  CHECK(has_known_suffix("businesstoday.in"));
  CHECK(has_known_suffix("bbc.co.uk"));
  CHECK_FALSE(has_known_suffix("node.js"));
  CHECK_FALSE(has_known_suffix("file.txt"));
}

TEST_CASE("a host counts when some parent of it is a suffix by an explicit rule of the list",
          "[host_names]") {
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
