#include "indexer/sentence_splitter.h"

#include <array>
#include <utility>

#include "indexer/citations.h"
#include "indexer/text_utils.h"

namespace briefings::indexer {

namespace {

using text::is_alnum;
using text::is_alpha;
using text::is_digit;
using text::is_space;
using text::is_upper;

constexpr std::string_view kLeftDoubleQuote = "\xE2\x80\x9C";   // “
constexpr std::string_view kRightDoubleQuote = "\xE2\x80\x9D";  // ”
constexpr std::string_view kLeftSingleQuote = "\xE2\x80\x98";   // ‘
constexpr std::string_view kRightSingleQuote = "\xE2\x80\x99";  // ’

bool starts_with_at(std::string_view s, size_t i, std::string_view what) {
  return s.size() >= i + what.size() && s.substr(i, what.size()) == what;
}

bool is_terminal(char c) {
  return c == '.' || c == '!' || c == '?';
}

// Can a sentence start at s[k]? An upper-case letter, a digit, an opening quote, or a '('
// that is not a citation.
bool starts_sentence(std::string_view s, size_t k) {
  char c = s[k];
  if (is_upper(c) || is_digit(c) || c == '"' || c == '\'' || c == '[' || c == '*') return true;
  if (starts_with_at(s, k, kLeftDoubleQuote) || starts_with_at(s, k, kLeftSingleQuote)) {
    return true;
  }
  // Latin-1 upper-case letters (À..Þ except ×).
  if (static_cast<unsigned char>(c) == 0xC3 && k + 1 < s.size()) {
    auto n = static_cast<unsigned char>(s[k + 1]);
    if (n >= 0x80 && n <= 0x9E && n != 0x97) return true;
  }
  if (c == '(') {
    size_t end = 0;
    std::vector<std::string> ignored;
    return !match_citation(s, k, end, ignored);
  }
  return false;
}

// Length of a closing quote or bracket at s[i] (0 if none).
size_t closer_at(std::string_view s, size_t i) {
  char c = s[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  if (starts_with_at(s, i, kRightDoubleQuote) || starts_with_at(s, i, kRightSingleQuote)) return 3;
  return 0;
}

// Does the text end a sentence: '.', '!' or '?', maybe followed by closing quotes/brackets?
bool ends_with_terminal(std::string_view t) {
  size_t e = t.size();
  for (;;) {
    if (e == 0) return false;
    char c = t[e - 1];
    if (c == '.' || c == '!' || c == '?') return true;
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      --e;
    } else if (e >= 3 && (t.substr(e - 3, 3) == kRightDoubleQuote ||
                          t.substr(e - 3, 3) == kRightSingleQuote)) {
      e -= 3;
    } else {
      return false;
    }
  }
}

constexpr std::array<std::string_view, 29> kTitles = {
    "mr",  "mrs", "ms",   "dr",  "prof", "sr",  "jr",   "st",   "gen",   "gov",
    "sen", "rep", "lt",   "col", "capt", "sgt", "rev",  "hon",  "inc",   "corp",
    "ltd", "co",  "bros", "vs",  "mt",   "ft",  "dept", "univ", "approx"};
constexpr std::array<std::string_view, 20> kBeforeNumber = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no",  "nos", "vol", "p",   "pp",  "fig", "art",  "sec"};

// `t` ends with '.' (and a space and `next` follow): is that '.' part of an abbreviation
// rather than the end of a sentence? Initials and dotted letters ("U.S.", "e.g.", "J."),
// titles and company words ("Mr.", "Dr.", "Inc."), and words that precede a number
// ("Oct. 28", "No. 5") when a digit follows.
bool is_abbreviation(std::string_view t, char next) {
  if (t.empty() || t.back() != '.') return false;
  size_t e = t.size() - 1;
  size_t b = e;
  while (b > 0 && t[b - 1] != ' ') --b;
  while (b < e && !is_alnum(t[b])) ++b;  // opening quotes, brackets
  std::string_view word = t.substr(b, e - b);
  if (word.empty()) return false;
  // Single letters separated by dots: "U.S", "e.g", "a.m", or an initial "J".
  bool dotted = true;
  size_t letters = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    bool letter_slot = i % 2 == 0;
    if (letter_slot ? !is_alpha(word[i]) : word[i] != '.') {
      dotted = false;
      break;
    }
    letters += letter_slot;
  }
  if (dotted && word.size() % 2 == 1) {
    if (letters >= 2) return true;
    if (letters == 1 && is_upper(word[0])) return true;
  }
  std::string lower = text::to_lower(word);
  for (auto title : kTitles) {
    if (lower == title) return true;
  }
  if (is_digit(next)) {
    for (auto w : kBeforeNumber) {
      if (lower == w) return true;
    }
  }
  return false;
}

class SentenceBuilder {
 public:
  explicit SentenceBuilder(std::vector<Sentence>& out) : out_(out) {}

  std::string text;
  std::vector<std::string> hosts;

  // Ends the current sentence. A sentence with no text (citations before any text) keeps
  // its hosts for the previous sentence of the paragraph, or else for the next one.
  void flush() {
    std::vector<std::string> found = std::move(hosts);
    hosts.clear();
    std::string clean = strip_citations(text, found);
    text.clear();
    if (clean.empty()) {
      if (!out_.empty() && !carried_into_next_) {
        merge_hosts(out_.back().hosts, std::move(found));
      } else {
        hosts = std::move(found);
      }
      return;
    }
    Sentence s;
    s.text = std::move(clean);
    merge_hosts(s.hosts, std::move(found));
    out_.push_back(std::move(s));
    carried_into_next_ = false;
  }
  void carry_in(std::vector<std::string>&& carried) {
    hosts = std::move(carried);
    carried_into_next_ = !hosts.empty();
  }

 private:
  std::vector<Sentence>& out_;
  bool carried_into_next_ = false;
};

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

// Walks one paragraph byte by byte, deciding at each space, '(' and terminal whether a
// sentence ends; the bytes in between are copied in runs.
class Splitter {
 public:
  Splitter(std::string_view paragraph, std::vector<Sentence>& out, std::vector<std::string>& carry)
      : p_(paragraph), builder_(out) {
    builder_.carry_in(std::move(carry));
    carry.clear();
    builder_.text.reserve(p_.size());
  }

  // Splits the whole paragraph; returns the hosts no sentence took.
  std::vector<std::string> run() {
    while (i_ < p_.size()) step();
    builder_.flush();
    return std::move(builder_.hosts);
  }

 private:
  void step() {
    const char c = p_[i_];
    if (is_space(c)) {
      space_ = true;
      ++i_;
      return;
    }
    if (c == '(' && take_citation_group()) return;
    if (space_ && !builder_.text.empty() && !(after_citation_ && is_closing_punct(c))) {
      builder_.text += ' ';
    }
    space_ = false;
    after_citation_ = false;
    if (is_terminal(c)) {
      take_terminal();
    } else {
      take_run();
    }
  }

  // A citation group at i_: its hosts go to the current sentence, which it may close.
  bool take_citation_group() {
    const size_t end = match_citation_group(p_, i_, builder_.hosts);
    if (end == i_) return false;
    const size_t next = skip_spaces(p_, end);
    const bool closes = next >= p_.size() || starts_sentence(p_, next) ||
                        (ends_with_terminal(builder_.text) && !text::is_lower(p_[next]));
    if (closes) {
      builder_.flush();
      space_ = false;
      after_citation_ = false;
    } else {
      after_citation_ = true;
    }
    i_ = end;
    return true;
  }

  // Copies the bytes up to the next one that needs a decision.
  void take_run() {
    size_t run = i_ + 1;
    while (run < p_.size() && !is_space(p_[run]) && p_[run] != '(' && !is_terminal(p_[run])) {
      ++run;
    }
    builder_.text.append(p_.data() + i_, run - i_);
    i_ = run;
  }

  // A '.', '!' or '?' with the terminals and closing quotes or brackets right after it; the
  // sentence ends there when a sentence start follows and it is no abbreviation.
  void take_terminal() {
    builder_.text += p_[i_++];
    while (i_ < p_.size()) {
      const size_t len = is_terminal(p_[i_]) ? 1 : closer_at(p_, i_);
      if (len == 0) break;
      builder_.text.append(p_.substr(i_, len));
      i_ += len;
    }
    const size_t next = skip_spaces(p_, i_);
    if (next > i_ && next < p_.size() && starts_sentence(p_, next) &&
        !is_abbreviation(builder_.text, p_[next])) {
      builder_.flush();
      i_ = next;
    }
  }

  const std::string_view p_;
  SentenceBuilder builder_;
  size_t i_ = 0;
  bool space_ = false;           // whitespace since the last byte copied
  bool after_citation_ = false;  // a citation group since the last byte copied
};

}  // namespace

void split_sentences(std::string_view paragraph, std::vector<Sentence>& out,
                     std::vector<std::string>& carry) {
  carry = Splitter(paragraph, out, carry).run();
}

}  // namespace briefings::indexer
