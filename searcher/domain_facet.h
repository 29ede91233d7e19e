// DomainFacet: counts cited hosts over every document a query matches.
//
// The hosts value slot holds several host ids per document (schema::HostIdSlot), which
// Xapian's ValueCountMatchSpy would count as one value; this spy splits it and counts each
// id in a plain array, and names the hosts (index/host_dictionary.h) only for the answer.
// Counts are exact for every document the matcher examines (Enquire::get_mset with
// check_at_least).
// Thread-safety: one spy per Enquire, one thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "index/host_dictionary.h"
#include "searcher/stats.h"

namespace briefings {

class DomainFacet : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  // Most cited first, then by name; at most `limit` entries. `hosts` names the ids; an id
  // it does not know (a damaged database) is left out.
  std::vector<ValueCount> top(size_t limit, const HostDictionary& hosts) const;

 private:
  std::vector<Xapian::doccount> counts_;  // by host id
  std::vector<uint32_t> seen_;            // ids counted at least once, in first-seen order
};

// Month counts from a ValueCountMatchSpy over the month slot, oldest first.
std::vector<ValueCount> month_counts(const Xapian::ValueCountMatchSpy& spy);

}  // namespace briefings
