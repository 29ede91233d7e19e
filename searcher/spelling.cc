#include "searcher/spelling.h"

#include <algorithm>

#include "searcher/query_text.h"
#include "searcher/stop_words.h"

namespace briefings {

namespace {

bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_ascii_lower(char c) {
  return c >= 'a' && c <= 'z';
}

// Could this token (its word as typed, and lower-cased) be a misspelling we may fix?
bool correctable(std::string_view token, std::string_view word, const std::string& bare) {
  if (bare.size() < 3 || is_stop_word(bare) || is_operator_word(word)) return false;
  if (token[0] == '+' || token[0] == '-' || token.find_first_of(":*") != std::string_view::npos)
    return false;
  for (char c : bare) {
    if ((c >= '0' && c <= '9') || c == '.' || c == '@' || c == '/' || c == ':' || c == '*')
      return false;
  }
  return true;
}

// True when some briefing holds the word: its stem is a term, or it is in the spelling data.
bool known(const Xapian::Database& db, const Xapian::Stem& stem, const std::string& bare) {
  if (db.term_exists(stem(bare))) return true;
  auto it = db.spellings_begin();
  it.skip_to(bare);
  return it != db.spellings_end() && *it == bare;
}

// The suggestion with the typed word's capitals: "Bedrok" -> "Bedrock", "NASDQ" -> "NASDAQ".
std::string with_case_of(std::string_view typed, std::string suggestion) {
  const bool all_upper =
      typed.size() >= 2 && std::none_of(typed.begin(), typed.end(), is_ascii_lower);
  for (size_t i = 0; i < suggestion.size(); ++i) {
    const bool upper = all_upper || (i == 0 && is_ascii_upper(typed[0]));
    if (upper && is_ascii_lower(suggestion[i]))
      suggestion[i] = static_cast<char>(suggestion[i] - 32);
  }
  return suggestion;
}

// One whitespace-separated token of the typed query, and where it stands.
struct Token {
  size_t begin, end;
  bool quoted;  // inside a phrase, or holding a quote
};

std::vector<Token> tokens_of(const std::string& text) {
  std::vector<Token> out;
  bool in_quotes = false;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
      ++i;
      continue;
    }
    const size_t begin = i;
    bool has_quote = false;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n') {
      has_quote |= text[i] == '"';
      ++i;
    }
    out.push_back({begin, i, in_quotes || has_quote});
    for (size_t k = begin; k < i; ++k) in_quotes ^= text[k] == '"';
  }
  return out;
}

}  // namespace

std::optional<CorrectedQuery> correct_spelling(const Xapian::Database& db,
                                               const std::string& typed) {
  const Xapian::Stem stem("english");
  CorrectedQuery corrected;
  size_t copied = 0, lookups = 0;
  for (const Token& token : tokens_of(typed)) {
    const std::string_view text =
        std::string_view(typed).substr(token.begin, token.end - token.begin);
    if (token.quoted) continue;
    const std::string_view word = trim_to_word(text);
    const std::string bare = bare_word(text);
    if (!correctable(text, word, bare) || known(db, stem, bare)) continue;
    if (lookups++ == kMaxSpellingLookups) break;
    const std::string suggestion = db.get_spelling_suggestion(bare);
    if (suggestion.empty() || suggestion == bare) continue;
    const size_t at = static_cast<size_t>(word.data() - typed.data());
    corrected.text += typed.substr(copied, at - copied);
    const std::string replacement = with_case_of(word, suggestion);
    corrected.text += replacement;
    copied = at + word.size();
    corrected.changes.push_back({std::string(word), replacement});
  }
  if (corrected.changes.empty()) return std::nullopt;
  corrected.text += typed.substr(copied);
  return corrected;
}

}  // namespace briefings
