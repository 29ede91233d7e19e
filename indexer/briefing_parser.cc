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

// Steps 1 and 2: the text of a file, repaired, with LF line endings; nothing (and
// `outcome.skip_reason` set) when it is not a briefing.
std::optional<std::string> decode(std::string_view bytes, ParseOutcome& outcome) {
  if (bytes.size() > kMaxBriefingBytes) {
    outcome.skip_reason = "larger than 1 MiB";
    return std::nullopt;
  }
  if (bytes.find('\0') != std::string_view::npos) {
    outcome.skip_reason = "binary file (NUL bytes)";
    return std::nullopt;
  }
  bool bom = false;
  while (bytes.substr(0, kBom.size()) == kBom) {
    bytes.remove_prefix(kBom.size());
    bom = true;
  }
  if (text::trim(bytes).empty()) {
    outcome.skip_reason = "empty file";
    return std::nullopt;
  }
  if (bom) outcome.warnings.emplace_back("UTF-8 byte-order mark removed");

  std::string repaired;
  if (text::repair_utf8(bytes, repaired)) outcome.warnings.emplace_back("invalid UTF-8 repaired");
  if (repaired.find('\r') == std::string::npos) return repaired;
  bool crlf = false, lone_cr = false;
  std::string content = normalise_line_endings(repaired, crlf, lone_cr);
  if (crlf) outcome.warnings.emplace_back("Windows line endings");
  if (lone_cr) outcome.warnings.emplace_back("CR line endings");
  return content;
}

// Step 3 and the frame of the text: its lines up to the app footer, without the blank
// lines before and after.
std::vector<std::string_view> frame_lines(std::string_view content) {
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
  return lines;
}

// Step 4: reads the metadata block and takes its lines off `lines`.
Metadata take_metadata(std::vector<std::string_view>& lines) {
  Metadata meta = read_metadata(lines);
  lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(meta.lines));
  return meta;
}

// Where the headline left the lines: the body starts at `body`; `from_line` says a line
// of the text was the headline (not only the metadata title).
struct HeadlinePlace {
  size_t body = 0;
  bool from_line = false;
};

// Step 5: the metadata title, or the first line that has text once Markdown marks and rule
// lines are dropped.
HeadlinePlace read_headline(const std::vector<std::string_view>& lines, const std::string& title,
                            std::string& headline) {
  HeadlinePlace place;
  size_t& pos = place.body;
  while (pos < lines.size() && (is_blank(lines[pos]) || is_rule_line(lines[pos]))) ++pos;
  if (!title.empty()) {
    headline = title;
    if (pos < lines.size() &&
        (is_atx_heading(lines[pos]) || text::iequals(strip_markdown(lines[pos]), title))) {
      ++pos;
      place.from_line = true;
    }
  } else {
    while (pos < lines.size() && headline.empty()) headline = strip_markdown(lines[pos++]);
    place.from_line = !headline.empty();
  }
  if (place.from_line && pos < lines.size() && is_rule_line(lines[pos]) &&
      text::trim(lines[pos])[0] != '*' && text::trim(lines[pos])[0] != '_') {
    ++pos;  // setext underline ("===" / "---")
  }
  return place;
}

void cut_long_headline(std::string& headline, std::vector<std::string>& warnings) {
  if (headline.size() <= kMaxHeadlineBytes) return;
  headline = std::string(text::utf8_prefix(headline, kMaxHeadlineBytes));
  while (!headline.empty() && headline.back() == ' ') headline.pop_back();
  warnings.emplace_back("headline longer than 500 bytes cut");
}

// True when each line is its own paragraph: text right after the headline and no blank
// line anywhere in the body. Warns about the missing blank lines.
bool line_per_paragraph(const std::vector<std::string_view>& lines, const HeadlinePlace& place,
                        std::vector<std::string>& warnings) {
  bool any_blank = false, any_text = false;
  for (size_t i = place.body; i < lines.size(); ++i) {
    if (is_blank(lines[i])) {
      any_blank |= any_text;
    } else {
      any_text = true;
    }
  }
  const bool text_right_after_headline =
      place.from_line && place.body < lines.size() && !is_blank(lines[place.body]);
  if (!any_text || !text_right_after_headline) return false;
  warnings.emplace_back(any_blank ? "no blank line after the headline" : "no blank lines");
  return !any_blank;
}

// Step 6: the body's paragraph blocks, lines joined by a space, Markdown marks dropped.
std::vector<std::string> read_blocks(const std::vector<std::string_view>& lines,
                                     const HeadlinePlace& place,
                                     std::vector<std::string>& warnings) {
  const bool one_per_line = line_per_paragraph(lines, place, warnings);
  std::vector<std::string> blocks;
  std::string current;
  auto end_block = [&] {
    if (!current.empty()) blocks.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = place.body; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (is_blank(line) || is_rule_line(line)) {
      end_block();
      continue;
    }
    std::string stripped = strip_markdown(line);
    if (stripped.empty()) continue;
    const bool alone = one_per_line || is_atx_heading(line);
    if (alone) end_block();
    if (!current.empty()) current += ' ';
    current += stripped;
    if (alone) end_block();
  }
  end_block();
  return blocks;
}

// Step 7: the paragraphs and their sentences. Citations standing alone back the sentence
// before them; a file of citations only keeps its sources in one sentence without text.
std::vector<Paragraph> split_paragraphs(const std::vector<std::string>& blocks) {
  std::vector<Paragraph> paragraphs;
  std::vector<std::string> carry;
  for (const std::string& block : blocks) {
    Paragraph paragraph;
    split_sentences(block, paragraph.sentences, carry);
    if (!paragraph.sentences.empty()) {
      paragraphs.push_back(std::move(paragraph));
    } else if (!paragraphs.empty() && !paragraphs.back().sentences.empty()) {
      merge_hosts(paragraphs.back().sentences.back().hosts, std::move(carry));
      carry.clear();
    }
  }
  if (carry.empty()) return paragraphs;
  if (paragraphs.empty()) paragraphs.emplace_back().sentences.emplace_back();
  merge_hosts(paragraphs.back().sentences.back().hosts, std::move(carry));
  return paragraphs;
}

// Step 8: the date, by precedence.
void choose_date(Briefing& briefing, const Metadata& meta, const ParseContext& context,
                 std::vector<std::string>& warnings) {
  if (context.date_override && context.date_override->valid()) {
    briefing.date = *context.date_override;
    briefing.date_source = DateSource::option;
    return;
  }
  std::optional<Date> date;
  if (!meta.date_value.empty()) {
    date = parse_metadata_date(meta.date_value);
    if (date) {
      briefing.date_source = DateSource::metadata;
    } else {
      warnings.emplace_back("unreadable metadata date");
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

ParseOutcome parse(std::string_view bytes, const ParseContext& context) {
  ParseOutcome outcome;
  std::optional<std::string> content = decode(bytes, outcome);
  if (!content) return outcome;
  std::vector<std::string_view> lines = frame_lines(*content);
  const Metadata meta = take_metadata(lines);

  Briefing briefing;
  const HeadlinePlace headline = read_headline(lines, meta.title, briefing.headline);
  cut_long_headline(briefing.headline, outcome.warnings);
  briefing.paragraphs = split_paragraphs(read_blocks(lines, headline, outcome.warnings));
  if (briefing.headline.empty() && briefing.paragraphs.empty()) {
    outcome.skip_reason = "no text";
    return outcome;
  }
  if (briefing.headline.empty()) {
    // Possible only with a metadata block and no text line that could be a headline.
    outcome.warnings.emplace_back("no headline");
  }
  choose_date(briefing, meta, context, outcome.warnings);
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
