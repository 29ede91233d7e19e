#include "index/content_id.h"

#include <cinttypes>
#include <cstdio>

namespace briefings {

std::string schema::StableHash::hex() const {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, h_);
  return buf;
}

std::string content_id(const Briefing& b) {
  schema::StableHash h;
  h.add_field(b.headline);
  for (const auto& p : b.paragraphs) {
    h.add_field("\x01");  // marks where a paragraph starts: moving a sentence changes the id
    for (const auto& s : p.sentences) {
      h.add_field(s.text);
      for (const auto& host : s.hosts) h.add_field(host);
    }
  }
  return h.hex();
}

}  // namespace briefings
