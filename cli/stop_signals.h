// StopSignals: SIGINT and SIGTERM taken by one thread and turned into a call, so a long
// command (serve, index --watch) ends cleanly instead of dying mid-write.
//
//   StopSignals::block();                 // first, before any other thread starts
//   StopSignals signals([&] { server.stop(); });
//   ... work until stopped ...
//                                         // destroying it ends its thread
//
// block() masks the signals in the calling thread, and so in every thread started after it
// (they inherit the mask); the StopSignals thread alone takes them with sigwait and calls
// `on_signal` (which must be safe to call from another thread) once per signal.
//
// Ownership and threads: owns its thread, joined by the destructor.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace briefings::cli {

class StopSignals {
 public:
  static void block();
  explicit StopSignals(std::function<void()> on_signal);
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  std::atomic<bool> ending_{false};
  std::thread thread_;  // after ending_, which it reads
};

}  // namespace briefings::cli
