#include "index/host_names.h"

#include <libpsl.h>

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

}  // namespace

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

}  // namespace briefings::schema
