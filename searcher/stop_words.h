// Stop words: English function words, which a query of plain words need not match.
//
// A word such as "what", "did", "the" or "about" carries no topic of its own, so a plain-word
// query ignores it: it is not required, never reported as missing and never corrected. It
// still counts inside a phrase ("the who"), and a query made only of such words ("to be or
// not to be") uses them all, since then they are all the query has.
//
// Pure functions over a fixed table; thread-safe.
#pragma once

#include <string_view>

namespace briefings {

// True when `lower_case_word` (already lower-cased, no punctuation) is a stop word.
bool is_stop_word(std::string_view lower_case_word);

}  // namespace briefings
