#include "tests/support/temp_dir.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace briefings::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = fs::temp_directory_path() / ("briefings-test-" + std::to_string(rd()) +
                                                      "-" + std::to_string(::getpid()));
    if (fs::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("could not create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& relative, const std::string& content) const {
  fs::path p = path_ / relative;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("could not write " + p.string());
  return p;
}

fs::path source_dir() {
  return BRIEFINGS_SOURCE_DIR;
}
fs::path examples_dir() {
  return source_dir() / "examples" / "briefings";
}
fs::path briefings_binary() {
  return BRIEFINGS_BINARY;
}

std::string shell_quoted(const fs::path& path) {
  std::string out = "'";
  for (char c : path.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

fs::path build_dir() {
  return briefings_binary().parent_path().parent_path();
}

CommandResult install_build(const fs::path& prefix) {
  return run_command("cmake --install " + shell_quoted(build_dir()) + " --prefix " +
                     shell_quoted(prefix) + " >/dev/null");
}

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

CommandResult run_command(const std::string& shell_command) {
  TempDir scratch;
  fs::path out = scratch / "out", err = scratch / "err";
  std::string full = "(" + shell_command + ") >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

}  // namespace briefings::testing

namespace briefings::testing {

std::string briefing_text(const std::string& headline, const std::string& summary,
                          const std::string& body) {
  return headline + "\n\n" + summary + "\n\n" + body +
         "\n\nGet your own daily briefing\n\nScout delivers personalized news, insights, and "
         "conversations tailored to your role and industry.\n\nDownload on the App Store\n\n"
         "Shared from Scout - Be the smartest in the room.";
}

}  // namespace briefings::testing
