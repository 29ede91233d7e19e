// Host names: how a cited source becomes the host the database keeps, and which parent
// domains it is also found under.
//
// A citation "(CNBC.com)" and a query "domain:www.cnbc.com" must reach the same term, so both
// sides normalise through normalize_host. A host is indexed together with each parent domain
// down to its registrable domain, which only the public suffix list can tell ("example.co.uk"
// is registrable, "co.uk" is not): libpsl's list, the newer of its built-in copy and Debian's
// publicsuffix package. The citation parser also asks has_known_suffix whether parenthesised
// text such as "(Node.js)" is a host at all.
//
// Owns: the host normal form and the use of the public suffix list. Changing either changes
// the terms of an existing database (re-index). Thread-safe: pure functions; the list is
// loaded once, on first use, and only read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefings::schema {

// Lower-cases a host, drops every leading "www." and a trailing dot. Returns "" when the text is
// not a plausible host name (labels of [a-z0-9-], at least one dot, 253 bytes at most).
std::string normalize_host(std::string_view text);

// The host and each parent domain down to its registrable domain, most specific first.
// A host that is itself a public suffix, or has no registrable domain, yields only itself.
std::vector<std::string> host_and_parents(std::string_view normalized_host);

// True when some parent domain of the host is a public suffix by an explicit rule of the list:
// "cnbc.com", "news24.co.za", "a.b.ck" (rule "*.ck"), "gov.uk", "user.github.io" are hosts;
// "node.js", "1.27", "co.za" are not (no rule "js", "27" or "za"; the implicit "*" is unused).
bool has_known_suffix(std::string_view normalized_host);

}  // namespace briefings::schema
