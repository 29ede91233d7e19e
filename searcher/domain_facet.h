// DomainFacet: counts cited hosts over every document a query matches.
//
// The hosts value slot holds several hosts per document (schema::encode_host_list), which
// Xapian's ValueCountMatchSpy would count as one value; this spy splits it. Counts are exact
// for every document the matcher examines (Enquire::get_mset with check_at_least).
// Thread-safety: one spy per Enquire, one thread.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "searcher/stats.h"

namespace briefings {

class DomainFacet : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  // Most cited first, then by name; at most `limit` entries.
  std::vector<ValueCount> top(size_t limit) const;

 private:
  // Looked up by string_view, so counting a host that is already there allocates nothing:
  // a frequent word's match set means some 100,000 lookups per query.
  struct HostHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept;
  };
  struct HostEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
  };
  std::unordered_map<std::string, Xapian::doccount, HostHash, HostEqual> counts_;
};

// Month counts from a ValueCountMatchSpy over the month slot, oldest first.
std::vector<ValueCount> month_counts(const Xapian::ValueCountMatchSpy& spy);

}  // namespace briefings
