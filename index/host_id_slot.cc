#include "index/host_id_slot.h"

namespace briefings::schema {

std::string encode_host_ids(const std::vector<uint32_t>& ids) {
  std::string out;
  for (uint32_t id : ids) append_varint(out, id);
  return out;
}

}  // namespace briefings::schema
