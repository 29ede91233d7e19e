// One briefing with a headline, two paragraphs, citations (one sentence citing none) and two
// paths, shared by the index tests. Its content id is set; tests that pin hashes pin this
// briefing's, so change it only together with those pins.
#pragma once

#include "index/briefing.h"
#include "index/content_id.h"

namespace briefings::testing {

inline Briefing sample_briefing() {
  Briefing b;
  b.headline = "Harbour cranes go electric";
  b.paragraphs = {
      {{{"Ports in the north are replacing diesel cranes.", {"maritime.example.co.uk"}}}},
      {{{"The first electric cranes arrived on Tuesday.", {"news.portauthority.org", "cnbc.com"}},
        {"Unions (about 400 workers) welcomed the change.", {}}}},
  };
  b.date = Date{2025, 3, 4};
  b.date_source = DateSource::text;
  b.paths = {"/data/a.txt", "/data/copy/a.txt"};
  b.id = content_id(b);
  return b;
}

}  // namespace briefings::testing
