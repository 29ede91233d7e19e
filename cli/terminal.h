// Terminal conventions shared by the subcommands: colour only on a TTY and never with
// NO_COLOR; progress drawn on stderr only when stderr is a TTY (silent in pipes).
//
// Ownership and threads: a ProgressBar owns its line on stderr; use one from one thread.
// The other functions only ask the system and may be called from any thread.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace briefings::cli {

enum class ColorMode { automatic, always, never };

// Whether to emit ANSI colour on `stream` for the given --color mode.
bool use_color(ColorMode mode, std::FILE* stream);
bool is_tty(std::FILE* stream);

// A one-line progress bar on stderr: "[=====>    ] 1200/5000 files  850/s  ETA 4s".
// Does nothing unless stderr is a TTY. Redraws at most ten times a second.
class ProgressBar {
 public:
  explicit ProgressBar(std::string unit);
  ~ProgressBar();
  void update(size_t done, size_t total);
  void finish();  // clears the line

 private:
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace briefings::cli
