#include "cli/terminal.h"

#include <unistd.h>

#include <cstdlib>

namespace briefings::cli {

bool is_tty(std::FILE* stream) {
  return ::isatty(::fileno(stream)) == 1;
}

bool use_color(ColorMode mode, std::FILE* stream) {
  if (const char* no = std::getenv("NO_COLOR"); no && *no) return false;
  switch (mode) {
    case ColorMode::always:
      return true;
    case ColorMode::never:
      return false;
    case ColorMode::automatic:
      break;
  }
  const char* term = std::getenv("TERM");
  return is_tty(stream) && !(term && std::string(term) == "dumb");
}

ProgressBar::ProgressBar(std::string unit)
    : unit_(std::move(unit)),
      enabled_(is_tty(stderr)),
      start_(std::chrono::steady_clock::now()),
      last_draw_() {}

ProgressBar::~ProgressBar() {
  finish();
}

void ProgressBar::update(size_t done, size_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double rate = seconds > 0 ? done / seconds : 0;
  constexpr int kWidth = 28;
  int filled = total ? static_cast<int>(kWidth * done / total) : 0;
  std::string bar(filled, '=');
  if (filled < kWidth) bar += '>' + std::string(kWidth - filled - 1, ' ');
  std::string eta = "--";
  if (rate > 0 && total >= done)
    eta = std::to_string(static_cast<long>((total - done) / rate)) + "s";
  std::fprintf(stderr, "\r\x1b[K[%s] %zu/%zu %s  %.0f/s  ETA %s", bar.c_str(), done, total,
               unit_.c_str(), rate, eta.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) {
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
  }
  drawn_ = false;
}

}  // namespace briefings::cli
