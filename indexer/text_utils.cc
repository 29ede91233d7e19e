#include "indexer/text_utils.h"

namespace briefings::text {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid. On failure
// `bad` is the number of bytes that form the maximal invalid subpart (at least 1).
size_t utf8_sequence(std::string_view s, size_t i, size_t& bad) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  bad = 1;
  if (c < 0x80) return 1;
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c == 0xE0) {
    len = 3, lo = 0xA0;
  } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
    len = 3;
  } else if (c == 0xED) {
    len = 3, hi = 0x9F;
  } else if (c == 0xF0) {
    len = 4, lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) {
    len = 4;
  } else if (c == 0xF4) {
    len = 4, hi = 0x8F;
  } else {
    return 0;
  }
  for (size_t k = 1; k < len; ++k) {
    if (i + k >= s.size()) return 0;
    unsigned char b = byte(i + k);
    unsigned char min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return 0;
    bad = k + 1;  // bytes 0..k form a valid prefix
  }
  return len;
}

}  // namespace

bool repair_utf8(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  bool repaired = false;
  size_t i = 0, run = 0;  // in[run, i) is valid and not yet copied
  while (i < in.size()) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t bad = 1;
    size_t len = utf8_sequence(in, i, bad);
    if (len != 0) {
      i += len;
      continue;
    }
    out.append(in.data() + run, i - run);
    out += "\xEF\xBF\xBD";
    repaired = true;
    // The maximal invalid subpart (a valid-looking start cut short) is one replacement;
    // the byte that broke the sequence is looked at again.
    i += bad;
    run = i;
  }
  out.append(in.data() + run, in.size() - run);
  return repaired;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t bad = 1;
    size_t len = utf8_sequence(s, i, bad);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace briefings::text
