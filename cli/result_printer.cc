#include "cli/result_printer.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "cli/terminal.h"
#include "searcher/json_output.h"

namespace briefings::cli {

namespace {

// `*_html` text for the terminal: entities decoded, <mark> as ANSI bold yellow or nothing.
std::string for_terminal(const std::string& html, bool color) {
  static const std::pair<const char*, const char*> kReplacements[] = {
      {"<mark>", "\x1b[1;33m"}, {"</mark>", "\x1b[0m"}, {"&lt;", "<"}, {"&gt;", ">"},
      {"&quot;", "\""},         {"&#39;", "'"},         {"&amp;", "&"}};
  std::string out;
  for (size_t i = 0; i < html.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kReplacements) {
      std::string_view f(from);
      if (html.compare(i, f.size(), f) == 0) {
        if (color || f[0] == '&') out += to;
        i += f.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += html[i++];
  }
  return out;
}

void print_human(const SearchResult& r, bool color, bool show_summary) {
  const char* dim = color ? "\x1b[2m" : "";
  const char* bold = color ? "\x1b[1m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  if (r.suggestion) {
    // Which words changed, in words as well as in bold, so it reads without colour too.
    std::string changes;
    for (const auto& c : r.corrections) {
      changes += (changes.empty() ? "" : ", ") + c.typed + " -> " + bold + c.suggested + reset;
    }
    std::cout << "Did you mean: " << *r.suggestion << "  (" << changes << ")\n\n";
  }
  unsigned rank = r.offset;
  for (const auto& h : r.results) {
    std::cout << bold << ++rank << ". " << reset << (h.date.valid() ? h.date.iso() : "----------")
              << "  " << bold << for_terminal(h.headline_html, color) << reset << "\n";
    std::string hosts;
    for (const auto& d : h.domains) hosts += (hosts.empty() ? "" : ", ") + d;
    std::cout << "   " << dim << hosts << reset << "\n";
    std::cout << "   " << dim << h.path << reset << "\n";
    std::cout << "   " << for_terminal(h.snippet_html, color) << "\n";
    if (!h.missing.empty()) {
      std::string missing;
      for (const auto& m : h.missing) missing += (missing.empty() ? "" : ", ") + m;
      std::cout << "   Missing: " << missing << "\n";
    }
    std::cout << "\n";
  }
  if (!show_summary) return;
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.1f ms", r.elapsed_ms);
  std::cout << r.total << (r.total == 1 ? " briefing" : " briefings");
  if (r.total > r.total_all_words) std::cout << " (" << r.total_all_words << " with every word)";
  std::cout << " in " << elapsed;
  if (!r.domain_facet.empty()) {
    std::cout << "; top sources:";
    for (size_t i = 0; i < r.domain_facet.size() && i < 5; ++i) {
      std::cout << (i ? ", " : " ") << r.domain_facet[i].value << " " << r.domain_facet[i].count;
    }
  }
  std::cout << "\n";
}

ColorMode parse_color(const std::string& text) {
  if (text == "always") return ColorMode::always;
  if (text == "never") return ColorMode::never;
  return ColorMode::automatic;
}

}  // namespace

void print_result(const SearchResult& result, bool json, const std::string& color, bool summary) {
  if (json) {
    std::cout << json_text(to_json(result)) << "\n";
  } else {
    print_human(result, use_color(parse_color(color), stdout), summary);
  }
}

}  // namespace briefings::cli
