#include "searcher/domain_facet.h"

#include <algorithm>
#include <cstdint>

#include "index/schema.h"

namespace briefings {

size_t DomainFacet::HostHash::operator()(std::string_view s) const noexcept {
  // FNV-1a: host names are short, and this beats the library's hash on them.
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return static_cast<size_t>(h);
}

void DomainFacet::operator()(const Xapian::Document& doc, double) {
  const std::string value = doc.get_value(schema::kHostsSlot);
  std::string_view rest(value);
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view host = rest.substr(0, nl);
    if (auto it = counts_.find(host); it != counts_.end()) {
      ++it->second;
    } else {
      counts_.emplace(std::string(host), 1);
    }
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
}

std::vector<ValueCount> DomainFacet::top(size_t limit) const {
  std::vector<ValueCount> out;
  out.reserve(counts_.size());
  for (const auto& [host, count] : counts_) out.push_back({host, count});
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
