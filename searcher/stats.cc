#include "searcher/stats.h"

#include <algorithm>
#include <unordered_map>

#include "index/briefing.h"
#include "index/host_dictionary.h"
#include "index/host_id_slot.h"
#include "index/schema.h"

namespace briefings {

namespace {

std::string iso_from_compact(const std::string& compact) {
  if (compact.size() != 8) return "";
  return compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2);
}

}  // namespace

IndexStats collect_stats(const Xapian::Database& db) {
  namespace s = schema;
  IndexStats stats;
  stats.documents = db.get_doccount();
  std::string version = db.get_metadata(std::string(s::kSchemaVersionKey));
  stats.schema_version = version.empty() ? s::kSchemaVersion : std::stoi(version);

  const HostDictionary dictionary = HostDictionary::load(db);
  std::vector<Xapian::doccount> by_id(dictionary.size(), 0);
  for (auto it = db.valuestream_begin(s::kHostsSlot); it != db.valuestream_end(s::kHostsSlot);
       ++it) {
    const std::string value = *it;
    for (s::HostIdSlot entry(value); entry.next();) {
      if (entry.id() < by_id.size()) ++by_id[entry.id()];
    }
  }
  for (size_t id = 0; id < by_id.size(); ++id) {
    if (by_id[id] > 0) stats.domains.push_back({dictionary.names()[id], by_id[id]});
  }
  std::sort(stats.domains.begin(), stats.domains.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });

  std::map<std::string, Xapian::doccount> months;
  for (auto it = db.valuestream_begin(s::kMonthSlot); it != db.valuestream_end(s::kMonthSlot);
       ++it) {
    ++months[*it];
  }
  for (auto& [month, count] : months) stats.months.push_back({month, count});

  std::string first, last;
  for (auto it = db.valuestream_begin(s::kDateSlot); it != db.valuestream_end(s::kDateSlot); ++it) {
    const std::string& d = *it;
    if (first.empty() || d < first) first = d;
    if (last.empty() || d > last) last = d;
  }
  stats.first_date = iso_from_compact(first);
  stats.last_date = iso_from_compact(last);

  for (auto source : {DateSource::option, DateSource::metadata, DateSource::text, DateSource::mtime,
                      DateSource::none}) {
    std::string term = std::string(s::kDateSourcePrefix) + std::string(to_string(source));
    if (auto n = db.get_termfreq(term)) stats.date_sources[std::string(to_string(source))] = n;
  }
  return stats;
}

}  // namespace briefings
