// Ranking: the weights a search ranks by, in one place. The defaults are what
// bench/relevance measured best (docs/relevance.md gives the figures and why); the benchmark
// overrides them to measure alternatives, nothing else does.
//
// Ownership: a plain value; the weight objects it makes are the caller's.
// A plain value type; thread-safe to share read-only.
#pragma once

#include <xapian.h>

namespace briefings {

struct Ranking {
  // BM25 (Xapian::BM25Weight): term-frequency saturation and length normalisation.
  double k1 = 1.2;
  double b = 0.75;
  // How much a word typed more than once counts (BM25's query-frequency saturation).
  double k3 = 100;
  // Extra weight for a query word found in the headline, as a share of its body weight
  // (the headline is also indexed with its words counted schema::kHeadlineWeight times).
  double headline_boost = 0.0;
  // Extra weight, as a share of their own, for two consecutive query words standing within
  // `proximity_window` positions of each other; 0 turns it off.
  double proximity_boost = 0.5;
  Xapian::termpos proximity_window = 8;
  // ... for queries of at most this many words; a longer one is rarely a run of words.
  size_t proximity_max_words = 4;
  // A long query ranks by its most informative words (OP_ELITE_SET): this many.
  Xapian::termcount elite_words = 40;

  Xapian::BM25Weight weight() const { return Xapian::BM25Weight(k1, 0, k3, b, 0.5); }
};

}  // namespace briefings
