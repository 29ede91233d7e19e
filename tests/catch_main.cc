// The main of every test executable: Catch2's session, plus the exit code that tells CTest a
// test case skipped itself (tests/support/skip.h).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "support/skip.h"

int main(int argc, char* argv[]) {
  using briefings::testing::kSkipExitCode;
  const int failures = Catch::Session().run(argc, argv);
  // Catch2 exits with the number of failed assertions; a case that fails exactly that many
  // times must not pass for skipped.
  if (failures != 0) return failures == kSkipExitCode ? kSkipExitCode + 1 : failures;
  return briefings::testing::test_skipped() ? kSkipExitCode : 0;
}
