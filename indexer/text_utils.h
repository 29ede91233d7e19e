// Small byte-level text helpers shared by the briefing parser and the date inference.
//
// Everything here works on UTF-8 bytes and only ever classifies ASCII: a non-ASCII byte is
// neither a letter, a digit nor a space. No locale is consulted, so results do not depend
// on the environment and the functions are safe to call from any thread.
// Ownership: owns nothing.
#pragma once

#include <string>
#include <string_view>

namespace briefings::text {

inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool is_alpha(char c) {
  return is_upper(c) || is_lower(c);
}
inline bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}
inline char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// ASCII case-insensitive comparisons.
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}
inline bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

inline std::string_view trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Trims and replaces every run of ASCII whitespace by one space.
inline std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    size_t word = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i == word) break;
    if (!out.empty()) out += ' ';
    out.append(s.data() + word, i - word);
  }
  return out;
}

// The longest prefix of `s` of at most `max_bytes` bytes that does not split a UTF-8
// sequence (assumes `s` is valid UTF-8).
inline std::string_view utf8_prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

// Checks UTF-8 strictly (no overlong forms, no surrogates, nothing above U+10FFFF).
// Writes `in` to `out`, replacing each invalid sequence by U+FFFD; returns true when
// something had to be replaced.
bool repair_utf8(std::string_view in, std::string& out);
bool is_valid_utf8(std::string_view s);

}  // namespace briefings::text
