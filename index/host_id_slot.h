// The hosts value slot: which hosts a briefing cites, as ids of the database's host
// dictionary (index/host_dictionary.h).
//
// The domain facet reads this slot for every document a query matches, so it is kept to a
// byte or two a host: each host's id as a varint (index/varint.h), in the order of
// Briefing::hosts(). HostIdSlot reads a value in place, without allocating, and reads
// one-byte ids (the first 128 hosts, most of them) without a call.
//
// Thread-safety: encode_host_ids is pure; a HostIdSlot owns nothing: a cursor over a value the
// caller keeps alive, for one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/varint.h"

namespace briefings::schema {

// The slot value for these ids.
std::string encode_host_ids(const std::vector<uint32_t>& ids);

// Reads a hosts slot value in place: for (HostIdSlot s(value); s.next();) use s.id().
class HostIdSlot {
 public:
  explicit HostIdSlot(std::string_view value) : value_(value) {}
  // Moves to the next id; false at the end or on a malformed value.
  bool next() {
    if (pos_ >= value_.size()) return false;  // the end (or past a malformed id)
    if (static_cast<unsigned char>(value_[pos_]) < 0x80) {
      id_ = static_cast<unsigned char>(value_[pos_++]);
      return true;
    }
    uint64_t n = 0;
    if (!read_varint(value_, pos_, n) || n > UINT32_MAX) {
      pos_ = value_.size() + 1;  // malformed: not at_end(), and next() stays false
      return false;
    }
    id_ = static_cast<uint32_t>(n);
    return true;
  }
  uint32_t id() const { return id_; }
  // True when every id was read and the value was well formed.
  bool at_end() const { return pos_ == value_.size(); }

 private:
  std::string_view value_;
  size_t pos_ = 0;
  uint32_t id_ = 0;
};

}  // namespace briefings::schema
