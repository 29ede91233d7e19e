// DomainFacet: counts cited hosts over every document a query matches.
//
// The hosts value slot holds several host ids per document (schema::HostIdSlot), which
// Xapian's ValueCountMatchSpy would count as one value; this spy splits it and counts each
// id in a plain array, and names the hosts (index/host_dictionary.h) only for the answer.
// Counts are exact for every document the matcher examines (Enquire::get_mset with
// check_at_least).
// Ownership: each facet owns its counts; the Enquire it is added to only borrows it.
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

// MonthFacet: counts the month slot ("YYYY-MM") over every document a query matches.
//
// What Xapian's ValueCountMatchSpy does for one value a document, but counting each month
// by its number in a small table instead of by its text in a std::map: that spy was a tenth
// of the search mix's CPU. A value that is not a month is not counted.
// Thread-safety: one spy per Enquire, one thread.
class MonthFacet : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  // Every month counted, as "YYYY-MM", oldest first.
  std::vector<ValueCount> counts() const;

 private:
  // Months as year * 12 + month - 1, in an open-addressing table (linear probing, at most
  // half full): a briefing collection spans some dozens of months.
  struct Slot {
    uint32_t month = 0;
    Xapian::doccount count = 0;  // 0: the slot is empty
  };
  void add(uint32_t month);
  std::vector<Slot> slots_ = std::vector<Slot>(64);
  size_t used_ = 0;
};

}  // namespace briefings
