// The hosts slot: host ids as varints, read back in place; a damaged value is never misread.
#include <catch2/catch.hpp>

#include "index/host_id_slot.h"

using namespace briefings::schema;

TEST_CASE("the hosts slot holds host ids as varints: a damaged value is refused",
          "[host_id_slot]") {
  const std::vector<uint32_t> ids{0, 1, 127, 128, 300, 16383, 16384, 4000000000u};
  const std::string value = encode_host_ids(ids);
  CHECK(value.size() == 1 + 1 + 1 + 2 + 2 + 2 + 3 + 5);  // a byte per 7 bits
  std::vector<uint32_t> back;
  HostIdSlot slot(value);
  while (slot.next()) back.push_back(slot.id());
  CHECK(slot.at_end());
  CHECK(back == ids);

  HostIdSlot empty("");
  CHECK_FALSE(empty.next());
  CHECK(empty.at_end());

  // Cut inside a varint (past its first byte), the value is malformed, not shorter.
  const std::string cut_value = encode_host_ids({300}).substr(0, 1);  // a slot reads in place
  HostIdSlot cut(cut_value);
  CHECK_FALSE(cut.next());
  CHECK_FALSE(cut.at_end());
  CHECK_FALSE(cut.next());
  // Past 32 bits is no id either.
  std::string huge;
  append_varint(huge, 1ULL << 40);
  HostIdSlot too_big(huge);
  CHECK_FALSE(too_big.next());
  CHECK_FALSE(too_big.at_end());
}
