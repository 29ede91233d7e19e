// `briefings serve --watch`: one process serves the page and keeps the index current, so a
// briefing copied into the folder is found by /api/search moments later.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "tests/support/process.h"
#include "tests/web/web_fixture.h"

using namespace briefings;
using namespace briefings::testing;
using namespace std::chrono_literals;

namespace {

template <typename Done>
bool eventually(Done&& done, std::chrono::milliseconds limit = 20s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

}  // namespace

TEST_CASE("serve --watch on the examples finds a briefing copied into the folder within a second",
          "[web][cli][watch]") {
  TempDir dir;
  std::filesystem::copy(examples_dir(), dir / "docs", std::filesystem::copy_options::recursive);
  ChildProcess server({briefings_binary().string(), "serve", "--db", (dir / "db").string(),
                       "--port", "0", "--threads", "2", "--watch", (dir / "docs").string()},
                      dir / "serve.out", dir / "serve.err");
  std::smatch m;
  std::string out;
  REQUIRE(eventually([&] {
    out = file_text(dir / "serve.out");
    return std::regex_search(out, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)")) &&
           out.find("documents in the database") != std::string::npos;
  }));
  httplib::Client client("127.0.0.1", std::stoi(m[1]));
  client.set_read_timeout(10);
  auto before = client.Get("/api/search?q=quokka");
  REQUIRE(before);
  REQUIRE(before->status == 200);
  CHECK(json_of(before)["total"] == 0);
  const std::string watermark = json_of(before)["watermark"];

  // Saved the way a browser saves a download: written beside, then renamed in.
  dir.write("incoming.part", dated_briefing("2026-03-05", "Quokka counts rise on the island",
                                            "Rangers counted more quokkas. (example.org)",
                                            "The count doubled since spring. (example.org)"));
  const auto saved = std::chrono::steady_clock::now();
  std::filesystem::rename(dir / "incoming.part", dir / "docs/quokka.txt");
  CHECK(eventually([&] {
    auto r = client.Get("/api/search?q=quokka");
    return r && r->status == 200 && json_of(r)["total"] == 1;
  }));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - saved).count();
  INFO("saved to searchable: " << seconds << " s");
  CHECK(seconds < 1.0);
  auto fresh = client.Get(("/api/new?q=quokka&after=" + watermark).c_str());
  REQUIRE(fresh);
  CHECK(json_of(fresh)["new"] == 1);

  ::kill(server.pid(), SIGTERM);
  REQUIRE(eventually([&] { return server.ended(); }));
  CHECK(exit_code_of(server.wait()) == 0);
  CHECK(file_text(dir / "serve.out").find("Stopped.") != std::string::npos);
}

TEST_CASE("serve --watch of a path that does not exist exits 66 before serving",
          "[web][cli][watch]") {
  TempDir dir;
  auto r = run_program({briefings_binary().string(), "serve", "--db", (dir / "db").string(),
                        "--port", "0", "--watch", (dir / "missing").string()},
                       30s);
  CHECK(r.exit_code == 66);
  CHECK(r.err.find("missing") != std::string::npos);
  CHECK(r.out.find("Serving") == std::string::npos);
}

TEST_CASE("serve --watch stops with the lock error when another indexer holds the database",
          "[web][cli][watch]") {
  TempDir dir;
  dir.write("docs/a.txt", dated_briefing("2025-12-12", "Rail strike ends after talks",
                                         "Unions agreed a pay deal. (bbc.co.uk)",
                                         "Trains return on Monday. (bbc.co.uk)"));
  ChildProcess holder({briefings_binary().string(), "index", "--watch", "--db",
                       (dir / "db").string(), (dir / "docs").string()},
                      dir / "holder.out", dir / "holder.err");
  REQUIRE(eventually(
      [&] { return file_text(dir / "holder.err").find("watching") != std::string::npos; }));
  auto r = run_program({briefings_binary().string(), "serve", "--db", (dir / "db").string(),
                        "--port", "0", "--watch", (dir / "docs").string()},
                       30s);
  CHECK(r.exit_code == 75);
  CHECK(r.err.find("is being indexed by another process") != std::string::npos);
}
