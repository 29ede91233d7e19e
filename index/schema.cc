#include "index/schema.h"

#include <libpsl.h>

#include <charconv>
#include <stdexcept>

namespace briefings::schema {

namespace {

const psl_ctx_t* public_suffixes() {
  // psl_latest picks the newer of the built-in list and Debian's publicsuffix package.
  static const psl_ctx_t* ctx = [] {
    const psl_ctx_t* c = psl_latest(nullptr);
    return c ? c : psl_builtin();
  }();
  return ctx;
}

unsigned long long fnv1a(std::string_view text) {
  unsigned long long h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

bool parse_ll(std::string_view text, long long& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

const TermPrefix& prefix_for_field(std::string_view field) {
  for (const auto& p : kPrefixes) {
    if (!field.empty() && p.field == field) return p;
  }
  throw std::out_of_range("unknown field: " + std::string(field));
}

std::string file_state_key(std::string_view path) {
  // Xapian limits metadata keys to about 245 bytes; long paths are keyed by a hash and the
  // full path is kept in the record itself.
  std::string key(kFileStateKeyPrefix);
  if (path.size() <= 200) return key.append(path);
  char buf[24];
  std::snprintf(buf, sizeof buf, "#%016llx", fnv1a(path));
  return key.append(buf);
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

void append_varint(std::string& out, uint64_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

bool read_varint(std::string_view data, size_t& pos, uint64_t& n) {
  n = 0;
  for (int shift = 0; shift < 64 && pos < data.size(); shift += 7) {
    const auto byte = static_cast<unsigned char>(data[pos++]);
    n |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

std::string encode_host_ids(const std::vector<uint32_t>& ids) {
  std::string out;
  for (uint32_t id : ids) append_varint(out, id);
  return out;
}

std::string normalize_host(std::string_view text) {
  std::string host;
  host.reserve(text.size());
  for (char c : text) host += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (!host.empty() && host.back() == '.') host.pop_back();
  while (host.rfind("www.", 0) == 0) host.erase(0, 4);  // all of them, or it is not idempotent
  if (host.empty() || host.size() > 253) return "";
  size_t label_len = 0;
  bool has_dot = false;
  for (size_t i = 0; i < host.size(); ++i) {
    char c = host[i];
    if (c == '.') {
      if (label_len == 0 || host[i - 1] == '-') return "";
      has_dot = true;
      label_len = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      if (c == '-' && label_len == 0) return "";
      if (++label_len > 63) return "";
    } else {
      return "";
    }
  }
  if (!has_dot || label_len == 0 || host.back() == '-') return "";
  return host;
}

bool has_known_suffix(std::string_view host) {
  // Some parent of the host must be a suffix by an explicit rule of the list: then the host
  // has a registrable domain ("news24.co.za" under "co.za", though "za" alone is no rule) or
  // is itself a suffix under another one ("gov.uk", "github.io"), which are sites too. The
  // list's implicit "*" rule is never used, or "(Node.js)" and "(1.27)" would be hosts.
  for (size_t dot = host.find('.'); dot != std::string_view::npos; dot = host.find('.', dot + 1)) {
    std::string parent(host.substr(dot + 1));
    if (psl_is_public_suffix2(public_suffixes(), parent.c_str(),
                              PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE)) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> host_and_parents(std::string_view host) {
  std::vector<std::string> out{std::string(host)};
  std::string h(host);
  const char* registrable = psl_registrable_domain(public_suffixes(), h.c_str());
  if (!registrable) return out;
  std::string_view reg(registrable);
  std::string_view rest(host);
  while (rest.size() > reg.size()) {
    size_t dot = rest.find('.');
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
    out.emplace_back(rest);
  }
  return out;
}

void check_schema_version(const Xapian::Database& db) {
  std::string version = db.get_metadata(std::string(kSchemaVersionKey));
  if (version.empty() || version == std::to_string(kSchemaVersion)) return;
  throw SchemaMismatch("the database has schema version " + version + " but this briefings " +
                       "reads version " + std::to_string(kSchemaVersion) +
                       "; re-index it with: briefings index --full PATH...");
}

}  // namespace briefings::schema
