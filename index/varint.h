// Varints: the numbers of every binary value and record in the database.
//
// LEB128, as protobuf and DWARF write it: 7 bits a byte, the low group first, the high bit
// set on every byte but the last. Small numbers (most lengths and host ids) take one byte.
// The hosts slot (index/host_id_slot.h), the host dictionary (index/host_dictionary.h) and
// the document data (index/codec.h) all use these two functions, so the format is on disk:
// changing it needs a new schema version.
//
// Thread-safe: pure functions, owning nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace briefings::schema {

void append_varint(std::string& out, uint64_t n);
// Reads the varint at `pos` and moves past it; false when it is truncated or overlong.
bool read_varint(std::string_view data, size_t& pos, uint64_t& n);

}  // namespace briefings::schema
