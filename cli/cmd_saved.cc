// briefings saved: searches kept under a name (index/saved_search_store.h), and the briefings
// new to each since it was last run with --new (searcher/saved_runs.h).
//
//   briefings saved add NAME [--domain HOST]... [--since D] [--until D] [--replace] QUERY...
//   briefings saved list [--json]
//   briefings saved remove NAME
//   briefings saved run NAME [--new [-q]] [-n N] [--offset K] [--sort S] [--json] [--color C]
//
// One subcommand with the action as its first word rather than four nested subcommands, so
// its man page and completion come from the same description as every other command's.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/result_printer.h"
#include "index/errors.h"
#include "index/saved_search_store.h"
#include "searcher/database.h"
#include "searcher/json_output.h"
#include "searcher/saved_runs.h"
#include "searcher/searcher.h"

namespace briefings::cli {

namespace {

struct SavedArgs {
  std::string db, action, name, since, until, sort = "relevance", color = "auto";
  std::vector<std::string> words, domains;
  unsigned limit = 10, offset = 0;
  bool json = false, only_new = false, quiet = false, replace = false;
};

// Which actions each option and argument belongs to; any other use is refused.
struct OptionUse {
  const char* option;
  std::vector<std::string> actions;
};
const OptionUse kOptionUses[] = {
    {"NAME", {"add", "remove", "run"}},
    {"QUERY", {"add"}},
    {"--domain", {"add"}},
    {"--since", {"add"}},
    {"--until", {"add"}},
    {"--replace", {"add"}},
    {"--new", {"run"}},
    {"--quiet", {"run"}},
    {"--limit", {"run"}},
    {"--offset", {"run"}},
    {"--sort", {"run"}},
    {"--color", {"run"}},
    {"--json", {"list", "run"}},
};

void check_options_fit(const CLI::App& cmd, const SavedArgs& a) {
  for (const auto& use : kOptionUses) {
    if (cmd.count(use.option) == 0) continue;
    if (std::find(use.actions.begin(), use.actions.end(), a.action) == use.actions.end()) {
      throw InvalidInput(use.option, "does not apply to `saved " + a.action + "`");
    }
  }
  if (a.action != "list" && a.name.empty()) {
    throw InvalidInput("NAME", "is needed: briefings saved " + a.action + " NAME");
  }
  if (a.only_new && (cmd.count("--offset") || cmd.count("--sort"))) {
    throw InvalidInput("--new",
                       "lists new briefings in the order they were indexed; it takes "
                       "no --offset or --sort");
  }
  if (a.quiet && !a.only_new) throw InvalidInput("--quiet", "applies only with --new");
}

// The terminal calls a saved search's name NAME, the libraries "name".
template <typename Work>
void naming_name(Work&& work) {
  try {
    work();
  } catch (const InvalidInput& e) {
    if (e.parameter == "name") throw InvalidInput("NAME", e.problem);
    throw;
  }
}

std::string filters_text(const SavedSearch& s) {
  std::string text;
  auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  for (const auto& d : s.domains) add("domain " + d);
  if (!s.since.empty()) add("since " + s.since);
  if (!s.until.empty()) add("until " + s.until);
  return text.empty() ? "" : " [" + text + "]";
}

std::string query_text(const SavedSearch& s) {
  return s.query.empty() ? "(every briefing)" : s.query;
}

// The database's searcher, or none before the first `briefings index`.
std::unique_ptr<Searcher> searcher_if_indexed(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return nullptr;
  return std::make_unique<Searcher>(open_for_reading(path));
}

void saved_add(const SavedArgs& a) {
  SavedSearch search;
  search.name = a.name;
  for (const auto& w : a.words) search.query += (search.query.empty() ? "" : " ") + w;
  search.domains = a.domains;
  search.since = a.since;
  search.until = a.until;
  search.created = indexed_at_now();
  const std::string path = database_path(a.db);
  const auto searcher = searcher_if_indexed(path);
  NewCount now;
  naming_name([&] { now = check_saved_search(search, searcher.get()); });
  search.seen_through = now.through;  // new briefings are those indexed from now on
  naming_name([&] { SavedSearchStore(path).add(search, a.replace); });
  std::cout << "Saved '" << search.name << "': " << query_text(search) << filters_text(search)
            << "; " << now.count << (now.count == 1 ? " briefing matches" : " briefings match")
            << " it now. Feed: " << feed_path(search) << "\n";
}

void saved_list(const SavedArgs& a) {
  const std::string path = database_path(a.db);
  const std::vector<SavedSearch> all = SavedSearchStore(path).list();
  const auto searcher = searcher_if_indexed(path);
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const SavedSearch& s : all) {
    const NewCount count = searcher ? count_new(*searcher, s) : NewCount{0, s.seen_through};
    if (a.json) {
      list.push_back(to_json(s, count));
    } else {
      std::cout << s.name << "\t" << count.count << " new\t" << query_text(s) << filters_text(s)
                << "\n";
    }
  }
  if (a.json) std::cout << json_text({{"saved", std::move(list)}}) << "\n";
  if (!a.json && all.empty()) {
    std::cout << "No saved searches; add one with: briefings saved add NAME QUERY...\n";
  }
}

void saved_remove(const SavedArgs& a) {
  naming_name([&] { SavedSearchStore(database_path(a.db)).remove(a.name); });
  std::cout << "Removed '" << a.name << "'.\n";
}

void print_new(const SavedSearch& search, const NewBriefings& found, const SavedArgs& a) {
  const SearchResult& r = found.result;
  if (a.json) {
    nlohmann::ordered_json j = to_json(r);
    j["saved"] = to_json(search, std::nullopt);
    j["new_since"] = search.seen_through ? nlohmann::ordered_json(rfc3339(search.seen_through))
                                         : nlohmann::ordered_json(nullptr);
    std::cout << json_text(j) << "\n";
    return;
  }
  if (r.total == 0 && a.quiet) return;
  std::cout << (r.total ? std::to_string(r.total) : "No") << " new "
            << (r.total == 1 ? "briefing" : "briefings") << " for '" << search.name << "' ("
            << query_text(search) << ")\n";
  if (!r.results.empty()) std::cout << "\n";
  print_result(r, false, a.color, false);
  if (r.total > r.results.size()) {
    std::cout << "Showing the first " << r.results.size() << " of " << r.total
              << "; run again for the next.\n";
  }
}

void saved_run(const SavedArgs& a) {
  const std::string path = database_path(a.db);
  SavedSearchStore store(path);
  const SavedSearch search = store.get(a.name);
  Searcher searcher(open_for_reading(path));
  if (!a.only_new) {
    SearchRequest request = request_for(search);
    request.limit = a.limit;
    request.offset = a.offset;
    request.sort = parse_sort_order(a.sort);
    print_result(searcher.search(request), a.json, a.color, true);
    return;
  }
  const NewBriefings found = new_briefings(searcher, search, a.limit);
  print_new(search, found, a);
  std::cout.flush();
  // Only once they are printed: a run that dies first shows them again next time.
  store.mark_seen(search.name, found.seen_through);
}

void add_options(CLI::App* cmd, SavedArgs& a) {
  cmd->add_option("ACTION", a.action, "add, list, remove or run")
      ->check(CLI::IsMember({"add", "list", "remove", "run"}))
      ->required();
  cmd->add_option("NAME", a.name, "The saved search: letters, digits, '-' and '_'");
  cmd->add_option("QUERY", a.words, "add: the query, as for search");
  cmd->add_option("--db", a.db, "Database folder")->type_name("DIR");
  cmd->add_option("--domain", a.domains, "add: only briefings citing this host (repeat to OR)")
      ->allow_extra_args(false);
  cmd->add_option("--since", a.since, "add: from this date: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--until", a.until, "add: until this date (inclusive)");
  cmd->add_flag("--replace", a.replace, "add: replace a saved search of that name");
  cmd->add_flag("--new", a.only_new,
                "run: only briefings indexed since the last run with --new, oldest first");
  cmd->add_flag("-q,--quiet", a.quiet, "run --new: print nothing when nothing is new");
  cmd->add_option("-n,--limit", a.limit,
                  "run: results to show (0 to " + std::to_string(kMaxLimit) + ")");
  cmd->add_option("--offset", a.offset, "run: skip this many results");
  cmd->add_option("--sort", a.sort, "run: relevance, newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  cmd->add_flag("--json", a.json, "list, run: print one JSON object (docs/usage.md)");
  cmd->add_option("--color", a.color, "run: auto, always or never (NO_COLOR is respected)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

}  // namespace

void add_saved_command(CLI::App& app, RunState& state) {
  auto args = std::make_shared<SavedArgs>();
  auto* cmd = app.add_subcommand("saved", "Saved searches: add, list, remove, run (--new)");
  add_options(cmd, *args);
  cmd->footer(
      "A saved search keeps a query and its filters under a NAME, beside the database.\n"
      "`run NAME --new` lists only the briefings indexed since it was last run with --new\n"
      "(every word of the query matching); `list` shows how many are new without taking them.\n"
      "Each has an Atom feed at /feeds/NAME.atom when `briefings serve` runs.\n\n" +
      exit_code_help());
  cmd->callback([cmd, args, &state] {
    const SavedArgs& a = *args;
    check_options_fit(*cmd, a);
    if (a.action == "add") saved_add(a);
    if (a.action == "list") saved_list(a);
    if (a.action == "remove") saved_remove(a);
    if (a.action == "run") saved_run(a);
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
