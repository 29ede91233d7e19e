#include "index/schema.h"

#include <charconv>
#include <stdexcept>

#include "index/content_id.h"

namespace briefings::schema {

namespace {

bool parse_ll(std::string_view text, long long& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

const TermPrefix& prefix_for_field(std::string_view field) {
  for (const auto& p : kPrefixes) {
    if (p.kind != TermKind::internal && p.name == field) return p;
  }
  throw std::out_of_range("unknown field: " + std::string(field));
}

std::string_view free_text_stem(std::string_view term) {
  if (is_unprefixed(term)) return term;
  for (const auto& p : kPrefixes) {
    // Xapian's prefixes never begin one another ("S", "XDS"), so the first match is the row.
    if (p.kind == TermKind::free_text && term.size() > p.prefix.size() &&
        term.substr(0, p.prefix.size()) == p.prefix) {
      return term.substr(p.prefix.size());
    }
  }
  return {};
}

std::string file_state_key(std::string_view path) {
  // Xapian limits metadata keys to about 245 bytes; long paths are keyed by a hash and the
  // full path is kept in the record itself.
  std::string key(kFileStateKeyPrefix);
  if (path.size() <= 200) return key.append(path);
  StableHash hash;
  hash.add(path);
  return key.append("#").append(hash.hex());
}

std::string FileState::serialise() const {
  return std::to_string(size) + '\t' + std::to_string(mtime_ns) + '\t' + id + '\t' + path;
}

FileState FileState::unserialise(std::string_view data) {
  FileState s;
  size_t a = data.find('\t');
  size_t b = a == std::string_view::npos ? a : data.find('\t', a + 1);
  size_t c = b == std::string_view::npos ? b : data.find('\t', b + 1);
  if (c == std::string_view::npos || !parse_ll(data.substr(0, a), s.size) ||
      !parse_ll(data.substr(a + 1, b - a - 1), s.mtime_ns)) {
    throw std::runtime_error("corrupt file record in database metadata");
  }
  s.id = std::string(data.substr(b + 1, c - b - 1));
  s.path = std::string(data.substr(c + 1));
  return s;
}

void check_schema_version(const Xapian::Database& db) {
  std::string version = db.get_metadata(std::string(kSchemaVersionKey));
  if (version.empty() || version == std::to_string(kSchemaVersion)) return;
  throw SchemaMismatch("the database has schema version " + version + " but this briefings " +
                       "reads version " + std::to_string(kSchemaVersion) +
                       "; re-index it with: briefings index --full PATH...");
}

}  // namespace briefings::schema
