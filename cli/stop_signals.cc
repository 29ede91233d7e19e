#include "cli/stop_signals.h"

#include <pthread.h>
#include <signal.h>

namespace briefings::cli {

namespace {

// SIGUSR1 is our own wake-up: the destructor sends it to end the waiting thread.
sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);
  return signals;
}

}  // namespace

void StopSignals::block() {
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

StopSignals::StopSignals(std::function<void()> on_signal)
    : thread_([this, on_signal = std::move(on_signal)] {
        const sigset_t signals = stop_signals();
        while (true) {
          int sig = 0;
          sigwait(&signals, &sig);
          if (sig == SIGUSR1 && ending_.load()) return;
          if (sig != SIGUSR1) on_signal();
        }
      }) {}

StopSignals::~StopSignals() {
  ending_.store(true);
  pthread_kill(thread_.native_handle(), SIGUSR1);
  thread_.join();
}

}  // namespace briefings::cli
