// The host dictionary: every host keeps the id it was first given, for the life of the
// database, and the names come back from the database exactly as saved.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <string>
#include <thread>
#include <vector>

#include "index/host_dictionary.h"
#include "index/host_id_slot.h"
#include "index/schema.h"
#include "tests/support/temp_dir.h"

using namespace briefings;

TEST_CASE("hosts are numbered 0, 1, 2 ... in the order first seen, and keep their ids",
          "[host_dictionary]") {
  HostDictionary hosts;
  CHECK(hosts.id_for("cnbc.com") == 0);
  CHECK(hosts.id_for("axios.com") == 1);
  CHECK(hosts.id_for("cnbc.com") == 0);
  CHECK(hosts.size() == 2);
  CHECK(hosts.names() == std::vector<std::string>{"cnbc.com", "axios.com"});
  CHECK(hosts.encode({"axios.com", "blogs.microsoft.com", "cnbc.com"}) ==
        schema::encode_host_ids({1, 2, 0}));
}

TEST_CASE("the dictionary is saved in the database and loaded back, and only grows",
          "[host_dictionary]") {
  testing::TempDir dir;
  const std::string path = (dir / "db").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    HostDictionary hosts = HostDictionary::load(db);
    CHECK(hosts.size() == 0);
    // 200 hosts: past the one-byte ids.
    for (int i = 0; i < 200; ++i) hosts.id_for("host" + std::to_string(i) + ".example.org");
    hosts.save(db);
    db.commit();
  }
  {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    HostDictionary hosts = HostDictionary::load(db);
    REQUIRE(hosts.size() == 200);
    CHECK(hosts.id_for("host150.example.org") == 150);
    CHECK(hosts.id_for("new.example.org") == 200);
    const Xapian::rev before = db.get_revision();
    hosts.save(db);
    db.commit();
    CHECK(db.get_revision() == before + 1);
  }
  Xapian::Database db(path);
  HostDictionary hosts = HostDictionary::load(db);
  REQUIRE(hosts.size() == 201);
  CHECK(hosts.names()[0] == "host0.example.org");
  CHECK(hosts.names()[200] == "new.example.org");
}

TEST_CASE("a damaged dictionary entry is refused with a message, not misread",
          "[host_dictionary]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // A name whose length runs past the end of the entry.
  db.set_metadata(std::string(schema::kHostNamesKey), std::string("\x05"
                                                                  "abc",
                                                                  4));
  CHECK_THROWS_WITH(HostDictionary::load(db), Catch::Contains("host dictionary is damaged"));
  db.set_metadata(std::string(schema::kHostNamesKey), std::string("\x80", 1));
  CHECK_THROWS_AS(HostDictionary::load(db), std::runtime_error);
}

TEST_CASE("parsing threads sharing one dictionary get one dense numbering", "[host_dictionary]") {
  HostDictionary hosts;
  std::vector<std::thread> threads;
  std::vector<std::vector<uint32_t>> seen(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        seen[t].push_back(hosts.id_for("h" + std::to_string((i * (t + 1)) % 500) + ".com"));
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(hosts.size() == 500);
  for (int t = 0; t < 4; ++t) {
    for (int i = 0; i < 1000; ++i) {
      const std::string host = "h" + std::to_string((i * (t + 1)) % 500) + ".com";
      CHECK(hosts.names()[seen[t][i]] == host);
    }
  }
}
