#include "searcher/searcher.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>

#include "index/codec.h"
#include "index/errors.h"
#include "index/schema.h"
#include "searcher/database.h"
#include "searcher/domain_facet.h"
#include "searcher/query_builder.h"
#include "searcher/snippet_renderer.h"

namespace briefings {

namespace {

namespace s = schema;

// When fewer briefings than this contain every word, briefings with most words follow.
constexpr Xapian::doccount kPartialThreshold = 10;
// A suggestion is offered only when a query finds fewer briefings than this.
constexpr Xapian::doccount kSuggestBelow = 5;
constexpr size_t kFacetHosts = 50;

bool all_digits(const std::string& t, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return true;
}

std::vector<std::string> matching_terms(const Xapian::Enquire& enquire,
                                        const Xapian::MSetIterator& it) {
  return {enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it)};
}

std::vector<std::string> query_terms(const Xapian::Query& q) {
  return {q.get_unique_terms_begin(), q.get_unique_terms_end()};
}

SearchHit make_hit(const Briefing& b, const SnippetRenderer& renderer, double score) {
  SearchHit hit;
  hit.id = b.id;
  hit.path = b.paths.empty() ? "" : b.paths.front();
  hit.headline = b.headline;
  hit.headline_html = renderer.highlight(b.headline);
  hit.date = b.date;
  hit.domains = b.hosts();
  hit.score = score;
  hit.snippet_html = renderer.snippet(b);
  return hit;
}

}  // namespace

Date parse_date_bound(const std::string& t, bool upper, const std::string& parameter) {
  auto bad = [&] {
    return InvalidInput(parameter, parameter +
                                       " must be a date as YYYY, YYYY-MM or YYYY-MM-DD, "
                                       "not '" +
                                       t.substr(0, 40) + "'");
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
    Date d{year, month, upper ? Date::days_in_month(year, month) : 1};
    return d;
  }
  throw bad();
}

SortOrder parse_sort_order(const std::string& text) {
  if (text == "relevance") return SortOrder::relevance;
  if (text == "newest") return SortOrder::newest;
  if (text == "oldest") return SortOrder::oldest;
  throw InvalidInput("sort",
                     "sort must be relevance, newest or oldest, not '" + text.substr(0, 40) + "'");
}

struct Searcher::Impl {
  Xapian::Database db;
  explicit Impl(Xapian::Database d) : db(std::move(d)) {}

  // The host names, read again only when the database has moved to another revision (or,
  // after a rebuild, is another database).
  const HostDictionary& hosts() {
    const Xapian::rev revision = db.get_revision();
    const std::string uuid = db.get_uuid();
    if (!hosts_loaded_ || revision != hosts_revision_ || uuid != hosts_uuid_) {
      hosts_ = HostDictionary::load(db);
      hosts_loaded_ = true;
      hosts_revision_ = revision;
      hosts_uuid_ = uuid;
    }
    return hosts_;
  }
  HostDictionary hosts_;
  bool hosts_loaded_ = false;
  Xapian::rev hosts_revision_ = 0;
  std::string hosts_uuid_;

  std::optional<Briefing> load(const std::string& id) {
    std::string term = std::string(s::kIdPrefix) + id;
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    return decode_document_data(db.get_document(*it).get_data());
  }

  std::string id_for(const std::string& id_or_path) {
    if (load(id_or_path)) return id_or_path;
    std::string path = std::filesystem::absolute(id_or_path).lexically_normal().string();
    std::string record = db.get_metadata(s::file_state_key(path));
    if (!record.empty()) return s::FileState::unserialise(record).id;
    throw NotFound("no briefing with id or path '" + id_or_path + "' in the database");
  }

  static void validate(const SearchRequest& r) {
    if (r.query.size() > kMaxQueryBytes) {
      throw InvalidInput("q",
                         "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
    }
    if (r.limit > kMaxLimit) {
      throw InvalidInput("limit", "limit must be between 0 and " + std::to_string(kMaxLimit));
    }
    if (r.offset > kMaxOffset) {
      throw InvalidInput("offset", "offset must be between 0 and " + std::to_string(kMaxOffset));
    }
    if (r.since && r.until && *r.until < *r.since) {
      throw InvalidInput("since",
                         "since (" + r.since->iso() + ") is after until (" + r.until->iso() + ")");
    }
  }

  static Xapian::Query domain_filter(const std::vector<std::string>& domains) {
    std::vector<Xapian::Query> terms;
    for (const auto& d : domains) {
      std::string host = s::normalize_host(d);
      if (host.empty()) {
        throw InvalidInput(
            "domain", "domain must be a host name such as cnbc.com, not '" + d.substr(0, 80) + "'");
      }
      terms.emplace_back(std::string(s::kHostPrefix) + host);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  static Xapian::Query date_filter(const SearchRequest& r) {
    if (r.since && r.until) {
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, s::kDateSlot, r.since->compact(),
                           r.until->compact());
    }
    if (r.since) return Xapian::Query(Xapian::Query::OP_VALUE_GE, s::kDateSlot, r.since->compact());
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, s::kDateSlot, r.until->compact());
  }

  static Xapian::Query filtered(Xapian::Query q, const std::vector<Xapian::Query>& filters) {
    for (const auto& f : filters) q = Xapian::Query(Xapian::Query::OP_FILTER, q, f);
    return q;
  }

  SearchResult search(const SearchRequest& r) {
    validate(r);
    SearchResult result;
    result.query = r.query;
    result.offset = r.offset;

    QueryBuilder builder(db);
    BuiltQuery built = builder.build(r.query);
    std::vector<Xapian::Query> other_filters;
    if (r.since || r.until) other_filters.push_back(date_filter(r));
    std::optional<Xapian::Query> domains;
    if (!r.domains.empty()) domains = domain_filter(r.domains);

    std::vector<Xapian::Query> all_filters = other_filters;
    if (domains) all_filters.push_back(*domains);
    Xapian::Query query = filtered(built.query, all_filters);

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    bool by_date = r.sort != SortOrder::relevance || built.empty;
    if (by_date) {
      enquire.set_sort_by_value_then_relevance(s::kDateSlot, r.sort != SortOrder::oldest);
    }
    MonthFacet months;
    DomainFacet hosts;
    enquire.add_matchspy(&months);
    if (!domains) enquire.add_matchspy(&hosts);
    Xapian::MSet mset = enquire.get_mset(r.offset, r.limit, kExactFacetCount);
    result.total = mset.get_matches_estimated();
    result.month_facet = months.counts();

    if (domains) {
      // Disjunctive: the host counts the query would have without the domain filter, so a
      // user can see and add another source.
      Xapian::Enquire facet_enquire(db);
      facet_enquire.set_query(filtered(built.query, other_filters));
      facet_enquire.add_matchspy(&hosts);
      facet_enquire.get_mset(0, 0, kExactFacetCount);
    }
    result.domain_facet = hosts.top(kFacetHosts, this->hosts());

    // The query's own terms mark the same words in a hit as the terms it matched (a term
    // it lacks is not in its text), without reading each hit's term list. Wildcards are
    // the exception: only the matched expansions are known.
    const bool wildcard = r.query.find('*') != std::string::npos;
    std::optional<SnippetRenderer> shared;
    if (!wildcard) shared.emplace(query_terms(built.query));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::optional<SnippetRenderer> own;
      if (wildcard) own.emplace(matching_terms(enquire, it));
      Briefing b = decode_document_data(it.get_document().get_data());
      result.results.push_back(make_hit(b, wildcard ? *own : *shared, it.get_weight()));
    }

    if (built.words.size() >= 2 && result.total < kPartialThreshold &&
        result.results.size() < r.limit) {
      add_partial_matches(r, built, builder, filtered(built.query, all_filters), all_filters,
                          result);
    }
    if (result.total < kSuggestBelow && !built.empty)
      result.suggestion = builder.correction(r.query);
    return result;
  }

  // Briefings with most, not all, of the words, ranked below the full matches, each with the
  // words it lacks. They never count towards total or the facets.
  void add_partial_matches(const SearchRequest& r, const BuiltQuery& built, QueryBuilder& builder,
                           const Xapian::Query& full_query,
                           const std::vector<Xapian::Query>& filters, SearchResult& result) {
    std::vector<Xapian::Query> word_queries;
    for (const auto& w : built.words) word_queries.push_back(builder.word_query(w));
    Xapian::Query any(Xapian::Query::OP_OR, word_queries.begin(), word_queries.end());
    Xapian::Query partial =
        filtered(Xapian::Query(Xapian::Query::OP_AND_NOT, any, full_query), filters);
    size_t needed = built.words.size() >= 3 ? built.words.size() - 1 : 1;

    Xapian::Enquire enquire(db);
    enquire.set_query(partial);
    // Offsets run on past the full matches: skip the partial ones earlier pages showed.
    size_t skip = r.offset > result.total ? r.offset - result.total : 0;
    size_t want = r.limit - result.results.size();
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(skip + want) * 2 + 10);
    // Which words each candidate has, from the words' posting lists (skipped forward over
    // the candidates in docid order) rather than from every candidate's term list.
    std::vector<Xapian::docid> candidates;
    for (auto it = mset.begin(); it != mset.end(); ++it) candidates.push_back(*it);
    std::sort(candidates.begin(), candidates.end());
    std::vector<std::vector<bool>> has(word_queries.size(),
                                       std::vector<bool>(candidates.size(), false));
    for (size_t w = 0; w < word_queries.size(); ++w) {
      for (auto t = word_queries[w].get_unique_terms_begin();
           t != word_queries[w].get_unique_terms_end(); ++t) {
        auto post = db.postlist_begin(*t);
        for (size_t c = 0; c < candidates.size() && post != db.postlist_end(*t); ++c) {
          post.skip_to(candidates[c]);
          if (post != db.postlist_end(*t) && *post == candidates[c]) has[w][c] = true;
        }
      }
    }
    // Plain words only (no wildcards), so the words' terms mark what each hit has.
    SnippetRenderer renderer(query_terms(any));
    for (auto it = mset.begin(); it != mset.end() && want > 0; ++it) {
      size_t c = std::lower_bound(candidates.begin(), candidates.end(), *it) - candidates.begin();
      std::vector<std::string> missing;
      for (size_t w = 0; w < built.words.size(); ++w) {
        if (!has[w][c]) missing.push_back(built.words[w]);
      }
      if (built.words.size() - missing.size() < needed) continue;
      if (skip > 0) {
        --skip;
        continue;
      }
      Briefing b = decode_document_data(it.get_document().get_data());
      SearchHit hit = make_hit(b, renderer, it.get_weight());
      hit.missing = std::move(missing);
      result.results.push_back(std::move(hit));
      --want;
    }
  }

  BriefingView briefing(const std::string& id, const std::string& highlight_query) {
    auto b = load(id);
    if (!b) throw NotFound("no briefing with id '" + id.substr(0, 80) + "'");
    std::vector<std::string> terms;
    if (!highlight_query.empty()) {
      if (highlight_query.size() > kMaxQueryBytes) {
        throw InvalidInput("q",
                           "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
      }
      QueryBuilder builder(db);
      terms = query_terms(builder.build(highlight_query).query);
    }
    SnippetRenderer renderer(terms);
    BriefingView view;
    view.headline_html = renderer.highlight(b->headline);
    for (const auto& p : b->paragraphs) {
      std::vector<std::string> sentences;
      for (const auto& sentence : p.sentences)
        sentences.push_back(renderer.highlight(sentence.text));
      view.sentences_html.push_back(std::move(sentences));
    }
    view.briefing = std::move(*b);
    return view;
  }

  SearchResult related(const std::string& id_or_path, unsigned limit) {
    if (limit > kMaxLimit) {
      throw InvalidInput("limit", "limit must be between 0 and " + std::to_string(kMaxLimit));
    }
    std::string id = id_for(id_or_path);
    std::string id_term = std::string(s::kIdPrefix) + id;
    Xapian::docid docid = *db.postlist_begin(id_term);
    Xapian::RSet rset;
    rset.add_document(docid);
    Xapian::Enquire enquire(db);
    // Only free-text stems: no ids, hosts, dates or headline duplicates (all prefixed).
    struct StemsOnly : Xapian::ExpandDecider {
      bool operator()(const std::string& term) const override {
        return term.size() > 2 && term[0] >= 'a' && term[0] <= 'z';
      }
    } stems_only;
    Xapian::ESet eset = enquire.get_eset(30, rset, &stems_only);
    Xapian::Query like(Xapian::Query::OP_OR, eset.begin(), eset.end());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(id_term)));
    Xapian::MSet mset = enquire.get_mset(0, limit);
    SearchResult result;
    result.query = "related:" + id;
    result.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      SnippetRenderer renderer(matching_terms(enquire, it));
      Briefing b = decode_document_data(it.get_document().get_data());
      result.results.push_back(make_hit(b, renderer, it.get_weight()));
    }
    return result;
  }
};

Searcher::Searcher(Xapian::Database db) : impl_(new Impl(std::move(db))) {}
Searcher::~Searcher() {
  delete impl_;
}

SearchResult Searcher::search(const SearchRequest& request) {
  auto start = std::chrono::steady_clock::now();
  SearchResult result =
      with_retry(impl_->db, [&](Xapian::Database&) { return impl_->search(request); });
  result.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

BriefingView Searcher::briefing(const std::string& id, const std::string& highlight_query) {
  return with_retry(impl_->db,
                    [&](Xapian::Database&) { return impl_->briefing(id, highlight_query); });
}

SearchResult Searcher::related(const std::string& id_or_path, unsigned limit) {
  auto start = std::chrono::steady_clock::now();
  SearchResult result =
      with_retry(impl_->db, [&](Xapian::Database&) { return impl_->related(id_or_path, limit); });
  result.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

IndexStats Searcher::stats() {
  return with_retry(impl_->db, [](Xapian::Database& db) { return collect_stats(db); });
}

void Searcher::refresh() {
  impl_->db.reopen();
}

}  // namespace briefings
