#include "searcher/query_builder.h"

#include <memory>
#include <sstream>

#include "index/codec.h"
#include "index/errors.h"
#include "index/schema.h"
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

// Field and range processors never throw through Xapian's parser (it would leak its parse
// state): they note the problem here and match nothing, and build() throws after parsing.
struct ParseProblem {
  std::optional<std::string> message;
};

// `domain:Blogs.Microsoft.com` -> the host term the indexer wrote for it.
class DomainField : public Xapian::FieldProcessor {
 public:
  explicit DomainField(ParseProblem& problem) : problem_(problem) {}
  Xapian::Query operator()(const std::string& text) override {
    std::string host = s::normalize_host(text);
    if (host.empty()) {
      problem_.message =
          "domain: needs a host name such as cnbc.com, not '" + text.substr(0, 80) + "'";
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
      lo = begin.empty() ? "" : parse_date_bound(begin, false, "q").compact();
      hi = end.empty() ? "" : parse_date_bound(end, true, "q").compact();
    } catch (const InvalidInput& e) {
      problem_.message = std::string("date: ") + e.what();
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

bool is_plain_word(const std::string& token) {
  if (token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token == "NEAR" ||
      token == "ADJ") {
    return false;
  }
  Xapian::Utf8Iterator it(token), end;
  for (; it != end; ++it) {
    unsigned ch = *it;
    if (!Xapian::Unicode::is_wordchar(ch) && ch != '\'' && ch != 0x2019) return false;
  }
  return !token.empty();
}

}  // namespace

std::string normalise_query_text(const std::string& raw) {
  std::string text;
  text.reserve(raw.size());
  for (unsigned char c : raw) text += (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
  text = fold_possessive(text);

  std::istringstream in(text);
  std::vector<std::string> tokens;
  for (std::string t; in >> t;) tokens.push_back(t);
  std::string out;
  int quotes = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string t = tokens[i];
    for (char c : t) quotes += c == '"';
    bool between_words = i > 0 && i + 1 < tokens.size() && quotes % 2 == 0;
    if (between_words && (t == "or" || t == "and")) {
      for (auto& c : t) c = static_cast<char>(c - 'a' + 'A');
    }
    // A bare date field is the range of that one year, month or day.
    if (t.rfind("date:", 0) == 0 && t.size() > 5 && t.find("..") == std::string::npos) {
      t += ".." + t.substr(5);
    }
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

namespace {

// The query's words when it is plain words only (no operators, phrases, fields or
// wildcards), as normalise_query_text left them.
std::optional<std::vector<std::string>> plain_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string t; in >> t;) {
    if (!is_plain_word(t)) return std::nullopt;
    words.push_back(std::move(t));
  }
  return words;
}

// Plain words corrected one by one; a word that occurs in the indexed text is kept as
// typed. (The query parser would ask for a suggestion for every word whose exact form is
// not a term, and the terms are stems: a scan of the spelling data per word, which can
// also swap a real but rare word for a frequent neighbour, "gout" for "about".)
std::optional<std::string> corrected_words(const Xapian::Database& db,
                                           const std::vector<std::string>& words) {
  std::string corrected;
  bool changed = false;
  for (const auto& typed : words) {
    std::string word = Xapian::Unicode::tolower(typed), use = typed;
    auto known = db.spellings_begin();
    known.skip_to(word);
    if (known == db.spellings_end() || *known != word) {
      std::string suggestion = db.get_spelling_suggestion(word);
      if (!suggestion.empty()) {
        use = suggestion;
        changed = true;
      }
    }
    if (!corrected.empty()) corrected += ' ';
    corrected += use;
  }
  if (!changed) return std::nullopt;
  return corrected;
}

}  // namespace

struct QueryBuilder::Impl {
  ParseProblem problem;
  Xapian::QueryParser parser;
  Xapian::Database db;
  Impl(const Xapian::Database& database) : db(database) {
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    parser.set_default_op(Xapian::Query::OP_AND);
    // Wildcards expand to at most this many terms, the most frequent first, so `a*` is cheap.
    parser.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    for (const auto& p : s::kPrefixes) {
      if (p.field.empty()) continue;
      std::string field(p.field), prefix(p.prefix);
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
};

QueryBuilder::QueryBuilder(const Xapian::Database& db) : impl_(new Impl(db)) {}
QueryBuilder::~QueryBuilder() {
  delete impl_;
}

BuiltQuery QueryBuilder::build(const std::string& raw) {
  BuiltQuery built;
  std::string text = normalise_query_text(raw);
  if (text.find_first_not_of(' ') == std::string::npos) {
    built.query = match_all();
    built.empty = true;
    return built;
  }
  // Every wildcard costs up to 200 posting lists: hundreds of them in a 4 KiB query would
  // keep a server worker busy for seconds to minutes.
  size_t wildcards = 0;
  for (size_t i = 1; i < text.size(); ++i) {
    wildcards += text[i] == '*' && text[i - 1] != ' ' && text[i - 1] != '*';
  }
  if (wildcards > kMaxWildcards) {
    throw InvalidInput("q", "a query may hold at most " + std::to_string(kMaxWildcards) +
                                " wildcards (word*), not " + std::to_string(wildcards));
  }
  auto& parser = impl_->parser;
  auto& problem = impl_->problem;
  problem.message.reset();
  try {
    built.query = parser.parse_query(text, kFullFlags);
  } catch (const Xapian::QueryParserError&) {
    try {
      problem.message.reset();
      built.query = parser.parse_query(text, 0);
    } catch (const Xapian::QueryParserError& e) {
      throw InvalidInput("q", "cannot read the query: " + e.get_msg());
    }
  }
  if (problem.message) throw InvalidInput("q", *problem.message);
  if (built.query.empty()) {
    // Only punctuation or stop characters: nothing can match, which is not an error.
    built.query = Xapian::Query::MatchNothing;
  }
  if (auto words = plain_words(text)) built.words = std::move(*words);
  return built;
}

std::optional<std::string> QueryBuilder::correction(const std::string& raw) {
  std::string text = normalise_query_text(raw);
  if (auto words = plain_words(text)) return corrected_words(impl_->db, *words);
  auto& parser = impl_->parser;
  try {
    parser.parse_query(text, kFullFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
  } catch (const Xapian::QueryParserError&) {
    return std::nullopt;
  }
  impl_->problem.message.reset();
  std::string corrected = parser.get_corrected_query_string();
  if (corrected.empty() || corrected == text) return std::nullopt;
  return corrected;
}

Xapian::Query QueryBuilder::word_query(const std::string& word) {
  return impl_->parser.parse_query(word, 0);
}

}  // namespace briefings
