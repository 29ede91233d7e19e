#include "searcher/query_text.h"

#include <xapian.h>

#include <optional>
#include <stdexcept>

#include "index/codec.h"
#include "index/schema.h"
#include "searcher/stop_words.h"

namespace briefings {

namespace {

constexpr std::string_view kCurlyApostrophe = "\xE2\x80\x99";

bool is_word_char_at(std::string_view text, size_t i, size_t& length) {
  Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
  Xapian::Utf8Iterator next = it;
  ++next;
  length = next == Xapian::Utf8Iterator() ? text.size() - i : next.raw() - it.raw();
  return Xapian::Unicode::is_wordchar(*it);
}

// Control characters become spaces; possessives are folded.
std::string clean(const std::string& typed) {
  std::string text;
  text.reserve(typed.size());
  for (unsigned char c : typed) text += (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
  return fold_possessive(text);
}

// Splits at spaces, except inside double quotes: `headline:"night trains" Alps` is two tokens.
std::vector<std::string> split_tokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == ' ' && !quoted) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (quoted) current += '"';  // an unclosed phrase runs to the end of the query
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

// "date:2026-04" -> "date:2026-04..2026-04": a bare date field is the range of that day,
// month or year.
std::string with_date_range(std::string token) {
  if (token.rfind("date:", 0) == 0 && token.size() > 5 && token.find("..") == std::string::npos) {
    token += ".." + token.substr(5);
  }
  return token;
}

bool is_love_or_hate(const std::string& token) {
  if (token.size() < 2 || (token[0] != '+' && token[0] != '-')) return false;
  size_t length = 0;
  return token[1] == '"' || is_word_char_at(token, 1, length);
}

// "trains or buses or ferries": words joined by a lower-case "or" in every other place.
bool is_or_list(const std::vector<std::string>& tokens) {
  if (tokens.size() < 3 || tokens.size() % 2 == 0) return false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const bool is_or = tokens[i] == "or";
    if (is_or != (i % 2 == 1)) return false;
  }
  return true;
}

// The field a token names ("headline" of "headline:enterprise"), if the schema knows it.
const schema::TermPrefix* field_of(const std::string& token) {
  const size_t colon = token.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == token.size()) return nullptr;
  try {
    return &schema::prefix_for_field(std::string_view(token).substr(0, colon));
  } catch (const std::out_of_range&) {
    return nullptr;
  }
}

std::optional<QueryToken> classify(std::string token) {
  using Kind = QueryToken::Kind;
  if (token.rfind("date:", 0) == 0 && token.size() > 5) {
    return QueryToken{Kind::filter, with_date_range(std::move(token))};
  }
  if (const auto* field = field_of(token)) {
    const bool free_text = field->kind == schema::TermKind::free_text;
    return QueryToken{free_text ? Kind::field : Kind::filter, std::move(token)};
  }
  if (token.find('"') != std::string::npos) return QueryToken{Kind::phrase, std::move(token)};
  const std::string bare = bare_word(token);
  if (bare.empty()) return std::nullopt;
  if (token.back() == '*' && token.size() >= 2 && token[token.size() - 2] != '*') {
    return QueryToken{Kind::wildcard, std::move(token)};
  }
  return QueryToken{is_stop_word(bare) ? Kind::stop_word : Kind::word, std::move(token)};
}

}  // namespace

bool is_operator_word(std::string_view t) {
  if (t == "AND" || t == "OR" || t == "NOT" || t == "XOR" || t == "NEAR" || t == "ADJ") return true;
  for (std::string_view op : {"NEAR/", "ADJ/"}) {
    if (t.size() > op.size() && t.substr(0, op.size()) == op) return true;
  }
  return false;
}

std::string_view trim_to_word(std::string_view token) {
  size_t begin = 0, end = 0, length = 0;
  bool found = false;
  for (size_t i = 0; i < token.size(); i += length) {
    if (is_word_char_at(token, i, length)) {
      if (!found) begin = i;
      found = true;
      end = i + length;
    }
  }
  return found ? token.substr(begin, end - begin) : std::string_view();
}

std::string bare_word(std::string_view token) {
  std::string word = Xapian::Unicode::tolower(std::string(trim_to_word(token)));
  for (size_t p; (p = word.find(kCurlyApostrophe)) != std::string::npos;) word.replace(p, 3, "'");
  return word;
}

QueryText read_query_text(const std::string& typed) {
  QueryText query;
  std::vector<std::string> tokens = split_tokens(clean(typed));
  if (is_or_list(tokens)) {
    for (size_t i = 1; i < tokens.size(); i += 2) tokens[i] = "OR";
  }
  for (auto& token : tokens) {
    token = with_date_range(std::move(token));
    query.literal = query.literal || is_operator_word(token) || is_love_or_hate(token);
    if (!query.normalised.empty()) query.normalised += ' ';
    query.normalised += token;
  }
  if (query.literal) return query;
  for (auto& token : tokens) {
    if (auto classified = classify(std::move(token)))
      query.tokens.push_back(std::move(*classified));
  }
  return query;
}

}  // namespace briefings
