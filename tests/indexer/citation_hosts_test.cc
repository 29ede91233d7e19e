// Which "(...)" closing a sentence is a citation: a host under a rule of the public suffix
// list, whatever kind of rule it is, while numbers, file names and abbreviations stay text.
//
// Each row is parsed as a one-sentence paragraph of a briefing; every host is our own pick
// of a real-looking site, the sentences are our own.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "index/host_names.h"
#include "indexer/briefing_parser.h"

using namespace briefings;

namespace {

struct HostCase {
  const char* why;
  const char* cited;        // what stands between the parentheses
  const char* host;         // the normalised host, or nullptr when "(cited)" must stay text
  const char* registrable;  // host_and_parents' last entry for an accepted host
};

// Parses "Headline\n\nThe port said so (cited).\n" and returns its only sentence.
Sentence cite(const std::string& cited) {
  ParseContext context{"hosts.txt", std::nullopt, 0, Date{2026, 11, 25}};
  ParseOutcome o =
      parse_briefing("Harbour works resume\n\nThe port said so (" + cited + ").\n", context);
  REQUIRE(o.briefing);
  REQUIRE(o.briefing->paragraphs.size() == 1);
  REQUIRE(o.briefing->paragraphs[0].sentences.size() == 1);
  return o.briefing->paragraphs[0].sentences[0];
}

}  // namespace

TEST_CASE("a citation is any host the public suffix list places under one of its rules",
          "[indexer][parser][citations][hosts]") {
  const HostCase cases[] = {
      // Plain top-level rules.
      {"generic top-level domain", "cnbc.com", "cnbc.com", "cnbc.com"},
      {"country top-level domain", "businesstoday.in", "businesstoday.in", "businesstoday.in"},
      {"brand top-level domain", "blog.google", "blog.google", "blog.google"},
      {"sub-domain of a plain rule", "blogs.microsoft.com", "blogs.microsoft.com", "microsoft.com"},
      // Second-level rules, some under a top level that is no rule by itself ("za").
      {"South Africa: co.za is a rule, za is not", "news24.co.za", "news24.co.za", "news24.co.za"},
      {"another co.za site", "iol.co.za", "iol.co.za", "iol.co.za"},
      {"sub-domain under co.za", "www.sport.news24.co.za", "sport.news24.co.za", "news24.co.za"},
      {"United Kingdom: co.uk", "bbc.co.uk", "bbc.co.uk", "bbc.co.uk"},
      {"Australia: net.au", "abc.net.au", "abc.net.au", "abc.net.au"},
      {"Japan: go.jp", "mof.go.jp", "mof.go.jp", "mof.go.jp"},
      {"a second-level rule that is a site itself", "gov.uk", "gov.uk", "gov.uk"},
      // Wildcard rules ("*.bd", "*.pg", "*.ck") and an exception to one ("!city.kawasaki.jp").
      {"Bangladesh: wildcard *.bd", "bangladesh.gov.bd", "bangladesh.gov.bd", "bangladesh.gov.bd"},
      {"Papua New Guinea: wildcard *.pg", "postcourier.com.pg", "postcourier.com.pg",
       "postcourier.com.pg"},
      {"Cook Islands: wildcard *.ck", "news.co.ck", "news.co.ck", "news.co.ck"},
      {"exception rule !city.kawasaki.jp", "www.city.kawasaki.jp", "city.kawasaki.jp",
       "city.kawasaki.jp"},
      {"under an exception rule", "www.ck", nullptr, nullptr},  // "www." is dropped: "ck"
      // The private section.
      {"private rule github.io", "octocat.github.io", "octocat.github.io", "octocat.github.io"},
      {"private rule blogspot.com", "harbourwatch.blogspot.com", "harbourwatch.blogspot.com",
       "harbourwatch.blogspot.com"},
      {"a numbered citation", "news24.co.za 2", "news24.co.za", "news24.co.za"},
      // Text that only looks like a host: no rule of the list is above it.
      {"a file name", "index.html", nullptr, nullptr},
      {"a JavaScript runtime", "Node.js", nullptr, nullptr},
      {"a version or a ratio", "1.27", nullptr, nullptr},
      {"a length", "3.4ft", nullptr, nullptr},
      {"an abbreviation", "e.g.", nullptr, nullptr},
      {"an IPv4 address", "192.168.1.10", nullptr, nullptr},
      {"a bare second-level name whose top level is no rule", "co.za", nullptr, nullptr},
      {"a file under a top-level name", "report.pdf", nullptr, nullptr},
  };
  for (const HostCase& c : cases) {
    INFO(c.why << ": (" << c.cited << ")");
    Sentence s = cite(c.cited);
    if (c.host == nullptr) {
      CHECK(s.hosts.empty());
      CHECK(s.text == std::string("The port said so (") + c.cited + ").");
      continue;
    }
    CHECK(s.text == "The port said so.");
    CHECK(s.hosts == std::vector<std::string>{c.host});
    CHECK(schema::has_known_suffix(c.host));
    // The H terms of an accepted host stop at its registrable domain, most specific first.
    std::vector<std::string> parents = schema::host_and_parents(c.host);
    CHECK(parents.front() == c.host);
    CHECK(parents.back() == c.registrable);
  }
}
