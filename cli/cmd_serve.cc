// briefings serve: the search page and JSON API over HTTP (web/server.h), loaded from
// briefings-web.so, beside the executable or, installed, in lib/briefings (web/server_module.h).
#include <dlfcn.h>

#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "cli/cli.h"
#include "cli/index_printer.h"
#include "cli/stop_signals.h"
#include "index/errors.h"
#include "indexer/watch_loop.h"
#include "web/server_module.h"

namespace briefings::cli {
namespace {

// Where the server module is: beside the executable in a build tree, in the prefix's
// module folder once installed. Found from the executable's own path, never from the
// current folder, so no file there can be loaded in its place.
std::filesystem::path server_module_file() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw ServerUnavailable("serve cannot find its own executable: " + ec.message());
  const std::filesystem::path beside = exe.parent_path() / web::kServerModuleFile;
  const std::filesystem::path installed =
      (exe.parent_path() / BRIEFINGS_MODULE_FROM_BIN / web::kServerModuleFile).lexically_normal();
  if (std::filesystem::exists(beside, ec) || !std::filesystem::exists(installed, ec)) {
    return beside;
  }
  return installed;
}

// Loads the server module; it stays loaded until the process exits. Throws
// ServerUnavailable naming the file when it is missing or from another build.
const web::ServerModule& server_module() {
  const std::filesystem::path file = server_module_file();
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    throw ServerUnavailable("serve needs " + file.string() + " (beside the executable, or in " +
                            BRIEFINGS_MODULE_FROM_BIN + " from it once installed): " + ::dlerror());
  }
  auto entry = reinterpret_cast<web::ServerModuleEntry>(::dlsym(handle, web::kServerModuleEntry));
  const web::ServerModule* module = entry ? entry() : nullptr;
  if (!module || module->abi != web::kServerModuleAbi ||
      module->options_size != sizeof(web::ServerOptions)) {
    throw ServerUnavailable(file.string() + " comes from another build of briefings; rebuild both");
  }
  return *module;
}

// `serve --watch`: the watcher (indexer/watch_loop.h) on a thread of the server's process.
// The server's workers read the database afresh for each request, so what it commits shows
// at once. A watcher that fails (another indexer holds the database) stops the server, and
// its error is the command's.
class ServedWatcher {
 public:
  ServedWatcher(WatchOptions options, web::ServerHandle& server)
      : options_(std::move(options)), printer_(false, false) {
    thread_ = std::thread([this, &server] {
      try {
        run_watch(options_, printer_, stop_);
      } catch (...) {
        error_ = std::current_exception();
        server.stop();
      }
    });
  }
  // Asks the watcher to commit what it applied and waits for it; then throws its error.
  void finish() {
    stop_.request();
    thread_.join();
    if (error_) std::rethrow_exception(error_);
  }
  void stop() { stop_.request(); }
  ~ServedWatcher() {
    if (thread_.joinable()) {
      stop_.request();
      thread_.join();
    }
  }

 private:
  WatchOptions options_;
  IndexPrinter printer_;
  WatchStop stop_;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace

void add_serve_command(CLI::App& app, RunState& state) {
  struct Args {
    std::string db;
    std::string host = "127.0.0.1";
    int port = 8080;
    unsigned threads = 0;
    bool no_cache = false;
    std::vector<std::string> watch;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("serve", "Serve the search page and JSON API over HTTP");
  cmd->add_option("--db", args->db, "Database folder")->type_name("DIR");
  cmd->add_option("--host", args->host,
                  "Address to listen on; anything but loopback is reachable from other "
                  "machines")
      ->capture_default_str();
  cmd->add_option("--port", args->port, "Port; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--threads", args->threads,
                  "Worker threads, one per open connection (default: 64)")
      ->check(CLI::Range(0u, 256u));
  cmd->add_flag("--no-cache", args->no_cache,
                "Search every request afresh (by default, answers are reused until the "
                "database changes)");
  cmd->add_option("--watch", args->watch,
                  "Also index these files and folders now and whenever they change, as "
                  "`index --watch` does, so the page stays current")
      ->type_name("PATH")
      ->expected(1, -1);
  cmd->callback([args, &state] {
    const web::ServerModule& module = server_module();
    web::ServerOptions options;
    options.database = database_path(args->db);
    options.host = args->host;
    options.port = args->port;
    options.threads = args->threads;
    if (args->no_cache) options.cache_entries = 0;
    for (const auto& path : args->watch) {
      std::error_code ec;
      if (!std::filesystem::exists(path, ec)) {
        throw NotFound("cannot watch " + path + ": no such file or folder");
      }
    }
    if (!module.is_loopback_host(options.host)) {
      std::cerr << "briefings: warning: listening on " << options.host
                << ", so other machines can reach this server; it has no authentication\n";
    }

    // SIGINT and SIGTERM are taken by one thread (StopSignals), which stops the server and
    // the watcher cleanly; every other thread inherits the mask.
    StopSignals::block();
    std::unique_ptr<web::ServerHandle> server = module.make_server(options);
    try {
      server->bind();
    } catch (const std::runtime_error& e) {
      throw ServerUnavailable(std::string("cannot serve: ") + e.what());
    }
    std::cout << "Serving " << options.database << " at " << server->url() << "\n"
              << "Press Ctrl-C to stop." << std::endl;

    std::unique_ptr<ServedWatcher> watcher;
    if (!args->watch.empty()) {
      WatchOptions watch_options;
      watch_options.index.database = options.database;
      watch_options.index.inputs = args->watch;
      watcher = std::make_unique<ServedWatcher>(std::move(watch_options), *server);
    }
    {
      StopSignals signals([&] {
        if (watcher) watcher->stop();
        server->stop();
      });
      server->run();
    }
    if (watcher) watcher->finish();
    std::cout << "Stopped." << std::endl;
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
