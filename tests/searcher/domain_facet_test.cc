// DomainFacet: exact host counts over the documents it is shown, however many hosts there are.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "index/host_id_slot.h"
#include "index/schema.h"
#include "searcher/domain_facet.h"

using namespace briefings;

namespace {

Xapian::Document with_hosts(HostDictionary& dictionary, const std::vector<std::string>& hosts) {
  Xapian::Document doc;
  doc.add_value(schema::kHostsSlot, dictionary.encode(hosts));
  return doc;
}

}  // namespace

TEST_CASE("the domain facet counts every host of every document, past its first table size",
          "[searcher][facet]") {
  // 3,000 distinct hosts (past the 128 with one-byte ids), three per document, with
  // uneven counts so the order of the top list is fully decided by count, then name.
  HostDictionary dictionary;
  DomainFacet facet;
  std::map<std::string, Xapian::doccount> expected;
  for (int d = 0; d < 4000; ++d) {
    std::vector<std::string> hosts;
    for (int k : {d % 3000, (d * 7) % 1000, 2999 - d % 17}) {
      std::string host = "host" + std::to_string(k) + ".example.com";
      if (std::find(hosts.begin(), hosts.end(), host) != hosts.end()) continue;
      hosts.push_back(host);
      ++expected[host];
    }
    facet(with_hosts(dictionary, hosts), 1.0);
  }

  auto all = facet.top(100000, dictionary);
  REQUIRE(all.size() == expected.size());
  std::map<std::string, Xapian::doccount> counted;
  for (const auto& v : all) counted[v.value] = v.count;
  CHECK(counted == expected);

  auto top = facet.top(5, dictionary);
  REQUIRE(top.size() == 5);
  for (size_t i = 1; i < top.size(); ++i) {
    CHECK((top[i - 1].count > top[i].count ||
           (top[i - 1].count == top[i].count && top[i - 1].value < top[i].value)));
  }
  CHECK(top[0].count == all[0].count);
}

TEST_CASE("the domain facet ignores documents without hosts", "[searcher][facet]") {
  HostDictionary dictionary;
  DomainFacet facet;
  facet(Xapian::Document(), 1.0);
  facet(with_hosts(dictionary, {}), 1.0);
  CHECK(facet.top(10, dictionary).empty());
  facet(with_hosts(dictionary, {"cnbc.com"}), 1.0);
  REQUIRE(facet.top(10, dictionary).size() == 1);
  CHECK(facet.top(10, dictionary)[0].count == 1);
}

TEST_CASE("the domain facet leaves out ids its dictionary does not name", "[searcher][facet]") {
  HostDictionary dictionary;
  dictionary.id_for("cnbc.com");  // id 0
  DomainFacet facet;
  Xapian::Document doc;
  doc.add_value(schema::kHostsSlot, schema::encode_host_ids({0, 7}));
  facet(doc, 1.0);
  Xapian::Document damaged;
  damaged.add_value(schema::kHostsSlot, std::string("\x80", 1));
  facet(damaged, 1.0);
  auto top = facet.top(10, dictionary);
  REQUIRE(top.size() == 1);
  CHECK(top[0].value == "cnbc.com");
  CHECK(top[0].count == 1);
}

TEST_CASE("the month facet counts each month, oldest first, and skips what is not a month",
          "[searcher][facet]") {
  // 40 years of months, past the table's first size; month m appears m % 5 + 1 times.
  MonthFacet facet;
  std::map<std::string, Xapian::doccount> expected;
  for (int m = 0; m < 480; ++m) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", 1990 + m / 12, m % 12 + 1);
    for (int k = 0; k <= m % 5; ++k) {
      Xapian::Document doc;
      doc.add_value(schema::kMonthSlot, text);
      facet(doc, 1.0);
      ++expected[text];
    }
  }
  for (const char* junk : {"", "2026", "2026-13", "2026-00", "20x6-04", "2026-04-12", "2026/04"}) {
    Xapian::Document doc;
    doc.add_value(schema::kMonthSlot, junk);
    facet(doc, 1.0);
  }
  facet(Xapian::Document(), 1.0);

  auto counts = facet.counts();
  REQUIRE(counts.size() == expected.size());
  auto want = expected.begin();
  for (const auto& c : counts) {  // std::map order is oldest first for "YYYY-MM"
    CHECK(c.value == want->first);
    CHECK(c.count == want->second);
    ++want;
  }
  CHECK(MonthFacet().counts().empty());
}
