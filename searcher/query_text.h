// QueryText: a query as typed, read into the pieces the searcher treats differently.
//
// A query is literal or plain:
//  * Literal: it uses an explicit operator (AND, OR, NOT, XOR, NEAR, ADJ in capitals, +word,
//    -word), or it is words joined by lower-case "or" ("trains or buses"). The QueryParser
//    reads it whole, as docs/query-syntax.md says; parentheses group only here.
//  * Plain: everything else, however long. It is a sequence of tokens: words (punctuation
//    around a word is not part of it), stop words (searcher/stop_words.h), phrases ("..."),
//    free-text fields (headline:word), wildcards (word*) and filters (domain:, year:,
//    month:, day:, date:). The searcher matches its content tokens "all of them, else as
//    many as possible" (searcher/searcher.h).
//
// Before either, control characters become spaces, possessives are folded ("OpenAI’s" ->
// "OpenAI") and a bare date field becomes a range ("date:2026-04" -> "date:2026-04..2026-04").
//
// Ownership: a QueryText owns copies of its pieces.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefings {

struct QueryToken {
  enum class Kind { word, stop_word, phrase, field, wildcard, filter };
  Kind kind = Kind::word;
  std::string text;  // as the QueryParser should read it
};

struct QueryText {
  std::string normalised;  // the whole query after the normalisation above
  bool literal = false;    // read `normalised` whole; `tokens` is then empty
  std::vector<QueryToken> tokens;

  bool blank() const { return normalised.find_first_not_of(' ') == std::string::npos; }
};

QueryText read_query_text(const std::string& typed);

// A token without the punctuation around it: "(Amazon’s," -> "Amazon’s"; empty when it has no
// letter or digit.
std::string_view trim_to_word(std::string_view token);
// trim_to_word, lower-cased, with ’ as ': "Amazon’s," ->
// "amazon’s" is "amazon's". Empty when the token has no letter or digit.
std::string bare_word(std::string_view token);

// AND, OR, NOT, XOR, NEAR, ADJ (also NEAR/5, ADJ/3): the parser's operators in capitals.
bool is_operator_word(std::string_view token);

}  // namespace briefings
