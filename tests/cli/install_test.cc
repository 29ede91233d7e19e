// `cmake --install` gives a briefings that works from its prefix: the executable, its server
// module found relative to the executable (never through the current folder), and the docs.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using namespace briefings::testing;
namespace fs = std::filesystem;

namespace {

// Installs the build into `prefix`; REQUIREs that it worked.
void install_into(const fs::path& prefix) {
  auto r = install_build(prefix);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// The URL `serve` prints once it listens, waiting at most five seconds for it.
std::string served_url(const fs::path& out) {
  const std::regex url(R"(http://127\.0\.0\.1:(\d+)/)");
  for (int i = 0; i < 100; ++i) {
    std::smatch m;
    const std::string text = file_text(out);
    if (std::regex_search(text, m, url)) return m[1];
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return "";
}

}  // namespace

TEST_CASE("an installed briefings indexes, searches and serves from any folder", "[cli][install]") {
  TempDir dir;
  const fs::path prefix = dir / "prefix";
  install_into(prefix);
  const fs::path bin = prefix / "bin" / "briefings";
  for (const char* file : {"bin/briefings", "lib/briefings/briefings-web.so",
                           "share/doc/briefings/README.md", "share/doc/briefings/docs/usage.md"}) {
    INFO(file);
    CHECK(fs::exists(prefix / file));
  }

  const fs::path db = dir / "db";
  auto index = run_command("cd / && " + shell_quoted(bin) + " index -q --db " + shell_quoted(db) +
                           " " + shell_quoted(examples_dir()));
  REQUIRE(index.exit_code == 0);
  auto search = run_command("cd / && " + shell_quoted(bin) + " search --json --db " +
                            shell_quoted(db) + " Bedrock enterprise");
  REQUIRE(search.exit_code == 0);
  CHECK_FALSE(nlohmann::json::parse(search.out)["results"].empty());

  ChildProcess serve({bin.string(), "serve", "--db", db.string(), "--port", "0"}, dir / "out",
                     dir / "err");
  const std::string port = served_url(dir / "out");
  INFO(file_text(dir / "err"));
  REQUIRE_FALSE(port.empty());
  // bash's /dev/tcp: a plain HTTP/1.0 request, without a client the machine may lack.
  auto health =
      run_command("bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + port +
                  " && printf \"GET /healthz HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n\" >&3"
                  " && timeout 5 cat <&3'");
  INFO(health.err);
  CHECK(health.out.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(health.out.find("\"database\":\"ok\"") != std::string::npos);
}

TEST_CASE("an installed briefings never loads a server module from the current folder",
          "[cli][install]") {
  TempDir dir;
  const fs::path prefix = dir / "prefix";
  install_into(prefix);
  fs::remove(prefix / "lib" / "briefings" / "briefings-web.so");
  // The build tree's module sits in the folder the command runs from.
  const fs::path build_cli = briefings_binary().parent_path();
  REQUIRE(fs::exists(build_cli / "briefings-web.so"));
  auto r = run_command("cd " + shell_quoted(build_cli) + " && timeout 10 " +
                       shell_quoted(prefix / "bin" / "briefings") + " serve --db " +
                       shell_quoted(dir / "db") + " --port 0");
  CHECK(r.exit_code == 69);
  CHECK(r.err.find((prefix / "bin" / "briefings-web.so").string()) != std::string::npos);
}

TEST_CASE("the installed user unit serves with the executable of its own prefix",
          "[cli][install]") {
  TempDir dir;
  const fs::path prefix = dir / "prefix";
  install_into(prefix);
  // A prefix other than /usr gets share/systemd/user, which the user manager also searches.
  const fs::path unit = prefix / "share" / "systemd" / "user" / "briefings-serve.service";
  REQUIRE(fs::exists(unit));
  const std::string text = file_text(unit);
  CHECK(text.find("\nExecStart=" + (prefix / "bin" / "briefings").string() +
                  " serve --host 127.0.0.1 --port 8080\n") != std::string::npos);
  CHECK(text.find("\nRestart=on-failure\n") != std::string::npos);
  for (const char* file : {"share/doc/briefings/copyright", "share/doc/briefings/changelog.gz"}) {
    INFO(file);
    CHECK(fs::exists(prefix / file));
  }
}
