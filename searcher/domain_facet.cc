#include "searcher/domain_facet.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "index/host_id_slot.h"
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

void MonthFacet::operator()(const Xapian::Document& doc, double) {
  const std::string value = doc.get_value(schema::kMonthSlot);
  if (value.size() != 7 || value[4] != '-') return;
  uint32_t year = 0, month = 0;
  for (int i = 0; i < 4; ++i) {
    if (value[i] < '0' || value[i] > '9') return;
    year = year * 10 + static_cast<uint32_t>(value[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (value[i] < '0' || value[i] > '9') return;
    month = month * 10 + static_cast<uint32_t>(value[i] - '0');
  }
  if (month < 1 || month > 12) return;
  add(year * 12 + month - 1);
}

void MonthFacet::add(uint32_t month) {
  size_t mask = slots_.size() - 1;
  size_t i = (month * 2654435761u) & mask;
  while (slots_[i].count != 0 && slots_[i].month != month) i = (i + 1) & mask;
  if (slots_[i].count++ != 0) return;
  slots_[i].month = month;
  if (2 * ++used_ <= slots_.size()) return;
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.count == 0) continue;
    size_t j = (s.month * 2654435761u) & mask;
    while (slots_[j].count != 0) j = (j + 1) & mask;
    slots_[j] = s;
  }
}

std::vector<ValueCount> MonthFacet::counts() const {
  std::vector<Slot> months;
  for (const Slot& s : slots_) {
    if (s.count != 0) months.push_back(s);
  }
  std::sort(months.begin(), months.end(),
            [](const Slot& a, const Slot& b) { return a.month < b.month; });
  std::vector<ValueCount> out;
  out.reserve(months.size());
  for (const Slot& s : months) {
    char text[32];
    std::snprintf(text, sizeof text, "%04u-%02u", s.month / 12, s.month % 12 + 1);
    out.push_back({text, s.count});
  }
  return out;
}

}  // namespace briefings
