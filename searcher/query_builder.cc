#include "searcher/query_builder.h"

#include <algorithm>
#include <map>

#include "index/errors.h"
#include "index/host_names.h"
#include "index/schema.h"
#include "searcher/query_text.h"
#include "searcher/searcher.h"

namespace briefings {

namespace {

// A query matching every document, made afresh. Never copy Xapian::Query::MatchAll: it is
// one object for the whole process and Xapian 1.4 counts its references without atomics,
// so web workers copying it at once corrupted the count and freed it under each other (a
// crash in Enquire::set_query, about one run in ten of the concurrency test).
Xapian::Query match_all() {
  return Xapian::Query(std::string());
}

namespace s = schema;

}  // namespace

// Field and range processors never throw through Xapian's parser (it would leak its parse
// state): they note the problem here and match nothing, and build() throws after parsing.
// Outside the anonymous namespace because QueryBuilder::Impl, which has external linkage,
// holds one (g++ warns otherwise when files are compiled together, as in a unity build).
struct ParseProblem {
  std::optional<std::string> message;
};

namespace {

// `domain:Blogs.Microsoft.com` -> the host term the indexer wrote for it.
class DomainField : public Xapian::FieldProcessor {
 public:
  explicit DomainField(ParseProblem& problem) : problem_(problem) {}
  Xapian::Query operator()(const std::string& text) override {
    std::string host = s::normalize_host(text);
    if (host.empty()) {
      problem_.message =
          "has domain:" + text.substr(0, 80) + ", but domain: needs a host name such as cnbc.com";
      return Xapian::Query::MatchNothing;
    }
    return Xapian::Query(std::string(s::kHostPrefix) + host);
  }

 private:
  ParseProblem& problem_;
};

// `date:2026-04-01..2026-04-30`, each bound YYYY, YYYY-MM or YYYY-MM-DD (either may be empty).
class DateRange : public Xapian::RangeProcessor {
 public:
  explicit DateRange(ParseProblem& problem)
      : Xapian::RangeProcessor(s::kDateSlot, "date:"), problem_(problem) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string lo, hi;
    try {
      lo = begin.empty() ? "" : parse_date_bound(begin, false, "date:").compact();
      hi = end.empty() ? "" : parse_date_bound(end, true, "date:").compact();
    } catch (const InvalidInput& e) {
      problem_.message = "has a date: range whose bound " + e.problem;
      return Xapian::Query::MatchNothing;
    }
    if (lo.empty() && hi.empty()) return match_all();
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, s::kDateSlot, hi);
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, s::kDateSlot, lo);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, s::kDateSlot, lo, hi);
  }

 private:
  ParseProblem& problem_;
};

constexpr unsigned kFullFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT;

// Every wildcard costs up to 200 posting lists: hundreds of them in a 4 KiB query would
// keep a server worker busy for seconds to minutes.
void check_wildcards(const std::string& text) {
  size_t wildcards = 0;
  for (size_t i = 1; i < text.size(); ++i) {
    wildcards += text[i] == '*' && text[i - 1] != ' ' && text[i - 1] != '*';
  }
  if (wildcards > kMaxWildcards) {
    throw InvalidInput("query", "may hold at most " + std::to_string(kMaxWildcards) +
                                    " wildcards (word*), not " + std::to_string(wildcards));
  }
}

Xapian::Query combined(Xapian::Query::op op, const std::vector<Xapian::Query>& parts,
                       Xapian::termcount parameter = 0) {
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(op, parts.begin(), parts.end(), parameter);
}

Xapian::Query filtered(const Xapian::Query& query, const std::vector<Xapian::Query>& filters) {
  if (filters.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query, combined(Xapian::Query::OP_AND, filters));
}

// The query with extra weight from `boosts` for the documents it matches.
Xapian::Query boosted(const Xapian::Query& query, const std::vector<Xapian::Query>& boosts) {
  if (boosts.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, combined(Xapian::Query::OP_OR, boosts));
}

bool is_single_term(const Xapian::Query& q) {
  return q.get_type() == Xapian::Query::LEAF_TERM;
}

}  // namespace

struct QueryBuilder::Impl {
  ParseProblem problem;
  Xapian::QueryParser parser;
  Ranking ranking;

  Impl(const Xapian::Database& db, const Ranking& r) : ranking(r) {
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    parser.set_default_op(Xapian::Query::OP_AND);
    // Wildcards expand to at most this many terms, the most frequent first, so `a*` is cheap.
    parser.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    // Every searchable row of the schema becomes a field; internal prefixes are never offered.
    for (const auto& p : s::kPrefixes) {
      std::string field(p.name), prefix(p.prefix);
      if (p.kind == s::TermKind::free_text) {
        parser.add_prefix(field, prefix);
      } else if (p.kind == s::TermKind::boolean_filter) {
        if (p.prefix == s::kHostPrefix) {
          parser.add_boolean_prefix(field, (new DomainField(problem))->release());
        } else {
          parser.add_boolean_prefix(field, prefix);
        }
      }
    }
    parser.add_rangeprocessor((new DateRange(problem))->release());
  }

  // Parses with `flags`, or with none when the parser refuses; InvalidInput if both fail.
  Xapian::Query parse(const std::string& text, unsigned flags) {
    problem.message.reset();
    Xapian::Query query;
    try {
      query = parser.parse_query(text, flags);
    } catch (const Xapian::QueryParserError&) {
      try {
        problem.message.reset();
        query = parser.parse_query(text, 0);
      } catch (const Xapian::QueryParserError& e) {
        throw InvalidInput("query", "cannot be read: " + e.get_msg());
      }
    }
    if (problem.message) throw InvalidInput("query", *problem.message);
    return query;
  }

  BuiltQuery literal(const std::string& text) {
    BuiltQuery built;
    built.query = parse(text, kFullFlags);
    // Only punctuation or stop characters: nothing can match, which is not an error.
    if (built.query.empty()) built.query = Xapian::Query::MatchNothing;
    return built;
  }

  // A token's clause; a word is read without syntax, so the punctuation around it is text.
  Xapian::Query clause(const QueryToken& token) {
    using Kind = QueryToken::Kind;
    const bool word = token.kind == Kind::word || token.kind == Kind::stop_word;
    return parse(token.text, word ? 0u : kFullFlags);
  }

  BuiltQuery plain(const QueryText& text) {
    BuiltQuery built;
    built.plain = true;
    std::string filter_text;  // parsed together: two `domain:` are ORed, other fields ANDed
    std::map<std::string, size_t> seen;  // a clause typed twice counts twice, as one clause
    std::vector<Xapian::termcount> times;
    const bool stop_words_only = std::none_of(text.tokens.begin(), text.tokens.end(), [](auto& t) {
      return t.kind != QueryToken::Kind::stop_word && t.kind != QueryToken::Kind::filter;
    });
    for (const auto& token : text.tokens) {
      if (token.kind == QueryToken::Kind::filter) {
        filter_text += (filter_text.empty() ? "" : " ") + token.text;
        continue;
      }
      if (token.kind == QueryToken::Kind::stop_word && !stop_words_only) continue;
      Xapian::Query q = clause(token);
      if (q.empty()) continue;
      auto [it, added] = seen.emplace(q.get_description(), built.clauses.size());
      if (!added) {
        ++times[it->second];
        continue;
      }
      const bool word =
          token.kind == QueryToken::Kind::word || token.kind == QueryToken::Kind::stop_word;
      built.clauses.push_back({word ? std::string(trim_to_word(token.text)) : token.text, q});
      times.push_back(1);
    }
    // A word typed n times is one term with a query frequency of n (BM25's k3 says how much
    // that counts): a pasted paragraph repeats what it is about.
    for (size_t c = 0; c < built.clauses.size(); ++c) {
      Xapian::Query& q = built.clauses[c].query;
      if (times[c] > 1 && is_single_term(q))
        q = Xapian::Query(*q.get_unique_terms_begin(), times[c]);
    }
    std::vector<Xapian::Query> filters;
    if (!filter_text.empty()) filters.push_back(parse(filter_text, kFullFlags));
    if (built.clauses.empty()) {
      built.empty = true;
      built.query = filtered(match_all(), filters);
      return built;
    }
    std::vector<Xapian::Query> all;
    for (const auto& c : built.clauses) all.push_back(c.query);
    const std::vector<Xapian::Query> extra = boosts(text, built.clauses);
    built.query = filtered(boosted(combined(Xapian::Query::OP_AND, all), extra), filters);
    // A query of stop words only ("to be or not to be") needs them all: any one is everywhere.
    if (built.clauses.size() >= 2 && !stop_words_only) {
      const auto op =
          all.size() > ranking.elite_words ? Xapian::Query::OP_ELITE_SET : Xapian::Query::OP_OR;
      const Xapian::termcount size = op == Xapian::Query::OP_ELITE_SET ? ranking.elite_words : 0;
      built.loose = filtered(boosted(combined(op, all, size), extra), filters);
    }
    return built;
  }

  // What adds weight to a matching document: its headline holding query words, and
  // consecutive query words standing close together.
  std::vector<Xapian::Query> boosts(const QueryText& text,
                                    const std::vector<QueryClause>& clauses) {
    std::vector<Xapian::Query> out;
    if (ranking.headline_boost > 0) {
      std::vector<Xapian::Query> in_headline;
      for (const auto& token : text.tokens) {
        if (token.kind != QueryToken::Kind::word && token.kind != QueryToken::Kind::phrase)
          continue;
        Xapian::Query q = parse("headline:" + token.text, kFullFlags);
        if (!q.empty()) in_headline.push_back(q);
      }
      if (!in_headline.empty()) {
        out.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         combined(Xapian::Query::OP_OR, in_headline), ranking.headline_boost);
      }
    }
    if (ranking.proximity_boost > 0 && clauses.size() <= ranking.proximity_max_words) {
      std::vector<Xapian::Query> near;
      for (size_t i = 0; i + 1 < clauses.size() && near.size() < kMaxProximityPairs; ++i) {
        if (!is_single_term(clauses[i].query) || !is_single_term(clauses[i + 1].query)) continue;
        const Xapian::Query pair[] = {clauses[i].query, clauses[i + 1].query};
        near.emplace_back(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair),
                          ranking.proximity_window);
      }
      if (!near.empty()) {
        out.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, combined(Xapian::Query::OP_OR, near),
                         ranking.proximity_boost);
      }
    }
    return out;
  }

  static constexpr size_t kMaxProximityPairs = 12;
};

QueryBuilder::QueryBuilder(const Xapian::Database& db, const Ranking& ranking)
    : impl_(std::make_unique<Impl>(db, ranking)) {}
QueryBuilder::~QueryBuilder() = default;

BuiltQuery QueryBuilder::build(const std::string& raw) {
  const QueryText text = read_query_text(raw);
  if (text.blank()) {
    BuiltQuery built;
    built.query = match_all();
    built.empty = true;
    return built;
  }
  check_wildcards(text.normalised);
  return text.literal ? impl_->literal(text.normalised) : impl_->plain(text);
}

}  // namespace briefings
