// The content id: what makes two files one briefing, and the hash it is made with.
//
// A briefing's id is a hash of its headline and every sentence with the hosts it cites.
// Paths, dates and line endings do not change it, so the same briefing saved twice (or as a
// CRLF copy) is one document. The id is written on disk three times over: in the unique id
// term (schema prefix "Q"), in the document data and in each file's record in the metadata;
// long paths' metadata keys (schema::file_state_key) use the same hash. A different hash
// would give every stored briefing a new id, so an incremental run would see every file as
// changed and a database written by the old code would look corrupt.
//
// Owns: the hash and its constants, the order and separators of what is hashed, and the
// 16-hex-digit form. Thread-safe: pure functions; a StableHash is a plain value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "index/briefing.h"

namespace briefings {

namespace schema {

// DO NOT CHANGE these values, or what content_id() feeds the hash: they are on disk in
// every database (tests/index/content_id_test.cc pins their output).
//
// The algorithm and the prime are 64-bit FNV-1a's: per byte, xor it in, then multiply by
// the prime (mod 2^64). The offset basis is not FNV-1a's 14695981039346656037 but
// 1469598103934665603, the same digits without the last one, and databases are written
// with it. So this is FNV-1a with a non-standard offset basis: no published FNV-1a test
// vector applies. The basis is only the starting state, so it mixes bytes as well as
// FNV-1a does, which is all an id and a key need (neither is a defence against collisions
// chosen on purpose).
inline constexpr uint64_t kHashOffsetBasis = 1469598103934665603ULL;
inline constexpr uint64_t kHashPrime = 1099511628211ULL;  // FNV's 64-bit prime, 2^40 + 435

// The stored hash: feed bytes with add() or add_field(), then read hex().
class StableHash {
 public:
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) mix(c);
  }
  // The bytes, then a separator byte (0xff, which never occurs in UTF-8) so that the fields
  // "ab", "c" and "a", "bc" hash apart.
  void add_field(std::string_view bytes) {
    add(bytes);
    mix(0xff);
  }
  uint64_t value() const { return h_; }
  // 16 lower-case hex digits.
  std::string hex() const;

 private:
  void mix(unsigned char c) {
    h_ ^= c;
    h_ *= kHashPrime;
  }
  uint64_t h_ = kHashOffsetBasis;
};

}  // namespace schema

// The id of the briefing's content, as 16 hex digits: the headline as a field, then for each
// paragraph the field "\x01" followed by each sentence's text and then its hosts as fields.
std::string content_id(const Briefing& briefing);

}  // namespace briefings
