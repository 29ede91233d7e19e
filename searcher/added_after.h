// AddedAfter: a Xapian posting source matching the document ids in (after, last], for
// "the briefings added since this search was shown" (Searcher::count_new). Xapian numbers
// documents in the order they are added and never gives a number twice, so the documents
// added after a moment are exactly those numbered above the last id of that moment. An
// edited briefing keeps its number (the writer replaces it in place) and so does a moved
// one; a rebuilt database starts again, which its new uuid tells (searcher/searcher.h).
//
// Used only as a filter (OP_FILTER): it weighs nothing, and ids it names that no document
// holds any more never match the other side of the filter.
//
// Ownership and threads: a value Xapian clones per match; not shared between threads.
#pragma once

#include <xapian.h>

namespace briefings {

class AddedAfter : public Xapian::PostingSource {
 public:
  AddedAfter(Xapian::docid after, Xapian::docid last) : after_(after), last_(last) {}

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return span(); }
  Xapian::doccount get_termfreq_max() const override { return span(); }
  void init(const Xapian::Database& db) override;
  void next(double min_weight) override;
  void skip_to(Xapian::docid id, double min_weight) override;
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  Xapian::PostingSource* clone() const override { return new AddedAfter(after_, last_); }

 private:
  Xapian::doccount span() const { return last_ > after_ ? last_ - after_ : 0; }

  Xapian::docid after_, last_;
  Xapian::docid current_ = 0;  // 0: before the first
};

}  // namespace briefings
