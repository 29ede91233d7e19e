// briefings related: the briefings most like a given one, listed as search lists its results.
#include <memory>
#include <string>

#include "cli/cli.h"
#include "cli/result_printer.h"
#include "searcher/database.h"
#include "searcher/searcher.h"

namespace briefings::cli {

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
  cmd->add_option("--db", args->db, "Database folder")->type_name("DIR");
  cmd->add_option("-n,--limit", args->limit,
                  "Results to show (0 to " + std::to_string(kMaxLimit) + ")");
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->add_option("--color", args->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->callback([args, &state] {
    Searcher searcher(open_for_reading(database_path(args->db)));
    SearchResult result = searcher.related(args->target, args->limit);
    print_result(result, args->json, args->color, false);
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
