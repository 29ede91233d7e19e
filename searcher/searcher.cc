#include "searcher/searcher.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <optional>

#include "index/codec.h"
#include "index/errors.h"
#include "index/indexed_at.h"
#include "index/schema.h"
#include "index/xapian_errors.h"
#include "searcher/database.h"
#include "searcher/domain_facet.h"
#include "searcher/missing_words.h"
#include "searcher/query_builder.h"
#include "searcher/snippet_renderer.h"
#include "searcher/spelling.h"

namespace briefings {

namespace {

namespace s = schema;

constexpr size_t kFacetHosts = 50;

std::vector<std::string> matching_terms(const Xapian::Enquire& enquire,
                                        const Xapian::MSetIterator& it) {
  return {enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it)};
}

std::vector<std::string> query_terms(const Xapian::Query& q) {
  return {q.get_unique_terms_begin(), q.get_unique_terms_end()};
}

SearchHit make_hit(const Xapian::Document& document, const SnippetRenderer& renderer,
                   double score) {
  const Briefing b = decode_document_data(document.get_data());
  SearchHit hit;
  hit.indexed_at = indexed_at_of(document).value_or(0);
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

namespace {

// The filters of a request's flags: dates and the indexed-at bound, and the domains, which
// the domain facet leaves out.
struct Filters {
  std::vector<Xapian::Query> dates;
  std::optional<Xapian::Query> domains;

  std::vector<Xapian::Query> all() const {
    std::vector<Xapian::Query> out = dates;
    if (domains) out.push_back(*domains);
    return out;
  }
};

// The facet spies of one search; each sees every document of the list the user gets.
struct Facets {
  MonthFacet months;
  DomainFacet hosts;
  bool count_hosts = true;  // false when the hosts are counted apart (a domain filter)

  void attach(Xapian::Enquire& enquire) {
    enquire.add_matchspy(&months);
    if (count_hosts) enquire.add_matchspy(&hosts);
  }
};

}  // namespace

struct Searcher::Impl {
  Xapian::Database db;
  Ranking ranking;
  Impl(Xapian::Database d, const Ranking& r) : db(std::move(d)), ranking(r) {}
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

  static Xapian::Query domain_filter(const std::vector<std::string>& domains) {
    std::vector<Xapian::Query> terms;
    for (const auto& d : domains) terms.emplace_back(std::string(s::kHostPrefix) + checked_host(d));
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

  Xapian::Enquire enquire_for(const Xapian::Query& query, const SearchRequest& r, bool empty) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking.weight());
    if (r.sort == SortOrder::first_indexed) {
      enquire.set_sort_by_value(s::kIndexedAtSlot, false);
    } else if (r.sort != SortOrder::relevance || empty) {
      enquire.set_sort_by_value_then_relevance(s::kDateSlot, r.sort != SortOrder::oldest);
    }
    return enquire;
  }

  Filters filters_of(const SearchRequest& r) {
    Filters f;
    if (r.since || r.until) f.dates.push_back(date_filter(r));
    if (r.indexed_after) {
      f.dates.emplace_back(Xapian::Query::OP_VALUE_GE, s::kIndexedAtSlot,
                           encode_indexed_at(*r.indexed_after + 1));
    }
    if (!r.domains.empty()) f.domains = domain_filter(r.domains);
    return f;
  }

  SearchResult search(const SearchRequest& r) {
    validate(r);
    SearchResult result;
    result.query = r.query;
    result.offset = r.offset;
    result.indexed_through = latest_indexed_at(db);  // the revision the search reads
    QueryBuilder builder(db, ranking);
    const BuiltQuery built = builder.build(r.query);
    const Filters filters = filters_of(r);
    Facets facets;
    facets.count_hosts = !filters.domains;

    Xapian::Enquire enquire = enquire_for(filtered(built.query, filters.all()), r, built.empty);
    facets.attach(enquire);
    Xapian::MSet mset = enquire.get_mset(r.offset, r.limit, kExactFacetCount);
    result.total = result.total_all_words = mset.get_matches_estimated();
    add_hits(r, built.query, enquire, mset, {}, result);
    result.relaxed =
        !r.every_word_only && built.relaxable() && result.total_all_words < kRelaxBelow;
    if (result.relaxed) add_partial_matches(r, built, filters, facets, result);

    if (filters.domains) {
      // Disjunctive: the host counts the list would have without the domain filter, so a
      // user can see and add another source.
      Xapian::Enquire facet_enquire = enquire_for(
          filtered(result.relaxed ? built.loose : built.query, filters.dates), r, built.empty);
      facet_enquire.add_matchspy(&facets.hosts);
      facet_enquire.get_mset(0, 0, kExactFacetCount);
    }
    result.month_facet = facets.months.counts();
    result.domain_facet = facets.hosts.top(kFacetHosts, this->hosts());
    if (!r.every_word_only && !built.empty && result.total_all_words < kSuggestBelow) {
      suggest(r, filters, result);
    }
    return result;
  }

  // How many documents `query` matches, counting at least `at_least` exactly.
  Xapian::doccount count(const Xapian::Query& query, Xapian::doccount at_least) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, at_least).get_matches_lower_bound();
  }

  AddedCount count_new(const SearchRequest& r, const std::string& since) {
    validate(r);
    AddedCount out;
    out.through = latest_indexed_at(db);
    if (since.empty()) return out;
    const std::optional<IndexedAt> after = decode_indexed_at(since);
    if (!after) {
      throw InvalidInput(
          "after", "must be the watermark of a search answer, not '" + since.substr(0, 80) + "'");
    }
    if (*after >= out.through) return out;  // nothing added: the usual answer, without a query
    QueryBuilder builder(db, ranking);
    const BuiltQuery built = builder.build(r.query);
    const Filters filters = filters_of(r);
    // Relaxed or not as the search shown was, over every briefing, not only the new ones.
    Xapian::Query query = filtered(built.query, filters.all());
    if (built.relaxable() && count(query, kRelaxBelow) < kRelaxBelow) {
      query = filtered(built.loose, filters.all());
    }
    const Xapian::Query added(Xapian::Query::OP_VALUE_GE, s::kIndexedAtSlot,
                              encode_indexed_at(*after + 1));
    out.count = count(Xapian::Query(Xapian::Query::OP_FILTER, query, added), db.get_doccount());
    return out;
  }

  // The hits of `mset`, highlighted by the terms of `query` (a hit holds no query term its
  // text lacks) or, for wildcards, by the expansions each hit matched; with `missing`, the
  // clauses each one lacks.
  void add_hits(const SearchRequest& r, const Xapian::Query& query, const Xapian::Enquire& enquire,
                const Xapian::MSet& mset, std::vector<std::vector<std::string>> missing,
                SearchResult& result) {
    const bool wildcard = r.query.find('*') != std::string::npos;
    std::optional<SnippetRenderer> shared;
    if (!wildcard) shared.emplace(query_terms(query));
    size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
      std::optional<SnippetRenderer> own;
      if (wildcard) own.emplace(matching_terms(enquire, it));
      result.results.push_back(
          make_hit(it.get_document(), wildcard ? *own : *shared, it.get_weight()));
      if (i < missing.size()) result.results.back().missing = std::move(missing[i]);
    }
  }

  // The second tier of a relaxed result: briefings holding some clauses but not all, ranked
  // below the first, counted in the total and the facets, each with the clauses it lacks.
  void add_partial_matches(const SearchRequest& r, const BuiltQuery& built, const Filters& filters,
                           Facets& facets, SearchResult& result) {
    const Xapian::Query partial =
        filtered(Xapian::Query(Xapian::Query::OP_AND_NOT, built.loose, built.query), filters.all());
    Xapian::Enquire enquire = enquire_for(partial, r, false);
    facets.attach(enquire);
    // Offsets run on past the full matches: skip the partial ones earlier pages showed.
    const Xapian::doccount full = result.total_all_words;
    const Xapian::doccount skip = r.offset > full ? r.offset - full : 0;
    const Xapian::doccount want = r.limit - static_cast<Xapian::doccount>(result.results.size());
    Xapian::MSet mset = enquire.get_mset(skip, want, kExactFacetCount);
    result.total += mset.get_matches_estimated();
    std::vector<Xapian::docid> docids(mset.begin(), mset.end());
    add_hits(r, built.loose, enquire, mset, missing_clauses(db, built.clauses, docids), result);
  }

  // "Did you mean", when correcting the words no briefing holds makes the query find more
  // briefings holding every word.
  void suggest(const SearchRequest& r, const Filters& filters, SearchResult& result) {
    auto corrected = correct_spelling(db, r.query);
    if (!corrected) return;
    QueryBuilder builder(db, ranking);
    Xapian::Enquire enquire(db);
    enquire.set_query(filtered(builder.build(corrected->text).query, filters.all()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount typed = result.total_all_words;
    if (enquire.get_mset(0, 0, typed + 1).get_matches_lower_bound() <= typed) return;
    result.suggestion = std::move(corrected->text);
    result.corrections = std::move(corrected->changes);
  }

  BriefingView briefing(const std::string& id, const std::string& highlight_query) {
    auto b = load(id);
    if (!b) throw NotFound("no briefing with id '" + id.substr(0, 80) + "'");
    std::vector<std::string> terms;
    if (!highlight_query.empty()) {
      check_query_length(highlight_query);
      QueryBuilder builder(db, ranking);
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
    check_limit(limit);
    std::string id = id_for(id_or_path);
    std::string id_term = std::string(s::kIdPrefix) + id;
    Xapian::docid docid = *db.postlist_begin(id_term);
    Xapian::RSet rset;
    rset.add_document(docid);
    Xapian::Enquire enquire(db);
    // Only free-text stems that begin with an ASCII letter: no ids, hosts, dates or headline
    // duplicates (all prefixed), no numbers.
    struct StemsOnly : Xapian::ExpandDecider {
      bool operator()(const std::string& term) const override {
        return term.size() > 2 && s::is_unprefixed(term) && term[0] >= 'a' && term[0] <= 'z';
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
      result.results.push_back(make_hit(it.get_document(), renderer, it.get_weight()));
    }
    return result;
  }
};

Searcher::Searcher(Xapian::Database db, const Ranking& ranking)
    : impl_(new Impl(std::move(db), ranking)) {}
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

AddedCount Searcher::count_new(const SearchRequest& request, const std::string& watermark) {
  return with_retry(impl_->db,
                    [&](Xapian::Database&) { return impl_->count_new(request, watermark); });
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
  translating_xapian_errors([&] { impl_->db.reopen(); });
}

std::string Searcher::revision_id() {
  return translating_xapian_errors(
      [&] { return impl_->db.get_uuid() + ":" + std::to_string(impl_->db.get_revision()); });
}

Xapian::doccount Searcher::document_count() {
  return translating_xapian_errors([&] { return impl_->db.get_doccount(); });
}

}  // namespace briefings
