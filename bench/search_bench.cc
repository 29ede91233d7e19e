// search-bench: in-process latency of briefings' full search response, for bench/run.
//
//   search-bench DB QUERIES     runs every query once to warm up, then again timed, and
//                               prints one JSON line: p50, p95, p99, mean (ms), queries, bytes
//
// QUERIES holds lines of bench/make-queries (KIND TAB QUERY TAB DOMAIN TAB SINCE TAB UNTIL).
// A full response is what the web page receives: Searcher::search (top 10 with highlighted
// headline and snippet, exact domain and month facets over the whole match set) rendered as
// JSON text, the same work fts5-peer's `search` does on its side.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "searcher/database.h"
#include "searcher/json_output.h"
#include "searcher/searcher.h"

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
    fields.push_back(line.substr(start, tab - start));
  fields.push_back(line.substr(start));
  fields.resize(5);
  return fields;
}

briefings::SearchRequest request_of(const std::string& line) {
  auto f = split_tabs(line);
  briefings::SearchRequest r;
  r.query = f[1];
  if (!f[2].empty()) r.domains = {f[2]};
  if (!f[3].empty()) r.since = briefings::parse_date_bound(f[3], false, "since");
  if (!f[4].empty()) r.until = briefings::parse_date_bound(f[4], true, "until");
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
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) requests.push_back(request_of(line));
    }
    briefings::Searcher searcher(briefings::open_for_reading(argv[1]));
    size_t bytes = 0;
    for (const auto& r : requests) bytes += briefings::to_json(searcher.search(r)).dump().size();
    std::vector<double> ms;
    for (const auto& r : requests) {
      auto start = std::chrono::steady_clock::now();
      bytes += briefings::to_json(searcher.search(r)).dump().size();
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
    }
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    auto pct = [&](double p) {
      return sorted.empty() ? 0 : sorted[std::min(sorted.size() - 1, size_t(p * sorted.size()))];
    };
    double sum = 0;
    for (double v : ms) sum += v;
    std::printf(
        "{\"p50\": %.4f, \"p95\": %.4f, \"p99\": %.4f, \"mean\": %.4f, \"queries\": %zu, "
        "\"bytes\": %zu}\n",
        pct(0.50), pct(0.95), pct(0.99), ms.empty() ? 0 : sum / ms.size(), ms.size(), bytes);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "search-bench: " << e.what() << "\n";
    return 1;
  }
}
