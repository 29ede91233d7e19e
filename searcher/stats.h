// IndexStats: what a database holds, for `briefings stats` and GET /api/stats.
// Computed by streaming the value slots once (no query), so it is exact.
// Ownership: IndexStats is a plain value the caller owns.
// Thread-safety: collect_stats reads the Database it is given; one thread per Database.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace briefings {

struct ValueCount {
  std::string value;
  Xapian::doccount count = 0;
};

struct IndexStats {
  Xapian::doccount documents = 0;
  int schema_version = 0;
  std::string first_date;  // "YYYY-MM-DD", "" when no document has a date
  std::string last_date;
  std::vector<ValueCount> domains;  // every cited host, most cited first, then by name
  std::vector<ValueCount> months;   // "YYYY-MM", oldest first
  std::map<std::string, Xapian::doccount> date_sources;  // "text" -> 40, ...
};

IndexStats collect_stats(const Xapian::Database& db);

// Its JSON is to_json(IndexStats) in searcher/json_output.h.

}  // namespace briefings
