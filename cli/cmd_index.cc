// briefings index: add, update and remove briefings in the database.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli.h"
#include "cli/terminal.h"
#include "index/errors.h"
#include "indexer/index_writer.h"

namespace briefings::cli {

namespace {

class TerminalObserver : public IndexObserver {
 public:
  explicit TerminalObserver(bool quiet) : quiet_(quiet), bar_("files") {}
  void progress(size_t done, size_t total) override { bar_.update(done, total); }
  void warning(const std::string& path, const std::string& message) override {
    if (quiet_) return;
    bar_.finish();
    std::cerr << "briefings: warning: " << path << ": " << message << "\n";
  }
  void finish() { bar_.finish(); }

 private:
  bool quiet_;
  ProgressBar bar_;
};

std::string summary_line(const IndexReport& r) {
  std::ostringstream out;
  out << r.added << " added, " << r.updated << " updated, " << r.unchanged << " unchanged, "
      << r.removed << " removed, " << r.skipped << " skipped";
  if (!r.skip_reasons.empty()) {
    out << " (";
    bool first = true;
    for (const auto& [reason, count] : r.skip_reasons) {
      out << (first ? "" : ", ") << count << " " << reason;
      first = false;
    }
    out << ")";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", r.seconds);
  out << "; " << r.documents << " documents in the database; " << seconds << " s";
  return out.str();
}

nlohmann::json report_json(const IndexReport& r) {
  return {{"added", r.added},       {"updated", r.updated},     {"unchanged", r.unchanged},
          {"removed", r.removed},   {"skipped", r.skipped},     {"skip_reasons", r.skip_reasons},
          {"warnings", r.warnings}, {"documents", r.documents}, {"seconds", r.seconds}};
}

}  // namespace

void add_index_command(CLI::App& app, RunState& state) {
  struct Args {
    std::string db, date;
    std::vector<std::string> inputs;
    unsigned jobs = 0;
    bool full = false, json = false, quiet = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("index", "Add, update and remove briefings in the database");
  cmd->add_option("PATH", args->inputs, "Briefing files and folders (recursive: *.txt, *.md)")
      ->required();
  cmd->add_option("--db", args->db,
                  "Database folder (default: $BRIEFINGS_DB or "
                  "${XDG_DATA_HOME:-~/.local/share}/briefings/db)")
      ->type_name("DIR");
  cmd->add_option("--date", args->date, "Date every briefing of this run as YYYY-MM-DD");
  cmd->add_option("-j,--jobs", args->jobs, "Parsing threads (default: one per core)")
      ->check(CLI::Range(0u, 256u));
  cmd->add_flag("--full", args->full,
                "Rebuild the database from scratch (also after a schema change)");
  cmd->add_flag("--json", args->json, "Print the summary as JSON on stdout");
  cmd->add_flag("-q,--quiet", args->quiet, "No per-file warnings");
  cmd->footer(
      "Unchanged files (same size and mtime) are skipped; files gone from an indexed folder\n"
      "are removed. One summary line goes to stdout, warnings to stderr.\n" +
      exit_code_help());
  cmd->callback([args, &state] {
    IndexOptions options;
    options.database = database_path(args->db);
    options.inputs = args->inputs;
    options.jobs = args->jobs;
    options.full = args->full;
    if (!args->date.empty()) {
      options.date_override = Date::parse_iso(args->date);
      if (!options.date_override) {
        throw InvalidInput("--date", "must be a day as YYYY-MM-DD, not '" + args->date + "'");
      }
    }
    TerminalObserver observer(args->quiet);
    IndexReport report = run_index(options, observer);
    observer.finish();
    if (args->json) {
      std::cout << report_json(report).dump() << "\n";
    } else {
      std::cout << summary_line(report) << "\n";
    }
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
