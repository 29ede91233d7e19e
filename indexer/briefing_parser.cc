// parse_briefing: the bytes of one saved briefing file -> a Briefing.
//
// Steps, each linear in the input (no std::regex; hand-written scanning):
//
//  1. Refuse what is not a briefing: more than kMaxBriefingBytes ("larger than 1 MiB"), a NUL
//     byte ("binary file (NUL bytes)"), nothing but whitespace ("empty file").
//  2. Repair: drop a UTF-8 byte-order mark, replace invalid UTF-8 by U+FFFD, turn CRLF and lone
//     CR line endings into LF. Each repair adds a warning.
//  3. Cut the app footer: from the first line starting "Get your own daily briefing" to the end.
//  4. Read a leading metadata block: YAML front matter between "---" lines, or "Key: value"
//     lines whose keys are known metadata keys (date, title, source, url, ...). A block of
//     unknown keys (a headline "Breaking: ...") is text. `title` becomes the headline; `date`
//     (or published / created / saved) the date, source `metadata`.
//  5. Headline: the first non-empty line, without Markdown marks ("# ", "**", trailing "#",
//     a setext underline). With a metadata title, the first line is taken as the headline
//     line (and dropped) only when it is a Markdown heading or repeats the title; otherwise it
//     is text. Cut to kMaxHeadlineBytes at a character boundary, with a warning.
//  6. Paragraphs: blocks of lines separated by blank lines, lines joined by a space; a
//     Markdown heading line inside a block stands as its own paragraph. With no blank line at
//     all, each line after the headline is a paragraph ("no blank lines").
//  7. Sentences and citations: indexer/sentence_splitter.h, indexer/citations.h.
//  8. The date: ParseContext::date_override, else metadata, else infer_date_from_text over the
//     headline and sentences (citations already removed, so "(openai.com 2)" is no number),
//     else the UTC day of the file's mtime. An mtime of 0 or less means "unknown": no date.
#include "indexer/briefing_parser.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "indexer/citations.h"
#include "indexer/markdown_lines.h"
#include "indexer/metadata_block.h"
#include "indexer/sentence_splitter.h"
#include "indexer/text_utils.h"

namespace briefings {

namespace {

using namespace indexer;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

ParseOutcome parse(std::string_view bytes, const ParseContext& context) {
  ParseOutcome outcome;
  auto skip = [&](std::string reason) {
    outcome.briefing.reset();
    outcome.skip_reason = std::move(reason);
    return outcome;
  };
  if (bytes.size() > kMaxBriefingBytes) return skip("larger than 1 MiB");
  if (bytes.find('\0') != std::string_view::npos) return skip("binary file (NUL bytes)");
  bool bom = false;
  while (bytes.substr(0, kBom.size()) == kBom) {
    bytes.remove_prefix(kBom.size());
    bom = true;
  }
  if (text::trim(bytes).empty()) return skip("empty file");
  if (bom) outcome.warnings.emplace_back("UTF-8 byte-order mark removed");

  std::string repaired;
  if (text::repair_utf8(bytes, repaired)) outcome.warnings.emplace_back("invalid UTF-8 repaired");
  bool crlf = false, lone_cr = false;
  std::string content = repaired.find('\r') == std::string::npos
                            ? std::move(repaired)
                            : normalise_line_endings(repaired, crlf, lone_cr);
  if (crlf) outcome.warnings.emplace_back("Windows line endings");
  if (lone_cr) outcome.warnings.emplace_back("CR line endings");

  std::vector<std::string_view> lines = split_lines(content);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (is_footer_line(lines[i])) {
      lines.resize(i);
      break;
    }
  }
  size_t first = 0;
  while (first < lines.size() && is_blank(lines[first])) ++first;
  lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(first));
  while (!lines.empty() && is_blank(lines.back())) lines.pop_back();

  Metadata meta = read_metadata(lines);
  lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(meta.lines));

  Briefing briefing;
  // The headline: metadata title, or the first line that has text once Markdown marks and
  // rule lines are dropped.
  size_t pos = 0;
  while (pos < lines.size() && (is_blank(lines[pos]) || is_rule_line(lines[pos]))) ++pos;
  bool headline_from_line = false;
  if (!meta.title.empty()) {
    briefing.headline = meta.title;
    if (pos < lines.size() &&
        (is_atx_heading(lines[pos]) || text::iequals(strip_markdown(lines[pos]), meta.title))) {
      ++pos;
      headline_from_line = true;
    }
  } else {
    while (pos < lines.size()) {
      std::string h = strip_markdown(lines[pos]);
      ++pos;
      if (!h.empty()) {
        briefing.headline = std::move(h);
        headline_from_line = true;
        break;
      }
    }
  }
  if (headline_from_line && pos < lines.size() && is_rule_line(lines[pos]) &&
      text::trim(lines[pos])[0] != '*' && text::trim(lines[pos])[0] != '_') {
    ++pos;  // setext underline ("===" / "---")
  }
  if (briefing.headline.size() > kMaxHeadlineBytes) {
    briefing.headline = std::string(text::utf8_prefix(briefing.headline, kMaxHeadlineBytes));
    while (!briefing.headline.empty() && briefing.headline.back() == ' ') {
      briefing.headline.pop_back();
    }
    outcome.warnings.emplace_back("headline longer than 500 bytes cut");
  }

  // Paragraph blocks.
  std::vector<std::string> blocks;
  bool any_blank = false, any_text = false;
  for (size_t i = pos; i < lines.size(); ++i) {
    if (is_blank(lines[i])) {
      any_blank |= any_text;
    } else {
      any_text = true;
    }
  }
  bool text_right_after_headline =
      headline_from_line && pos < lines.size() && !is_blank(lines[pos]);
  bool line_per_paragraph = false;
  if (any_text && text_right_after_headline) {
    if (!any_blank) {
      outcome.warnings.emplace_back("no blank lines");
      line_per_paragraph = true;
    } else {
      outcome.warnings.emplace_back("no blank line after the headline");
    }
  }
  std::string current;
  auto end_block = [&] {
    if (!current.empty()) blocks.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = pos; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (is_blank(line) || is_rule_line(line)) {
      end_block();
      continue;
    }
    std::string stripped = strip_markdown(line);
    if (stripped.empty()) continue;
    bool heading = is_atx_heading(line);
    if (heading || line_per_paragraph) end_block();
    if (!current.empty()) current += ' ';
    current += stripped;
    if (heading || line_per_paragraph) end_block();
  }
  end_block();

  std::vector<std::string> carry;
  for (const std::string& block : blocks) {
    Paragraph paragraph;
    split_sentences(block, paragraph.sentences, carry);
    if (paragraph.sentences.empty()) {
      // Only citations: they back the previous paragraph's last sentence, if any.
      if (!briefing.paragraphs.empty() && !briefing.paragraphs.back().sentences.empty()) {
        merge_hosts(briefing.paragraphs.back().sentences.back().hosts, std::move(carry));
        carry.clear();
      }
      continue;
    }
    briefing.paragraphs.push_back(std::move(paragraph));
  }
  if (!carry.empty()) {
    if (!briefing.paragraphs.empty()) {
      merge_hosts(briefing.paragraphs.back().sentences.back().hosts, std::move(carry));
    } else {
      // A file of citations only keeps its sources in one sentence without text.
      Paragraph paragraph;
      Sentence sentence;
      merge_hosts(sentence.hosts, std::move(carry));
      paragraph.sentences.push_back(std::move(sentence));
      briefing.paragraphs.push_back(std::move(paragraph));
    }
  }

  if (briefing.headline.empty() && briefing.paragraphs.empty()) return skip("no text");
  if (briefing.headline.empty()) {
    // Possible only with a metadata block and no text line that could be a headline.
    outcome.warnings.emplace_back("no headline");
  }

  // The date, by precedence.
  if (context.date_override && context.date_override->valid()) {
    briefing.date = *context.date_override;
    briefing.date_source = DateSource::option;
  } else {
    std::optional<Date> date;
    if (!meta.date_value.empty()) {
      date = parse_metadata_date(meta.date_value);
      if (date) {
        briefing.date_source = DateSource::metadata;
      } else {
        outcome.warnings.emplace_back("unreadable metadata date");
      }
    }
    if (!date) {
      std::string all = briefing.headline;
      all += '\n';
      for (const auto& p : briefing.paragraphs) {
        for (const auto& s : p.sentences) {
          all += s.text;
          all += '\n';
        }
      }
      date = infer_date_from_text(all, context.today);
      if (date) briefing.date_source = DateSource::text;
    }
    if (!date && context.mtime_seconds > 0) {
      date = Date::from_unix_time(context.mtime_seconds);
      briefing.date_source = DateSource::mtime;
    }
    if (date && date->valid()) {
      briefing.date = *date;
    } else {
      briefing.date_source = DateSource::none;
    }
  }
  outcome.briefing = std::move(briefing);
  return outcome;
}

}  // namespace

ParseOutcome parse_briefing(std::string_view bytes, const ParseContext& context) {
  try {
    return parse(bytes, context);
  } catch (const std::exception& e) {
    ParseOutcome outcome;
    outcome.skip_reason = std::string("parser error: ") + e.what();
    return outcome;
  } catch (...) {
    ParseOutcome outcome;
    outcome.skip_reason = "parser error";
    return outcome;
  }
}

}  // namespace briefings
