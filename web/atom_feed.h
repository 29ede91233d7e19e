// Atom 1.0 (RFC 4287) documents of search results, so any feed reader can follow a search:
// GET /feeds/NAME.atom and /feeds/search.atom (web/feeds.cc). No HTTP here; tested by parsing
// its output with a real XML parser (tests/web/feeds_test.cc).
//
// The feed: <id> (a urn:uuid made from what it follows, the same across restarts, ports and
// rebuilds), <title>, <updated> (the latest indexed-at time among its entries, else the
// database's), <author>, a link to itself (rel="self") and one to the search on the page
// (rel="alternate"), then one <entry> per briefing in the order given: newest first.
//
// An entry: <id> (a urn:uuid made from the briefing's content id, so a rebuild keeps it),
// <title> (the headline, as text), a link to the briefing on the page, <published> (its date,
// when it has one), <updated> (when it was indexed), a <category> per cited source, and
// <content type="html">: the snippet and the sources, as HTML escaped once more for XML.
//
// Everything from a briefing or a request is escaped, and what XML 1.0 cannot hold at all
// (invalid UTF-8, control characters, U+FFFE) is replaced by U+FFFD, so the document is
// well-formed whatever the briefings hold.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "searcher/searcher.h"

namespace briefings::web {

struct FeedHeader {
  std::string id;        // feed_id()
  std::string title;     // plain text
  std::string self_url;  // absolute URL of the feed
  std::string page_url;  // absolute URL of the search on the page; entries add "id=..."
};

// "urn:uuid:..." (an RFC 9562 version 8 UUID) for a feed following `key` (a saved search's
// name, or a query and its filters) of the given `kind`.
std::string feed_id(std::string_view kind, std::string_view key);
// "urn:uuid:..." for the entry of the briefing with this content id (16 hex digits).
std::string entry_id(std::string_view content_id);

// The whole feed document, UTF-8.
std::string atom_feed(const FeedHeader& header, const SearchResult& result);

// `text` as XML character data or attribute value: &, <, >, " and ' escaped; invalid UTF-8
// and the characters XML 1.0 forbids replaced by U+FFFD.
std::string xml_escaped(std::string_view text);

// `text` percent-encoded for a URL's query string (all but A-Z a-z 0-9 - . _ ~).
std::string url_encoded(std::string_view text);

}  // namespace briefings::web
