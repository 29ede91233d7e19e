// Varints: every number of the database's binary values and records.
#include <catch2/catch.hpp>

#include "index/varint.h"

using namespace briefings::schema;

TEST_CASE("varints round-trip and refuse truncated or overlong input", "[varint]") {
  for (uint64_t n : {0ULL, 1ULL, 127ULL, 128ULL, 1ULL << 35, ~0ULL}) {
    std::string s;
    append_varint(s, n);
    size_t pos = 0;
    uint64_t back = 0;
    REQUIRE(read_varint(s, pos, back));
    CHECK(back == n);
    CHECK(pos == s.size());
    if (s.size() > 1) {
      pos = 0;
      CHECK_FALSE(read_varint(s.substr(0, s.size() - 1), pos, back));
    }
  }
  size_t pos = 0;
  uint64_t n = 0;
  CHECK_FALSE(read_varint(std::string(11, '\x80'), pos, n));
}

TEST_CASE("a varint is LEB128: seven bits a byte, the low group first", "[varint]") {
  // The format is on disk (hosts slot, host dictionary, document data): these bytes are fixed.
  struct Case {
    uint64_t n;
    std::string bytes;
  };
  const Case cases[] = {
      {0, std::string(1, '\0')},
      {1, "\x01"},
      {127, "\x7f"},
      {128, "\x80\x01"},
      {300, "\xac\x02"},
      {16383, "\xff\x7f"},
      {16384, "\x80\x80\x01"},
      {UINT32_MAX, "\xff\xff\xff\xff\x0f"},
  };
  for (const auto& c : cases) {
    INFO(c.n);
    std::string out;
    append_varint(out, c.n);
    CHECK(out == c.bytes);
  }
}
