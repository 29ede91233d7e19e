#include "indexer/markdown_lines.h"

#include "indexer/text_utils.h"

namespace briefings::indexer {

namespace {

using text::is_space;

constexpr std::string_view kFooterStart = "Get your own daily briefing";

}  // namespace

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    size_t end = nl == std::string_view::npos ? s.size() : nl;
    std::string_view line = s.substr(start, end - start);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string normalise_line_endings(std::string_view in, bool& crlf, bool& lone_cr) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\r') {
      out += in[i];
    } else if (i + 1 < in.size() && in[i + 1] == '\n') {
      crlf = true;
    } else {
      lone_cr = true;
      out += '\n';
    }
  }
  return out;
}

bool is_blank(std::string_view line) {
  return text::trim(line).empty();
}

bool is_rule_line(std::string_view line) {
  std::string_view t = text::trim(line);
  if (t.size() < 3) return false;
  char c = t[0];
  if (c != '-' && c != '*' && c != '_' && c != '=') return false;
  for (char x : t) {
    if (x != c && x != ' ') return false;
  }
  return true;
}

bool is_atx_heading(std::string_view line) {
  std::string_view t = text::trim(line);
  size_t h = 0;
  while (h < t.size() && t[h] == '#') ++h;
  return h >= 1 && h <= 6 && (h == t.size() || t[h] == ' ' || t[h] == '\t');
}

std::string strip_markdown(std::string_view line) {
  std::string_view t = text::trim(line);
  if (is_atx_heading(t)) {
    size_t h = 0;
    while (h < t.size() && t[h] == '#') ++h;
    t = text::trim(t.substr(h));
    size_t e = t.size();
    while (e > 0 && t[e - 1] == '#') --e;
    if (e < t.size() && (e == 0 || t[e - 1] == ' ')) t = text::trim(t.substr(0, e));
  } else if (!t.empty() && t[0] == '>') {
    t = text::trim(t.substr(1));
  }
  if (t.find("**") == std::string_view::npos && t.find("__") == std::string_view::npos) {
    return text::collapse_spaces(t);
  }
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    if ((t[i] == '*' || t[i] == '_') && i + 1 < t.size() && t[i + 1] == t[i]) {
      ++i;
      continue;
    }
    out += t[i];
  }
  return text::collapse_spaces(out);
}

bool is_footer_line(std::string_view line) {
  std::string_view t = text::trim(line);
  while (!t.empty() && (t[0] == '#' || t[0] == '*' || t[0] == '_' || t[0] == '>' || t[0] == ' ')) {
    t.remove_prefix(1);
  }
  return text::istarts_with(t, kFooterStart);
}

}  // namespace briefings::indexer
