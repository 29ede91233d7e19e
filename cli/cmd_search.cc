// briefings search: ranked results in the terminal or as JSON.
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/result_printer.h"
#include "searcher/database.h"
#include "searcher/searcher.h"

namespace briefings::cli {

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
  cmd->add_option("--db", args->db, "Database folder")->type_name("DIR");
  cmd->add_option("--domain", args->domains, "Only briefings citing this host (repeat to OR)")
      ->allow_extra_args(false);
  cmd->add_option("--since", args->since, "From this date: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--until", args->until, "Until this date (inclusive)");
  cmd->add_option("--sort", args->sort, "relevance, newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  // Bounds are the searcher's (searcher/search_request.h), checked there.
  cmd->add_option("-n,--limit", args->limit,
                  "Results to show (0 to " + std::to_string(kMaxLimit) + ")");
  cmd->add_option("--offset", args->offset,
                  "Skip this many results (at most " + std::to_string(kMaxOffset) + ")");
  cmd->add_flag("--json", args->json, "Print one JSON object (docs/usage.md)");
  cmd->add_option("--color", args->color, "auto, always or never (NO_COLOR is respected)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->footer(exit_code_help());
  cmd->callback([args, &state] {
    SearchRequest request;
    for (const auto& w : args->words) request.query += (request.query.empty() ? "" : " ") + w;
    request.domains = args->domains;
    if (!args->since.empty()) request.since = parse_date_bound(args->since, false, "since");
    if (!args->until.empty()) request.until = parse_date_bound(args->until, true, "until");
    request.sort = parse_sort_order(args->sort);
    request.limit = args->limit;
    request.offset = args->offset;
    Searcher searcher(open_for_reading(database_path(args->db)));
    SearchResult result = searcher.search(request);
    print_result(result, args->json, args->color, true);
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
