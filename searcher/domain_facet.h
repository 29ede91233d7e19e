// DomainFacet: counts cited hosts over every document a query matches.
//
// The hosts value slot holds several hosts per document (schema::HostSlot), which Xapian's
// ValueCountMatchSpy would count as one value; this spy splits it and counts by each host's
// stored 64-bit key, so a match costs an integer lookup per host, not a hash of its name.
// Counts are exact for every document the matcher examines (Enquire::get_mset with
// check_at_least).
// Thread-safety: one spy per Enquire, one thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/stats.h"

namespace briefings {

class DomainFacet : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  // Most cited first, then by name; at most `limit` entries.
  std::vector<ValueCount> top(size_t limit) const;

 private:
  // An open-addressing table (linear probing, at most half full) indexed by the low bits of
  // the key, which is already a hash: a lookup is a mask and, nearly always, one compare.
  struct Slot {
    uint64_t key = 0;
    Xapian::doccount count = 0;  // 0: the slot is empty
    uint32_t host = 0;           // index into hosts_
  };
  void grow();
  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  std::vector<std::string> hosts_;
};

// Month counts from a ValueCountMatchSpy over the month slot, oldest first.
std::vector<ValueCount> month_counts(const Xapian::ValueCountMatchSpy& spy);

}  // namespace briefings
