#include "searcher/domain_facet.h"

#include <algorithm>
#include <cstdint>

#include "index/schema.h"

namespace briefings {

void DomainFacet::operator()(const Xapian::Document& doc, double) {
  const std::string value = doc.get_value(schema::kHostsSlot);
  for (schema::HostSlot entry(value); entry.next();) {
    const size_t mask = slots_.size() - 1;
    size_t i = static_cast<size_t>(entry.key()) & mask;
    while (slots_[i].count != 0 && slots_[i].key != entry.key()) i = (i + 1) & mask;
    Slot& slot = slots_[i];
    if (slot.count++ != 0) continue;
    slot.key = entry.key();
    slot.host = static_cast<uint32_t>(hosts_.size());
    hosts_.emplace_back(entry.host());
    if (2 * hosts_.size() > slots_.size()) grow();
  }
}

void DomainFacet::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.count == 0) continue;
    size_t i = static_cast<size_t>(s.key) & mask;
    while (slots_[i].count != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::vector<ValueCount> DomainFacet::top(size_t limit) const {
  std::vector<ValueCount> out;
  out.reserve(hosts_.size());
  for (const Slot& s : slots_) {
    if (s.count != 0) out.push_back({hosts_[s.host], s.count});
  }
  auto order = [](const ValueCount& a, const ValueCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  if (out.size() > limit) {
    std::partial_sort(out.begin(), out.begin() + limit, out.end(), order);
    out.resize(limit);
  } else {
    std::sort(out.begin(), out.end(), order);
  }
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
