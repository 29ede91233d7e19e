#include "searcher/search_request.h"

#include "index/errors.h"
#include "index/host_names.h"

namespace briefings {

namespace {

bool all_digits(const std::string& t, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return true;
}

InvalidInput out_of_range(const char* parameter, unsigned max) {
  return InvalidInput(parameter, "must be between 0 and " + std::to_string(max));
}

}  // namespace

void check_query_length(const std::string& query) {
  if (query.size() > kMaxQueryBytes) {
    throw InvalidInput("query", "is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  }
}

void check_limit(unsigned limit) {
  if (limit > kMaxLimit) throw out_of_range("limit", kMaxLimit);
}

std::string checked_host(const std::string& domain) {
  std::string host = schema::normalize_host(domain);
  if (host.empty()) {
    throw InvalidInput("domain",
                       "must be a host name such as cnbc.com, not '" + domain.substr(0, 80) + "'");
  }
  return host;
}

void validate(const SearchRequest& r) {
  check_query_length(r.query);
  check_limit(r.limit);
  if (r.offset > kMaxOffset) throw out_of_range("offset", kMaxOffset);
  if (r.domains.size() > kMaxDomains) {
    throw InvalidInput("domain", "may be given at most " + std::to_string(kMaxDomains) +
                                     " times, not " + std::to_string(r.domains.size()));
  }
  if (r.since && r.until && *r.until < *r.since) {
    throw InvalidInput("since", "(" + r.since->iso() + ") is after until (" + r.until->iso() + ")");
  }
}

Date parse_date_bound(const std::string& t, bool upper, const std::string& parameter) {
  auto bad = [&] {
    return InvalidInput(
        parameter, "must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not '" + t.substr(0, 40) + "'");
  };
  if (t.size() == 10) {
    auto d = Date::parse_iso(t);
    if (!d) throw bad();
    return *d;
  }
  if ((t.size() == 4 && all_digits(t, 0, 4)) ||
      (t.size() == 7 && all_digits(t, 0, 4) && t[4] == '-' && all_digits(t, 5, 7))) {
    int year = std::stoi(t.substr(0, 4));
    int month = t.size() == 7 ? std::stoi(t.substr(5, 2)) : (upper ? 12 : 1);
    if (month < 1 || month > 12 || year < 1000) throw bad();
    return Date{year, month, upper ? Date::days_in_month(year, month) : 1};
  }
  throw bad();
}

SortOrder parse_sort_order(const std::string& text) {
  if (text == "relevance") return SortOrder::relevance;
  if (text == "newest") return SortOrder::newest;
  if (text == "oldest") return SortOrder::oldest;
  throw InvalidInput("sort",
                     "must be relevance, newest or oldest, not '" + text.substr(0, 40) + "'");
}

}  // namespace briefings
