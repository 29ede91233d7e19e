// briefings stats: what the database holds.
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "searcher/database.h"
#include "searcher/json_output.h"
#include "searcher/searcher.h"
#include "searcher/stats.h"

namespace briefings::cli {

namespace {

void print_human(const IndexStats& s, const std::string& path) {
  std::cout << "Database:       " << path << " (schema " << s.schema_version << ")\n"
            << "Documents:      " << s.documents << "\n";
  if (!s.first_date.empty()) {
    std::cout << "Dates:          " << s.first_date << " to " << s.last_date << "\n";
  }
  std::cout << "Date sources:  ";
  for (const auto& [source, count] : s.date_sources) std::cout << " " << source << " " << count;
  std::cout << "\nSources (" << s.domains.size() << " hosts):\n";
  for (const auto& d : s.domains) std::cout << "  " << d.count << "\t" << d.value << "\n";
  std::cout << "Per month:\n";
  for (const auto& m : s.months) std::cout << "  " << m.value << "\t" << m.count << "\n";
}

}  // namespace

void add_stats_command(CLI::App& app, RunState& state) {
  struct Args {
    std::string db;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("stats", "Show what the database holds");
  cmd->add_option("--db", args->db, "Database folder")->type_name("DIR");
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->callback([args, &state] {
    std::string path = database_path(args->db);
    IndexStats stats = Searcher(open_for_reading(path)).stats();
    if (args->json) {
      std::cout << json_text(to_json(stats)) << "\n";
    } else {
      print_human(stats, path);
    }
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
