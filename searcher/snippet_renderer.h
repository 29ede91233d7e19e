// SnippetRenderer: escaped, highlighted text for display.
//
// Works from the stored sentences of a briefing, never the file: a passage is chosen by
// counting matched words per sentence, and every word whose English stem is one of the
// matched terms is wrapped in <mark>. Output is HTML-escaped text with <mark>
// and </mark> as the only markup, so it is safe to insert as HTML and easy to turn into ANSI.
// Ownership: a SnippetRenderer owns its copy of the query terms.
// Thread-safety: a SnippetRenderer holds a Xapian::Stem; one per thread.
#pragma once

#include <xapian.h>

#include <bitset>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "index/briefing.h"

namespace briefings {

std::string escape_html(std::string_view text);

class SnippetRenderer {
 public:
  // `terms` are index terms that matched (from Enquire::get_matching_terms or a query):
  // stems, unprefixed or with the headline prefix "S"; other prefixed terms are ignored.
  explicit SnippetRenderer(const std::vector<std::string>& terms);

  // The whole text, escaped, matched words marked.
  std::string highlight(std::string_view text) const;
  // The best passage of about `max_chars` characters, escaped and marked; "…" shows cuts.
  std::string snippet(const Briefing& briefing, size_t max_chars = 200) const;
  // How many words of `text` match.
  size_t count_matches(std::string_view text) const;

 private:
  bool matches(std::string_view word) const;
  template <typename OnWord, typename OnGap>
  void scan(std::string_view text, OnWord on_word, OnGap on_gap) const;

  std::set<std::string> stems_;
  // The first two bytes (ASCII lower-cased) of every stem: a word whose first two
  // bytes are not among them cannot match, which settles most words without lower-casing
  // or stemming them. Off when a term is shorter than two bytes.
  std::bitset<65536> openings_;
  bool use_openings_ = true;
  mutable Xapian::Stem stemmer_{"english"};
};

}  // namespace briefings
