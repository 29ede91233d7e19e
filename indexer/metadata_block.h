// Metadata block: the optional block of "Key: value" lines a briefing file may start with,
// either YAML front matter between "---" (or "...") fences or bare lines whose keys are known
// metadata keys (date, title, source, url, ...). A block of unknown keys (a headline
// "Breaking: ...") is text, not metadata. Only two keys matter to the parser: `title`
// (the headline) and the date, from the first of date / published / created / saved /
// modified that is present.
//
// Ownership: owns nothing; views into the caller's text are valid while that text is.
// Thread-safety: pure functions; call them from any thread. Internal to indexer/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/briefing.h"

namespace briefings::indexer {

struct Metadata {
  std::string title;
  std::string date_value;
  int date_rank = -1;  // index in the date keys of the key date_value came from
  size_t lines = 0;    // lines the block takes, including "---" fences; 0 when none
};

// Reads a metadata block at the start of `lines` (leading blank lines already skipped).
Metadata read_metadata(const std::vector<std::string_view>& lines);

// A metadata date value: "2026-04-12", "2026-04-12T08:00:00Z", "April 12, 2026", ...
// Trusted as written, so no "today" bound applies.
std::optional<Date> parse_metadata_date(std::string_view value);

}  // namespace briefings::indexer
