// briefings search and briefings related: ranked results in the terminal or as JSON.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "cli/terminal.h"
#include "index/errors.h"
#include "searcher/database.h"
#include "searcher/json_output.h"
#include "searcher/searcher.h"

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

void add_search_command(CLI::App& app, RunState& state) {
  struct Args {
    std::string db, since, until, sort = "relevance", color = "auto";
    std::vector<std::string> words, domains;
    unsigned limit = 10, offset = 0;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd =
      app.add_subcommand("search", "Search the briefings (query syntax: docs/query-syntax.md)");
  cmd->add_option("QUERY", args->words, "Words, \"phrases\", OR, NOT, -word, word*, field:value");
  cmd->add_option("--db", args->db, "Database folder");
  cmd->add_option("--domain", args->domains, "Only briefings citing this host (repeat to OR)")
      ->allow_extra_args(false);
  cmd->add_option("--since", args->since, "From this date: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--until", args->until, "Until this date (inclusive)");
  cmd->add_option("--sort", args->sort, "relevance, newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  cmd->add_option("-n,--limit", args->limit, "Results to show (at most 100)")
      ->check(CLI::Range(0u, kMaxLimit));
  cmd->add_option("--offset", args->offset, "Skip this many results")
      ->check(CLI::Range(0u, kMaxOffset));
  cmd->add_flag("--json", args->json, "Print one JSON object (docs/usage.md)");
  cmd->add_option("--color", args->color, "auto, always or never (NO_COLOR is respected)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->footer(kExitCodeHelp);
  cmd->callback([args, &state] {
    SearchRequest request;
    for (const auto& w : args->words) request.query += (request.query.empty() ? "" : " ") + w;
    if (args->domains.size() > kMaxDomains) {
      throw InvalidInput("--domain",
                         "at most " + std::to_string(kMaxDomains) + " --domain options");
    }
    request.domains = args->domains;
    if (!args->since.empty()) request.since = parse_date_bound(args->since, false, "--since");
    if (!args->until.empty()) request.until = parse_date_bound(args->until, true, "--until");
    request.sort = parse_sort_order(args->sort);
    request.limit = args->limit;
    request.offset = args->offset;
    Searcher searcher(open_for_reading(database_path(args->db)));
    SearchResult result = searcher.search(request);
    if (args->json) {
      std::cout << json_text(to_json(result)) << "\n";
    } else {
      print_human(result, use_color(parse_color(args->color), stdout), true);
    }
    state.exit_code = kOk;
  });
}

void add_related_command(CLI::App& app, RunState& state) {
  struct Args {
    std::string db, target, color = "auto";
    unsigned limit = 10;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("related", "Briefings most like a given one");
  cmd->add_option("ID_OR_PATH", args->target, "A briefing's id (from search --json) or its file")
      ->required();
  cmd->add_option("--db", args->db, "Database folder");
  cmd->add_option("-n,--limit", args->limit, "Results to show (at most 100)")
      ->check(CLI::Range(0u, kMaxLimit));
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->add_option("--color", args->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->callback([args, &state] {
    Searcher searcher(open_for_reading(database_path(args->db)));
    SearchResult result = searcher.related(args->target, args->limit);
    if (args->json) {
      std::cout << json_text(to_json(result)) << "\n";
    } else {
      print_human(result, use_color(parse_color(args->color), stdout), false);
    }
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
