// Citations: recognising "(host)" / "(host N)" source marks in briefing text and taking
// them out of it.
//
// A citation is "(...)" whose inside is one host, "host N" (N of 1-3 digits), or several
// such items separated by ',' or ';'. A host is what schema::normalize_host accepts and some
// parent of which is a public suffix by an explicit rule of the list (schema::has_known_suffix,
// both in index/host_names.h), so "(news24.co.za)" is a host and "(Node.js)", "(U.S.)" and "(about
// $4 billion)" stay text. Hosts come out normalised. Every scan is bounded by kMaxCitationBytes
// past a '(', so hostile input
// ("((((...") costs linear time.
//
// Ownership: owns nothing; results are returned by value.
// Thread-safety: pure functions; call them from any thread. Internal to indexer/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace briefings::indexer {

// A citation's inside: a host (253 bytes at most), a number, maybe a few more such items.
inline constexpr size_t kMaxCitationBytes = 600;

// True when `content` (the inside of the parentheses) is a citation; appends its hosts.
bool parse_citation_content(std::string_view content, std::vector<std::string>& hosts);

// Is there a citation "(...)" at s[i]? Sets `end` just past its ')' and appends its hosts.
bool match_citation(std::string_view s, size_t i, size_t& end, std::vector<std::string>& hosts);

// A citation group at s[i]: one or more citations separated by whitespace. Returns the
// position just past the group's last ')', appending the hosts; `i` itself when no
// citation starts at s[i].
size_t match_citation_group(std::string_view s, size_t i, std::vector<std::string>& hosts);

// Removes every citation left in a sentence's text, including ones that only appear once an
// inner one is gone ("((a.com)b.com)"), collecting their hosts, and collapses whitespace.
// So no "(host)" can survive in sentence text, whatever the input.
std::string strip_citations(std::string_view in, std::vector<std::string>& hosts);

// Punctuation that hugs the text before it: no space goes between a removed citation and it.
bool is_closing_punct(char c);

// Appends `src` to `dst`, skipping hosts already there, in order; linear with a hash set
// when the lists are long (a paragraph may hold 100,000 citations).
void merge_hosts(std::vector<std::string>& dst, std::vector<std::string>&& src);

}  // namespace briefings::indexer
