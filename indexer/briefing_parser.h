// The briefing parser (parse_briefing): the bytes of one saved briefing file -> a Briefing.
//
// Understands the app's plain-text shape (headline, blank line, summary paragraph, body
// paragraphs, app footer), Markdown copies ("# Headline"), a leading metadata block
// ("Date: 2026-04-12" / "Source: ..." lines, or YAML front matter between "---" lines),
// citations "(host)" / "(host N)" closing sentences, and the usual damage: CRLF line
// endings, a UTF-8 byte-order mark, invalid UTF-8, missing blank lines, missing footer.
// The date is chosen by the precedence described at ParseContext.
//
// The result never contains citation text in sentence text, and never the app footer.
// Ownership: owns nothing; the Briefing it returns is the caller's.
// Thread-safety: parse_briefing is a pure function; call it from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/briefing.h"

namespace briefings {

// Files larger than this are not indexed.
inline constexpr size_t kMaxBriefingBytes = 1 << 20;
// Headlines longer than this (in bytes) are cut at a character boundary, with a warning.
inline constexpr size_t kMaxHeadlineBytes = 500;

struct ParseContext {
  std::string path;                   // for messages only
  std::optional<Date> date_override;  // `briefings index --date`: wins over everything
  long long mtime_seconds = 0;        // the file's mtime: the date of last resort
  Date today;                         // dates after this are never inferred from text
};

struct ParseOutcome {
  // Empty when the file is not indexed; `skip_reason` then says why in a few words
  // ("empty file", "binary file (NUL bytes)", "larger than 1 MiB", "no text").
  std::optional<Briefing> briefing;
  std::string skip_reason;
  // One short phrase per problem that was repaired, e.g. "invalid UTF-8 repaired",
  // "Windows line endings", "no blank line after the headline".
  std::vector<std::string> warnings;
};

// Parses a file's bytes. `briefing.paths` is left empty and `briefing.id` unset: the
// caller owns paths and computes the content id (index/codec.h).
ParseOutcome parse_briefing(std::string_view bytes, const ParseContext& context);

// Date inference from text alone, exposed for tests and for the parser's metadata step.
// Returns the date the text gives itself: a dateline's, else the latest date it reports
// (rules at the top of date_inference.cc). An invalid `today` means "no upper bound";
// yearless dates then need a year from the text.
std::optional<Date> infer_date_from_text(std::string_view text, const Date& today);

}  // namespace briefings
