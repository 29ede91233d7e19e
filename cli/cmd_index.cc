// briefings index: add, update and remove briefings in the database.
#include <chrono>
#include <memory>

#include "cli/cli.h"
#include "cli/index_printer.h"
#include "cli/stop_signals.h"
#include "index/errors.h"
#include "indexer/index_writer.h"
#include "indexer/watch_loop.h"

namespace briefings::cli {

void add_index_command(CLI::App& app, RunState& state) {
  struct Args {
    std::string db, date;
    std::vector<std::string> inputs;
    unsigned jobs = 0;
    int rescan = 60;
    bool full = false, json = false, quiet = false, watch = false;
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
  auto* watch = cmd->add_flag("--watch", args->watch,
                              "Then keep watching the PATHs (inotify) and index every change "
                              "until Ctrl-C; one summary per change applied");
  cmd->add_option("--rescan", args->rescan,
                  "With --watch: seconds between rescans of every PATH when inotify cannot "
                  "watch them all (default: 60)")
      ->type_name("SECONDS")
      ->check(CLI::Range(1, 86400))
      ->needs(watch);
  cmd->footer(
      "Unchanged files (same size and mtime) are skipped; files gone from an indexed folder\n"
      "are removed. One summary line goes to stdout, warnings to stderr. With --watch, the\n"
      "database stays locked for writing until the watcher stops (SIGINT, SIGTERM).\n" +
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
    IndexPrinter printer(args->quiet, args->json);
    if (args->watch) {
      StopSignals::block();  // before the watcher starts its threads
      WatchOptions watch_options;
      watch_options.index = options;
      watch_options.rescan_interval = std::chrono::seconds(args->rescan);
      WatchStop stop;
      StopSignals signals([&stop] { stop.request(); });
      run_watch(watch_options, printer, stop);
    } else {
      printer.summary(run_index(options, printer));
    }
    printer.finish();
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
