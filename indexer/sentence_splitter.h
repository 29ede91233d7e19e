// Sentence splitter: one paragraph's text -> its sentences, each with the hosts it cites.
//
// A sentence ends at '.', '!' or '?' (plus closing quotes or brackets) followed by whitespace
// and a sentence start (upper-case letter, digit, opening quote, non-citation '('), unless
// the '.' ends an abbreviation ("U.S.", "Dr.", "Oct. 28"); or at a citation group.
//
// A citation group is one or more "(host)" / "(host N)" (indexer/citations.h) separated by
// whitespace. Its hosts go to the sentence it follows. The group closes that sentence when
// the paragraph ends after it, when a sentence start follows it, or when the text before it
// ends with '.', '!' or '?' and no lower-case letter follows. Otherwise the group stands in
// the middle of a sentence ("a report (example.com) said that ..."): we still treat it as a
// citation (a host in parentheses is a source, not prose), credit it to the sentence and
// keep the sentence going. That way citation text never reaches sentence text.
//
// Ownership: owns nothing; the sentences it returns are the caller's.
// Thread-safety: a pure function; call it from any thread. Linear in the paragraph.
// Internal to indexer/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "index/briefing.h"

namespace briefings::indexer {

// Appends the sentences of `paragraph` to `out`. Hosts cited before any text in the
// paragraph go to its first sentence; `carry` brings in the hosts of a previous paragraph
// that had no text, and passes back those of this one when it has none.
void split_sentences(std::string_view paragraph, std::vector<Sentence>& out,
                     std::vector<std::string>& carry);

}  // namespace briefings::indexer
