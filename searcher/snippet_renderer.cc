#include "searcher/snippet_renderer.h"

#include <algorithm>
#include <map>

#include "index/codec.h"

namespace briefings {

namespace {

bool is_word_char(unsigned ch) {
  return Xapian::Unicode::is_wordchar(ch);
}
bool is_apostrophe(unsigned ch) {
  return ch == '\'' || ch == 0x2019;
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
    if (t.empty()) continue;
    if (t.rfind("ZS", 0) == 0) {
      stems_.insert(t.substr(2));
    } else if (t[0] == 'Z') {
      stems_.insert(t.substr(1));
    } else if (t[0] == 'S' && t.size() > 1) {
      words_.insert(t.substr(1));
    } else if (!(t[0] >= 'A' && t[0] <= 'Z')) {
      words_.insert(t);
    }
  }
}

bool SnippetRenderer::matches(std::string_view word) const {
  if (words_.empty() && stems_.empty()) return false;
  std::string lower = Xapian::Unicode::tolower(std::string(word));
  std::string folded = fold_possessive(lower);
  if (words_.count(lower) || words_.count(folded)) return true;
  return stems_.count(stemmer_(folded)) > 0;
}

// Calls on_word(word) for each word (letters and digits, inner apostrophes kept) and
// on_gap(text) for everything between words, in order, covering the whole text.
template <typename OnWord, typename OnGap>
void SnippetRenderer::scan(std::string_view text, OnWord on_word, OnGap on_gap) const {
  Xapian::Utf8Iterator it(text.data(), text.size()), end;
  const char* base = text.data();
  size_t gap_start = 0;
  while (it != end) {
    if (!is_word_char(*it)) {
      ++it;
      continue;
    }
    size_t start = it.raw() - base;
    while (it != end) {
      if (is_word_char(*it)) {
        ++it;
        continue;
      }
      if (is_apostrophe(*it)) {
        Xapian::Utf8Iterator next = it;
        ++next;
        if (next != end && is_word_char(*next)) {
          it = next;
          continue;
        }
      }
      break;
    }
    size_t stop = (it == end) ? text.size() : static_cast<size_t>(it.raw() - base);
    on_gap(text.substr(gap_start, start - gap_start));
    on_word(text.substr(start, stop - start));
    gap_start = stop;
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
