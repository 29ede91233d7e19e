// Markdown lines: how the parser sees the lines of a briefing file, plain text or a
// Markdown copy. Splitting normalised text into lines, line endings, blank and rule lines,
// ATX headings ("# Title"), the marks to strip from a line ("#", "> ", "**", "__"), and the
// app's footer line ("Get your own daily briefing ...").
//
// Thread-safety: pure functions on bytes (ASCII classification only); call them from any
// thread. Internal to indexer/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefings::indexer {

// Splits normalised text (LF only) into lines, right-trimmed.
std::vector<std::string_view> split_lines(std::string_view s);

// Normalises line endings to LF, noting which kinds were seen.
std::string normalise_line_endings(std::string_view in, bool& crlf, bool& lone_cr);

bool is_blank(std::string_view line);

// A thematic break or setext underline: "---", "***", "===" (3+ of one of -*_=).
bool is_rule_line(std::string_view line);

// "# Heading" to "###### Heading".
bool is_atx_heading(std::string_view line);

// Removes Markdown marks from a line: leading "#"s (and closing ones), a "> " quote marker,
// and every "**" / "__" emphasis marker; collapses whitespace.
std::string strip_markdown(std::string_view line);

// The first line of the app's footer, maybe with Markdown marks before it.
bool is_footer_line(std::string_view line);

}  // namespace briefings::indexer
