#include "web/atom_feed.h"

#include <algorithm>

#include "index/content_id.h"
#include "index/indexed_at.h"

namespace briefings::web {

namespace {

constexpr std::string_view kReplacement = "\xef\xbf\xbd";  // U+FFFD

// The code point of the UTF-8 sequence at text[i] and its length; a code point of -1 for a
// byte that starts no valid sequence (stray, over-long, surrogate, past U+10FFFF).
std::pair<long, size_t> decode_at(std::string_view text, size_t i) {
  const unsigned char lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return {lead, 1};
  const size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length == 0 || lead > 0xf4 || i + length > text.size()) return {-1, 1};
  long code = lead & (0x3f >> (length - 1));
  for (size_t k = 1; k < length; ++k) {
    const unsigned char c = static_cast<unsigned char>(text[i + k]);
    if ((c & 0xc0) != 0x80) return {-1, 1};
    code = (code << 6) | (c & 0x3f);
  }
  static constexpr long kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    return {-1, 1};
  }
  return {code, length};
}

// XML 1.0's Char production.
bool is_xml_char(long c) {
  return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
         (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

// An RFC 9562 version 8 UUID holding the 64 bits of `hex16` and a fixed tail per use.
std::string uuid_urn(std::string_view hex16, std::string_view tail12) {
  std::string h(hex16);
  return "urn:uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-8" + h.substr(12, 3) + "-8" +
         h.substr(15, 1) + "62-" + std::string(tail12);
}

std::string element(std::string_view name, std::string_view text) {
  return "<" + std::string(name) + ">" + xml_escaped(text) + "</" + std::string(name) + ">";
}

std::string link(std::string_view rel, std::string_view type, std::string_view href) {
  return "<link rel=\"" + std::string(rel) + "\" type=\"" + std::string(type) + "\" href=\"" +
         xml_escaped(href) + "\"/>";
}

// The HTML of an entry's content: the snippet (escaped text with <mark>) and the sources.
std::string content_html(const SearchHit& hit) {
  std::string html = "<p>" + hit.snippet_html + "</p>";
  if (!hit.domains.empty()) {
    html += "<p>Sources: ";
    for (size_t i = 0; i < hit.domains.size(); ++i) {
      html += (i ? ", " : "") + xml_escaped(hit.domains[i]);  // HTML escaping, the same rules
    }
    html += "</p>";
  }
  return html;
}

std::string entry(const FeedHeader& header, const SearchHit& hit) {
  const char separator = header.page_url.find('?') == std::string::npos ? '?' : '&';
  std::string out = "<entry>";
  out += element("id", entry_id(hit.id));
  out += "<title type=\"text\">" + xml_escaped(hit.headline) + "</title>";
  out += link("alternate", "text/html", header.page_url + separator + "id=" + url_encoded(hit.id));
  if (hit.date.valid()) out += element("published", hit.date.iso() + "T00:00:00Z");
  out += element("updated", rfc3339(hit.indexed_at));
  for (const auto& host : hit.domains) out += "<category term=\"" + xml_escaped(host) + "\"/>";
  out += "<content type=\"html\">" + xml_escaped(content_html(hit)) + "</content>";
  return out + "</entry>\n";
}

}  // namespace

std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto [code, length] = decode_at(text, i);
    if (code < 0 || !is_xml_char(code)) {
      out += kReplacement;
    } else if (code == '&') {
      out += "&amp;";
    } else if (code == '<') {
      out += "&lt;";
    } else if (code == '>') {
      out += "&gt;";
    } else if (code == '"') {
      out += "&quot;";
    } else if (code == '\'') {
      out += "&#39;";
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string url_encoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string feed_id(std::string_view kind, std::string_view key) {
  schema::StableHash hash;
  hash.add_field(kind);
  hash.add_field(key);
  return uuid_urn(hash.hex(), "627269656673");  // "briefs"
}

std::string entry_id(std::string_view content_id) {
  std::string hex(content_id.substr(0, 16));
  hex.resize(16, '0');
  const bool is_hex = std::all_of(hex.begin(), hex.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  if (!is_hex) return feed_id("entry", content_id);  // never for an id the index wrote
  return uuid_urn(hex, "627269656665");              // "briefe"
}

std::string atom_feed(const FeedHeader& header, const SearchResult& result) {
  IndexedAt updated = result.indexed_through;
  if (!result.results.empty()) {
    updated =
        std::max_element(result.results.begin(), result.results.end(),
                         [](const auto& a, const auto& b) { return a.indexed_at < b.indexed_at; })
            ->indexed_at;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += element("id", header.id);
  out += "<title type=\"text\">" + xml_escaped(header.title) + "</title>";
  out += element("updated", rfc3339(updated));
  out += "<author><name>briefings</name></author>";
  out += "<generator>briefings</generator>";
  out += link("self", "application/atom+xml", header.self_url);
  out += link("alternate", "text/html", header.page_url) + "\n";
  for (const SearchHit& hit : result.results) out += entry(header, hit);
  return out + "</feed>\n";
}

}  // namespace briefings::web
