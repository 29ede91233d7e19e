// The request contract: what one search may ask for, and the one place each bound is
// checked. The CLI and the web server fill a SearchRequest from their own syntax (options,
// URL parameters) and call validate() or let Searcher::search() call it; neither checks a
// bound of its own. An InvalidInput names the parameter in neutral words ("query", "limit",
// "offset", "domain", "since", "until", "sort"), which cli/ shows as `--limit` and web/ as
// `limit` (index/errors.h).
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "index/briefing.h"
#include "index/indexed_at.h"

namespace briefings {

// `first_indexed` lists briefings in the order they entered the index, for a saved search's
// new ones (`saved run --new`); it is no value of `--sort` or `sort=`.
enum class SortOrder { relevance, newest, oldest, first_indexed };

// Hard limits on what one request may ask for.
inline constexpr size_t kMaxQueryBytes = 4096;
inline constexpr unsigned kMaxLimit = 100;
inline constexpr unsigned kMaxOffset = 10000;
// Wildcards (word*) in one query; each expands to at most 200 terms, the most frequent.
inline constexpr size_t kMaxWildcards = 10;
// Domain filters in one request (--domain, domain=).
inline constexpr size_t kMaxDomains = 50;

struct SearchRequest {
  std::string query;
  std::vector<std::string> domains;  // ORed; a host matches its sub-domains
  std::optional<Date> since, until;  // inclusive
  SortOrder sort = SortOrder::relevance;
  unsigned offset = 0;
  unsigned limit = 10;
  // Only briefings indexed after this time (index/indexed_at.h): a saved search's new ones.
  std::optional<IndexedAt> indexed_after{};
  // Only briefings holding every word: no relaxed tier, no spelling suggestion. Saved
  // searches and feeds follow a query over time, where a partial match is noise.
  bool every_word_only = false;
};

// Throws InvalidInput naming the first parameter out of bounds: the query's length, the
// limit, the offset, the number of domains, a since after its until. (A domain's spelling
// and the query's syntax are checked as the query is built.)
void validate(const SearchRequest& request);
// Throws InvalidInput("query", ...) when `query` is longer than kMaxQueryBytes.
void check_query_length(const std::string& query);
// Throws InvalidInput("limit", ...) when `limit` is above kMaxLimit.
void check_limit(unsigned limit);
// The host a domain filter names, in the index's normal form (index/host_names.h). Throws
// InvalidInput("domain", ...) when `domain` is no host name.
std::string checked_host(const std::string& domain);

// "2026", "2026-04" or "2026-04-12" as the first (upper = false) or last day it covers.
// Throws InvalidInput(parameter, ...) when the text is none of these.
Date parse_date_bound(const std::string& text, bool upper, const std::string& parameter);
SortOrder parse_sort_order(const std::string& text);  // throws InvalidInput("sort", ...)

}  // namespace briefings
