#include "searcher/snippet_renderer.h"

#include <algorithm>
#include <map>

#include "index/codec.h"
#include "index/schema.h"

namespace briefings {

namespace {

bool is_word_char(unsigned ch) {
  return Xapian::Unicode::is_wordchar(ch);
}
bool is_apostrophe(unsigned ch) {
  return ch == '\'' || ch == 0x2019;
}

unsigned char ascii_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

size_t opening(std::string_view word) {
  return size_t{ascii_lower(static_cast<unsigned char>(word[0]))} << 8 |
         ascii_lower(static_cast<unsigned char>(word[1]));
}

// The character at text[i] and its length in bytes; ASCII without a call into Xapian.
unsigned char_at(std::string_view text, size_t i, size_t& length) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    length = 1;
    return c;
  }
  Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
  Xapian::Utf8Iterator next = it;
  ++next;
  length = next == Xapian::Utf8Iterator() ? text.size() - i : next.raw() - it.raw();
  return *it;
}

bool is_word_char_fast(unsigned ch) {
  if (ch < 0x80) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
  }
  return is_word_char(ch);
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

SnippetRenderer::SnippetRenderer(const std::vector<std::string>& terms) {
  for (const auto& t : terms) {
    const std::string_view stem = schema::free_text_stem(t);
    if (!stem.empty()) stems_.emplace(stem);
  }
  for (const auto& stem : stems_) {
    if (stem.size() < 2) {
      use_openings_ = false;
    } else {
      openings_.set(opening(stem));
    }
  }
}

bool SnippetRenderer::matches(std::string_view word) const {
  if (stems_.empty()) return false;
  // Lower-casing and stemming keep the first two bytes of an ASCII word (a stemmer changes
  // endings only), so the opening test is exact for those; other words take the long way.
  if (use_openings_ && word.size() >= 2 && static_cast<unsigned char>(word[0]) < 0x80 &&
      static_cast<unsigned char>(word[1]) < 0x80 && !openings_.test(opening(word))) {
    return false;
  }
  std::string folded = fold_possessive(Xapian::Unicode::tolower(std::string(word)));
  return stems_.count(stemmer_(folded)) > 0;
}

// Calls on_word(word) for each word (letters and digits, inner apostrophes kept) and
// on_gap(text) for everything between words, in order, covering the whole text.
template <typename OnWord, typename OnGap>
void SnippetRenderer::scan(std::string_view text, OnWord on_word, OnGap on_gap) const {
  size_t i = 0, gap_start = 0, length = 0;
  while (i < text.size()) {
    if (!is_word_char_fast(char_at(text, i, length))) {
      i += length;
      continue;
    }
    size_t start = i;
    while (i < text.size()) {
      unsigned ch = char_at(text, i, length);
      if (is_word_char_fast(ch)) {
        i += length;
        continue;
      }
      if (is_apostrophe(ch) && i + length < text.size()) {
        size_t next_length = 0;
        if (is_word_char_fast(char_at(text, i + length, next_length))) {
          i += length;
          continue;
        }
      }
      break;
    }
    on_gap(text.substr(gap_start, start - gap_start));
    on_word(text.substr(start, i - start));
    gap_start = i;
  }
  on_gap(text.substr(gap_start));
}

std::string SnippetRenderer::highlight(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + 32);
  scan(
      text,
      [&](std::string_view word) {
        if (matches(word)) {
          out += "<mark>";
          out += escape_html(word);
          out += "</mark>";
        } else {
          out += escape_html(word);
        }
      },
      [&](std::string_view gap) { out += escape_html(gap); });
  return out;
}

size_t SnippetRenderer::count_matches(std::string_view text) const {
  size_t n = 0;
  scan(
      text, [&](std::string_view word) { n += matches(word); }, [](std::string_view) {});
  return n;
}

std::string SnippetRenderer::snippet(const Briefing& b, size_t max_chars) const {
  // The text in reading order; the passage is the window of about max_chars bytes that holds
  // the most distinct matched words (then the most matches), found with two pointers over
  // the match positions, and widened to word (or sentence) boundaries.
  std::string text;
  std::vector<size_t> sentence_starts;
  for (const auto& p : b.paragraphs) {
    for (const auto& s : p.sentences) {
      if (!text.empty()) text += ' ';
      sentence_starts.push_back(text.size());
      text += s.text;
    }
  }
  if (text.empty()) return "";
  struct Match {
    size_t start, end;
    std::string word;
  };
  std::vector<Match> found;
  scan(
      text,
      [&](std::string_view word) {
        size_t start = static_cast<size_t>(word.data() - text.data());
        if (matches(word)) {
          found.push_back(
              {start, start + word.size(), Xapian::Unicode::tolower(std::string(word))});
        }
      },
      [](std::string_view) {});

  size_t window_start = 0;
  if (!found.empty()) {
    std::map<std::string, size_t> in_window;
    size_t best_i = 0, best_distinct = 0, best_count = 0, j = 0;
    for (size_t i = 0; i < found.size(); ++i) {
      while (j < found.size() && found[j].end - found[i].start <= max_chars) {
        ++in_window[found[j].word];
        ++j;
      }
      size_t count = j - i;
      if (in_window.size() > best_distinct ||
          (in_window.size() == best_distinct && count > best_count)) {
        best_i = i;
        best_distinct = in_window.size();
        best_count = count;
      }
      if (j > i && --in_window[found[i].word] == 0) in_window.erase(found[i].word);
    }
    // Start at the sentence holding the first match when that keeps the matches in view,
    // else a little before the first match, at a word boundary.
    size_t first = found[best_i].start;
    size_t last_end = first;
    for (size_t k = best_i; k < found.size() && found[k].end - first <= max_chars; ++k) {
      last_end = found[k].end;
    }
    auto sentence = std::upper_bound(sentence_starts.begin(), sentence_starts.end(), first);
    size_t sentence_start = *(sentence - 1);
    if (last_end - sentence_start <= max_chars) {
      window_start = sentence_start;
    } else {
      size_t lead = std::min<size_t>(first, (max_chars - (last_end - first)) / 3);
      window_start = first - lead;
      while (window_start > 0 && text[window_start - 1] != ' ') --window_start;
    }
  }
  size_t window_end = std::min(text.size(), window_start + max_chars);
  if (window_end < text.size()) {
    size_t space = text.rfind(' ', window_end);
    if (space != std::string::npos && space > window_start) window_end = space;
  }
  // Never split a UTF-8 sequence.
  while (window_end < text.size() &&
         (static_cast<unsigned char>(text[window_end]) & 0xC0) == 0x80) {
    ++window_end;
  }
  std::string out = window_start > 0 ? "… " : "";
  out += highlight(std::string_view(text).substr(window_start, window_end - window_start));
  if (window_end < text.size()) out += " …";
  return out;
}

}  // namespace briefings
