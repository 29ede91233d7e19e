// `briefings serve` as a process: prints its URL, answers, and stops cleanly on a signal.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/web/web_fixture.h"

using namespace briefings;
using namespace briefings::testing;

namespace {

// Starts the server in the background, waits (bounded) for its URL, sends `signal`, waits
// (bounded) for it to exit and reports its exit status after "exit=".
CommandResult serve_and_signal(const IndexFixture& f, const std::string& signal) {
  std::string out = (f.dir / "serve.out").string();
  std::string script =
      "bin='" + briefings_binary().string() + "'\n" +  //
      "out='" + out + "'\n" +                          //
      "\"$bin\" serve --db '" + f.db.string() +
      "' --port 0 --threads 2 >\"$out\" &\n"
      "pid=$!\n"
      "for i in $(seq 100); do grep -q 'http://' \"$out\" && break; sleep 0.1; done\n"
      "kill -" +
      signal +
      " $pid\n"
      "for i in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done\n"
      "kill -KILL $pid 2>/dev/null\n"
      "wait $pid\n"
      "echo \"exit=$?\"\n"
      "cat \"$out\"\n";
  auto path = f.dir.write("serve.sh", script);
  return run_command("bash '" + path.string() + "'");
}

}  // namespace

TEST_CASE("serve prints its URL and stops cleanly on SIGTERM and SIGINT", "[web][cli]") {
  IndexFixture f;
  for (std::string signal : {"TERM", "INT"}) {
    INFO("SIG" << signal);
    auto r = serve_and_signal(f, signal);
    INFO(r.out << r.err);
    std::smatch m;
    REQUIRE(std::regex_search(r.out, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)")));
    CHECK(std::stoi(m[1]) > 0);
    CHECK(r.out.find("exit=0") != std::string::npos);
    CHECK(r.out.find("Stopped.") != std::string::npos);
  }
}

TEST_CASE("serve refuses bad options with the usage exit code", "[web][cli]") {
  auto r = run_command("'" + briefings_binary().string() + "' serve --port 70000");
  CHECK(r.exit_code == 2);
  auto threads = run_command("'" + briefings_binary().string() + "' serve --threads -1");
  CHECK(threads.exit_code == 2);
}

TEST_CASE("serve that cannot start exits 69 and says why", "[web][cli]") {
  IndexFixture f;
  SECTION("its port is taken") {
    int taken = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(taken >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    REQUIRE(::bind(taken, reinterpret_cast<sockaddr*>(&addr), length) == 0);
    REQUIRE(::listen(taken, 1) == 0);
    REQUIRE(::getsockname(taken, reinterpret_cast<sockaddr*>(&addr), &length) == 0);
    auto r = run_command("timeout 20 '" + briefings_binary().string() + "' serve --db '" +
                         f.db.string() + "' --port " + std::to_string(ntohs(addr.sin_port)));
    ::close(taken);
    INFO(r.err);
    CHECK(r.exit_code == 69);
    CHECK(r.err.find("cannot serve") != std::string::npos);
    CHECK(r.out.empty());
  }
  SECTION("its module is not beside the executable") {
    // Every other subcommand works without it; serve names the file it needs.
    const auto alone = f.dir / "bin" / "briefings";
    std::filesystem::create_directories(alone.parent_path());
    std::filesystem::copy_file(briefings_binary(), alone);
    auto stats = run_command("'" + alone.string() + "' stats --db '" + f.db.string() + "'");
    CHECK(stats.exit_code == 0);
    auto r = run_command("timeout 20 '" + alone.string() + "' serve --db '" + f.db.string() +
                         "' --port 0");
    INFO(r.err);
    CHECK(r.exit_code == 69);
    CHECK(r.err.find("briefings-web.so") != std::string::npos);
  }
}
