// search-bench: in-process latency of briefings' full search response, for bench/run.
//
//   search-bench DB QUERIES     runs every query once to warm up, then again timed, and
//                               prints one JSON line: p50, p95, p99, mean (ms), queries, bytes
//
// QUERIES holds lines of bench/make-queries (KIND TAB QUERY TAB DOMAIN TAB SINCE TAB UNTIL).
// A full response is what the web page receives: Searcher::search (top 10 with highlighted
// headline and snippet, exact domain and month facets over the whole match set) rendered as
// JSON text, the same work fts5-peer's `search` does on its side.
#include <iostream>
#include <string>
#include <vector>

#include "bench/query_mix.h"
#include "searcher/database.h"
#include "searcher/json_output.h"
#include "searcher/searcher.h"

namespace {

briefings::SearchRequest request_of(const briefings::bench::QueryLine& line) {
  briefings::SearchRequest r;
  r.query = line.query;
  if (!line.domain.empty()) r.domains = {line.domain};
  if (!line.since.empty()) r.since = briefings::parse_date_bound(line.since, false, "since");
  if (!line.until.empty()) r.until = briefings::parse_date_bound(line.until, true, "until");
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: search-bench DB QUERIES\n";
    return 2;
  }
  try {
    std::vector<briefings::SearchRequest> requests;
    for (const auto& line : briefings::bench::read_query_lines(argv[2])) {
      requests.push_back(request_of(line));
    }
    briefings::Searcher searcher(briefings::open_for_reading(argv[1]));
    size_t empty = 0;  // queries that list no briefing at all
    for (const auto& r : requests) empty += searcher.search(r).results.empty();
    briefings::bench::time_query_mix(
        requests,
        [&](const briefings::SearchRequest& r) {
          return briefings::to_json(searcher.search(r)).dump().size();
        },
        "\"without_result\": " + std::to_string(empty));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "search-bench: " << e.what() << "\n";
    return 1;
  }
}
