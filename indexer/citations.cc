#include "indexer/citations.h"

#include <algorithm>
#include <unordered_set>

#include "index/host_names.h"
#include "indexer/text_utils.h"

namespace briefings::indexer {

namespace {

using text::is_alnum;
using text::is_digit;
using text::is_space;

bool citation_char(char c) {
  return is_alnum(c) || c == '.' || c == '-' || c == ',' || c == ';' || is_space(c);
}

}  // namespace

void merge_hosts(std::vector<std::string>& dst, std::vector<std::string>&& src) {
  if (dst.size() + src.size() <= 16) {
    for (auto& h : src) {
      if (std::find(dst.begin(), dst.end(), h) == dst.end()) dst.push_back(std::move(h));
    }
    return;
  }
  std::unordered_set<std::string> seen(dst.begin(), dst.end());
  for (auto& h : src) {
    if (seen.insert(h).second) dst.push_back(std::move(h));
  }
}

bool parse_citation_content(std::string_view content, std::vector<std::string>& hosts) {
  if (content.empty() || content.size() > kMaxCitationBytes) return false;
  for (char c : content) {
    if (!citation_char(c)) return false;
  }
  std::vector<std::string> found;
  size_t start = 0;
  for (;;) {
    size_t sep = content.find_first_of(",;", start);
    std::string_view item = text::trim(content.substr(
        start, sep == std::string_view::npos ? std::string_view::npos : sep - start));
    size_t gap = 0;
    while (gap < item.size() && !is_space(item[gap])) ++gap;
    std::string_view host = item.substr(0, gap);
    std::string_view num = text::trim(item.substr(gap));
    if (host.empty() || host.find('.') == std::string_view::npos) return false;
    if (num.size() > 3) return false;
    for (char c : num) {
      if (!is_digit(c)) return false;
    }
    std::string normalized = schema::normalize_host(host);
    if (normalized.empty() || !schema::has_known_suffix(normalized)) return false;
    found.push_back(std::move(normalized));
    if (sep == std::string_view::npos) break;
    start = sep + 1;
  }
  for (auto& h : found) hosts.push_back(std::move(h));
  return true;
}

// Bounded look-ahead: stops at the first byte that cannot be in a citation, so "((((..."
// costs O(1) per byte.
bool match_citation(std::string_view s, size_t i, size_t& end, std::vector<std::string>& hosts) {
  if (i >= s.size() || s[i] != '(') return false;
  size_t j = i + 1;
  while (j < s.size() && j - i <= kMaxCitationBytes + 1 && s[j] != ')') {
    if (!citation_char(s[j])) return false;
    ++j;
  }
  if (j >= s.size() || s[j] != ')') return false;
  if (!parse_citation_content(s.substr(i + 1, j - i - 1), hosts)) return false;
  end = j + 1;
  return true;
}

size_t match_citation_group(std::string_view s, size_t i, std::vector<std::string>& hosts) {
  size_t end = 0;
  if (!match_citation(s, i, end, hosts)) return i;
  for (;;) {
    size_t next = end;
    while (next < s.size() && is_space(s[next])) ++next;
    if (next >= s.size() || s[next] != '(' || !match_citation(s, next, end, hosts)) return end;
  }
}

bool is_closing_punct(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')';
}

// One pass with a stack of open '(' positions in the output: at each ')' the text since the
// innermost open '(' is checked (bounded by kMaxCitationBytes) and cut when it is a citation.
std::string strip_citations(std::string_view in, std::vector<std::string>& hosts) {
  // Sentence text is built with single spaces already; only a cut can leave a double one.
  if (in.find(')') == std::string_view::npos) return std::string(in);
  std::string out;
  out.reserve(in.size());
  std::vector<size_t> open;
  bool pending_space = false, after_cut = false;
  for (char c : in) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (c == ')' && !open.empty()) {
      size_t p = open.back();
      open.pop_back();
      std::string_view inside(out.data() + p + 1, out.size() - p - 1);
      if (parse_citation_content(inside, hosts)) {
        out.resize(p);
        while (!out.empty() && out.back() == ' ') out.pop_back();
        pending_space = false;
        after_cut = true;
        continue;
      }
    }
    if (pending_space && !out.empty() && !(after_cut && is_closing_punct(c))) out += ' ';
    pending_space = false;
    after_cut = false;
    if (c == '(') open.push_back(out.size());
    out += c;
  }
  return out;
}

}  // namespace briefings::indexer
