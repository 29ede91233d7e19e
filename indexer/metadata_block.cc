#include "indexer/metadata_block.h"

#include <array>

#include "indexer/briefing_parser.h"
#include "indexer/markdown_lines.h"
#include "indexer/text_utils.h"

namespace briefings::indexer {

namespace {

using text::is_alnum;
using text::is_alpha;

constexpr std::array<std::string_view, 20> kMetadataKeys = {
    "date",    "title", "source",  "url",      "link",     "author",    "published",
    "created", "saved", "updated", "tags",     "category", "language",  "lang",
    "id",      "slug",  "shared",  "modified", "subtitle", "categories"};
constexpr std::array<std::string_view, 5> kDateKeys = {"date", "published", "created", "saved",
                                                       "modified"};

bool is_known_key(std::string_view key) {
  for (auto k : kMetadataKeys) {
    if (key == k) return true;
  }
  return false;
}

// "Key: value" with a short key (letters, digits, ' ', '-', '_'): sets the lower-cased key
// (spaces and dashes as '_') and the trimmed, unquoted value.
bool split_key_value(std::string_view line, std::string& key, std::string& value) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 24) return false;
  std::string_view k = text::trim(line.substr(0, colon));
  if (k.empty() || !is_alpha(k[0])) return false;
  key.clear();
  for (char c : k) {
    if (is_alnum(c)) {
      key += text::to_lower(c);
    } else if (c == ' ' || c == '-' || c == '_') {
      key += '_';
    } else {
      return false;
    }
  }
  std::string_view v = text::trim(line.substr(colon + 1));
  if (v.size() >= 2 && (v[0] == '"' || v[0] == '\'') && v.back() == v[0]) {
    v = v.substr(1, v.size() - 2);
  }
  value = std::string(v);
  return true;
}

void take_metadata_entry(Metadata& meta, const std::string& key, const std::string& value) {
  if (key == "title" && meta.title.empty()) meta.title = text::collapse_spaces(value);
  for (size_t r = 0; r < kDateKeys.size(); ++r) {
    if (key == kDateKeys[r] && !value.empty() &&
        (meta.date_rank < 0 || static_cast<int>(r) < meta.date_rank)) {
      meta.date_value = value;
      meta.date_rank = static_cast<int>(r);
    }
  }
}

}  // namespace

Metadata read_metadata(const std::vector<std::string_view>& lines) {
  Metadata meta;
  std::string key, value;
  if (lines.empty()) return meta;
  if (text::trim(lines[0]) == "---") {
    size_t close = 1;
    while (close < lines.size() && text::trim(lines[close]) != "---" &&
           text::trim(lines[close]) != "...") {
      ++close;
    }
    if (close >= lines.size()) return meta;  // no closing fence: not front matter
    for (size_t i = 1; i < close; ++i) {
      if (split_key_value(lines[i], key, value)) take_metadata_entry(meta, key, value);
    }
    meta.lines = close + 1;
    return meta;
  }
  size_t count = 0;
  bool any_known = false, all_known = true;
  while (count < lines.size() && !is_blank(lines[count]) &&
         split_key_value(lines[count], key, value)) {
    bool known = is_known_key(key);
    any_known |= known;
    all_known &= known;
    ++count;
  }
  bool blank_after = count < lines.size() && is_blank(lines[count]);
  // A lone unknown "Key: value" line is a headline such as "Breaking: ...".
  if (count == 0 || !any_known || (!all_known && !(blank_after && count >= 2))) return meta;
  for (size_t i = 0; i < count; ++i) {
    split_key_value(lines[i], key, value);
    take_metadata_entry(meta, key, value);
  }
  meta.lines = count;
  return meta;
}

std::optional<Date> parse_metadata_date(std::string_view value) {
  value = text::trim(value);
  if (value.size() >= 10 && (value.size() == 10 || value[10] == 'T' || value[10] == ' ')) {
    if (auto d = Date::parse_iso(value.substr(0, 10))) return d;
  }
  // "April 12, 2026", "Sunday, 12 April 2026": no "today" bound.
  return infer_date_from_text(value, Date{});
}

}  // namespace briefings::indexer
