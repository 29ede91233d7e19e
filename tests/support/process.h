// Child processes for tests that start the binary without a shell: the arguments go to the
// program exactly as given (no quoting), stdin is /dev/null, stdout and stderr go to files,
// and the child can be watched (its I/O counters) and killed at a chosen moment.
// Header-only, so it needs no change to the test_support library.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.h"

extern char** environ;

namespace briefings::testing {

// A running child. The destructor kills (SIGKILL) and reaps one still running, so a test
// that fails half-way never leaves a process behind.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& out,
               const std::filesystem::path& err) {
    if (argv.empty()) throw std::invalid_argument("ChildProcess: no program");
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int rc = ::posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    }
  }
  ~ChildProcess() {
    if (reaped_) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }

  // True once the child has ended. It is left unreaped (a zombie), so /proc/PID/io still
  // reads its final totals, until wait().
  bool ended() {
    if (reaped_) return true;
    siginfo_t info{};
    int rc = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT);
    return rc == 0 && info.si_pid == pid_;
  }

  void kill_now() {
    if (!reaped_) ::kill(pid_, SIGKILL);
  }

  // Reaps the child (blocking) and returns its wait status.
  int wait() {
    if (!reaped_) {
      while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
      }
      reaped_ = true;
    }
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
};

// Exit code of a wait status: the code for a normal exit, 128 + signal for a killed child.
inline int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Bytes a process has passed through read() and write() calls (/proc/PID/io), or nothing
// when the kernel does not let us read them.
struct IoCounters {
  long long read_bytes = 0;   // rchar
  long long write_bytes = 0;  // wchar
};
inline std::optional<IoCounters> io_counters(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/io");
  if (!in) return std::nullopt;
  IoCounters c;
  bool have_read = false, have_write = false;
  std::string key;
  long long value = 0;
  while (in >> key >> value) {
    if (key == "rchar:") {
      c.read_bytes = value;
      have_read = true;
    } else if (key == "wchar:") {
      c.write_bytes = value;
      have_write = true;
    }
  }
  if (!have_read || !have_write) return std::nullopt;
  return c;
}

inline std::string file_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs a program to its end without a shell and captures its output. A child still
// running after `limit` is killed and reported with exit code -1.
inline CommandResult run_program(const std::vector<std::string>& argv,
                                 std::chrono::milliseconds limit = std::chrono::minutes(5)) {
  TempDir scratch;
  CommandResult result;
  ChildProcess child(argv, scratch / "out", scratch / "err");
  const auto deadline = std::chrono::steady_clock::now() + limit;
  bool timed_out = false;
  auto pause = std::chrono::microseconds(200);
  while (!child.ended()) {
    if (std::chrono::steady_clock::now() > deadline) {
      child.kill_now();
      timed_out = true;
      break;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::microseconds>(pause * 2, std::chrono::milliseconds(20));
  }
  int status = child.wait();
  result.exit_code = timed_out ? -1 : exit_code_of(status);
  result.out = file_text(scratch / "out");
  result.err = file_text(scratch / "err");
  if (timed_out) result.err += "\n(killed: still running after the time limit)";
  return result;
}

}  // namespace briefings::testing
