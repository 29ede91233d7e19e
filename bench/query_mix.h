// The query mix as both sides of the search benchmark read and time it (search-bench for
// briefings, fts5-peer for SQLite FTS5): one implementation, so the comparison cannot drift.
//
// A line of bench/make-queries is KIND TAB QUERY TAB DOMAIN TAB SINCE TAB UNTIL (the last
// three may be empty).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace briefings::bench {

struct QueryLine {
  std::string kind, query, domain, since, until;
};

inline QueryLine split_query_line(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
    fields.push_back(line.substr(start, tab - start));
  fields.push_back(line.substr(start));
  fields.resize(5);
  return QueryLine{fields[0], fields[1], fields[2], fields[3], fields[4]};
}

// Every non-empty line of the file at `path`, split.
inline std::vector<QueryLine> read_query_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<QueryLine> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(split_query_line(line));
  }
  return lines;
}

// Runs `respond` (which returns the bytes it produced) over every query once to warm up,
// then once more timed, and prints one JSON line: p50, p95, p99 and mean in ms, the number
// of queries and the bytes of both passes, then `extra` (more "key": value pairs), if any.
template <typename Query, typename Respond>
void time_query_mix(const std::vector<Query>& queries, Respond&& respond,
                    const std::string& extra = "") {
  size_t bytes = 0;
  for (const auto& q : queries) bytes += respond(q);
  std::vector<double> ms;
  for (const auto& q : queries) {
    auto start = std::chrono::steady_clock::now();
    bytes += respond(q);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  double sum = 0;
  for (double v : ms) sum += v;
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    return ms.empty() ? 0 : ms[std::min(ms.size() - 1, size_t(p * ms.size()))];
  };
  std::printf(
      "{\"p50\": %.4f, \"p95\": %.4f, \"p99\": %.4f, \"mean\": %.4f, \"queries\": %zu, "
      "\"bytes\": %zu%s%s}\n",
      pct(0.50), pct(0.95), pct(0.99), ms.empty() ? 0 : sum / ms.size(), ms.size(), bytes,
      extra.empty() ? "" : ", ", extra.c_str());
}

}  // namespace briefings::bench
