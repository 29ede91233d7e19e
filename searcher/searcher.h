// Searcher: the one query API. The CLI and the web server both call it, so a query gives
// the same hits, snippets and counts in both.
//
//   Searcher searcher(open_for_reading(path));
//   SearchRequest request;
//   request.query = "Bedrock enterprise";
//   SearchResult result = searcher.search(request);   // to_json(result) for --json / HTTP
//
// Query language: docs/query-syntax.md. Bad queries and parameters throw InvalidInput
// (index/errors.h) naming the parameter (the request contract: searcher/search_request.h);
// unknown ids throw NotFound. No Xapian exception leaves a Searcher: each is translated
// (index/xapian_errors.h), DatabaseModifiedError only after reopening and retrying.
//
// A plain query (no explicit operators, searcher/query_text.h) lists first the briefings that
// hold every one of its words, phrases and fields. When fewer than kRelaxBelow do, the result
// is relaxed: the briefings holding some of them follow, ranked by how much of the query's
// weight they hold, each saying which words it lacks. `total` and the facets then count the
// whole list the user sees, both tiers; `total_all_words` counts the first.
//
// Ownership and threads: a Searcher owns one read-only Xapian::Database and is not
// thread-safe; give each thread its own. It retries on DatabaseModifiedError by reopening,
// and refresh() moves it to the newest committed revision (a server calls it per request).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "index/briefing.h"
#include "searcher/ranking.h"
#include "searcher/search_request.h"
#include "searcher/spelling.h"
#include "searcher/stats.h"

namespace briefings {

inline constexpr Xapian::doccount kExactFacetCount = 100000;
// A plain query whose every word fewer briefings than this hold is relaxed (above).
inline constexpr Xapian::doccount kRelaxBelow = 10;
// "Did you mean" is looked for when fewer briefings than this hold every word.
inline constexpr Xapian::doccount kSuggestBelow = 5;

struct SearchHit {
  std::string id;
  std::string path;
  std::string headline;
  std::string headline_html;  // escaped text, <mark> around matched words, nothing else
  Date date;
  std::vector<std::string> domains;
  double score = 0;
  std::string snippet_html;          // the best passage, ~200 characters, escaped and marked
  std::vector<std::string> missing;  // query words this briefing lacks (partial matches)
  IndexedAt indexed_at = 0;          // when it entered the index (index/indexed_at.h)
};

struct SearchResult {
  std::string query;
  Xapian::doccount total = 0;            // the whole list: both tiers when relaxed
  Xapian::doccount total_all_words = 0;  // those holding every word (all, when not relaxed)
  bool relaxed = false;                  // briefings lacking some words are listed too
  unsigned offset = 0;
  std::vector<SearchHit> results;
  std::vector<ValueCount> domain_facet;   // disjunctive: counted without the domain filter
  std::vector<ValueCount> month_facet;    // "YYYY-MM", oldest first, every filter applied
  std::optional<std::string> suggestion;  // the query with its misspelt words corrected
  std::vector<Correction> corrections;    // which words the suggestion changed
  double elapsed_ms = 0;
  // The latest indexed-at time in the revision searched: no later commit adds a briefing
  // at or before it, so it is where the next "new since" starts (index/indexed_at.h). JSON
  // gives it as the answer's "watermark", for count_new.
  IndexedAt indexed_through = 0;
};

// What count_new tells about briefings added since a search was shown.
struct AddedCount {
  IndexedAt through = 0;       // the latest indexed-at time now, to count from next time
  Xapian::doccount count = 0;  // added since, and matched by the same request
};

// A whole briefing for display, each sentence's text escaped and, with a query, marked.
struct BriefingView {
  Briefing briefing;
  std::vector<std::vector<std::string>> sentences_html;  // [paragraph][sentence]
  std::string headline_html;
};

class Searcher {
 public:
  explicit Searcher(Xapian::Database db, const Ranking& ranking = {});
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  SearchResult search(const SearchRequest& request);
  // How many briefings indexed after `watermark` (SearchResult::indexed_through, 16 digits
  // as index/indexed_at.h encodes it) the request matches now: its words (or, when the
  // search would be relaxed, any of them) and its filters; its sort, offset and limit do not
  // matter. Edited and moved briefings keep their time, and a rebuild keeps every time, so
  // only briefings new to the index count. An empty watermark counts nothing and only tells
  // the current one. Throws InvalidInput("after", ...) for a watermark that is not one.
  AddedCount count_new(const SearchRequest& request, const std::string& watermark);
  // The briefing with this id; matched words of `highlight_query` marked when non-empty.
  BriefingView briefing(const std::string& id, const std::string& highlight_query = "");
  // Briefings most like the one with this id, or at this path, itself excluded.
  SearchResult related(const std::string& id_or_path, unsigned limit = 10);
  IndexStats stats();
  // Moves to the newest committed revision; cheap when nothing changed.
  void refresh();
  // Names the revision being read: equal strings, equal answers (a rebuilt database, with
  // a new uuid, differs from the one it replaced).
  std::string revision_id();
  Xapian::doccount document_count();

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace briefings
