// Skipping a test case that cannot run on this machine (no tmpfs mount, no setpriv, no
// strace), so that a run which did not check something says so. Catch2 v2 has no notion of a
// skipped test, so a skipped case sets a flag here and returns; our main (tests/catch_main.cc)
// then exits with kSkipExitCode, which CTest maps to "Skipped" through the SKIP_RETURN_CODE
// property that tests/CMakeLists.txt sets on every registered test case. CTest runs one test
// case per process, so the flag marks exactly the case that skipped; an executable run by
// hand over several cases exits 77 when any skipped and none failed.
//
// The flag is a plain bool: Catch2 runs test cases one after another on the main thread, and
// a test must call SKIP_TEST from that thread only.
#pragma once

#include <catch2/catch.hpp>

namespace briefings::testing {

// Set by CMake (tests/CMakeLists.txt), so the code the executable exits with and the code
// CTest reads as "Skipped" cannot drift apart.
inline constexpr int kSkipExitCode = BRIEFINGS_SKIP_EXIT_CODE;

// True once a test case in this process skipped itself.
inline bool& test_skipped() {
  static bool skipped = false;
  return skipped;
}

}  // namespace briefings::testing

// Reports why the current test case cannot run here, marks it skipped and leaves it. A macro
// because it must return from the test case; locals are destroyed as on any return, so
// scratch folders and mounts are still cleaned up (which std::exit would not do).
#define SKIP_TEST(reason)                        \
  do {                                           \
    WARN("skipped: " << reason);                 \
    ::briefings::testing::test_skipped() = true; \
    return;                                      \
  } while (false)
