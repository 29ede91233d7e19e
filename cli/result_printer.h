// How `search` and `related` print a result list on stdout: with --json one JSON object
// (docs/usage.md), invalid UTF-8 replaced; else a numbered list for the terminal, highlights
// in bold yellow and hosts and paths dimmed when colour is on. Owns no state; it writes to
// std::cout, so one thread at a time.
#pragma once

#include <string>

#include "searcher/searcher.h"

namespace briefings::cli {

// `color` is the --color value (auto, always or never; auto means a TTY without NO_COLOR).
// `summary` adds the closing line (count, time, top sources) that `related` leaves out.
void print_result(const SearchResult& result, bool json, const std::string& color, bool summary);

}  // namespace briefings::cli
