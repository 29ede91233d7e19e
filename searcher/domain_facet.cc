#include "searcher/domain_facet.h"

#include <algorithm>
#include <cstdint>

#include "index/schema.h"

namespace briefings {

void DomainFacet::operator()(const Xapian::Document& doc, double) {
  const std::string value = doc.get_value(schema::kHostsSlot);
  for (schema::HostIdSlot entry(value); entry.next();) {
    const uint32_t id = entry.id();
    // Ids are dense (0, 1, 2, ... in the order hosts were first indexed), so the array is
    // as long as the database has hosts.
    if (id >= counts_.size()) counts_.resize(std::max<size_t>(id + 1, 2 * counts_.size()), 0);
    if (counts_[id]++ == 0) seen_.push_back(id);
  }
}

std::vector<ValueCount> DomainFacet::top(size_t limit, const HostDictionary& hosts) const {
  const auto& names = hosts.names();
  struct Entry {
    Xapian::doccount count;
    const std::string* name;
  };
  std::vector<Entry> entries;
  entries.reserve(seen_.size());
  for (uint32_t id : seen_) {
    if (id < names.size()) entries.push_back({counts_[id], &names[id]});
  }
  auto order = [](const Entry& a, const Entry& b) {
    return a.count != b.count ? a.count > b.count : *a.name < *b.name;
  };
  if (entries.size() > limit) {
    std::partial_sort(entries.begin(), entries.begin() + limit, entries.end(), order);
    entries.resize(limit);
  } else {
    std::sort(entries.begin(), entries.end(), order);
  }
  std::vector<ValueCount> out;
  out.reserve(entries.size());
  for (const Entry& e : entries) out.push_back({*e.name, e.count});
  return out;
}

std::vector<ValueCount> month_counts(const Xapian::ValueCountMatchSpy& spy) {
  std::vector<ValueCount> out;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    out.push_back({*it, it.get_termfreq()});
  }
  return out;  // values_begin() iterates in value order: oldest month first
}

}  // namespace briefings
