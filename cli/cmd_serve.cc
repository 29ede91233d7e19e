// briefings serve: the search page and JSON API over HTTP (web/server.h), loaded from
// briefings-web.so, beside the executable or, installed, in lib/briefings (web/server_module.h).
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "cli/cli.h"
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

}  // namespace

void add_serve_command(CLI::App& app, RunState& state) {
  struct Args {
    std::string db;
    std::string host = "127.0.0.1";
    int port = 8080;
    unsigned threads = 0;
    bool no_cache = false;
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
  cmd->callback([args, &state] {
    const web::ServerModule& module = server_module();
    web::ServerOptions options;
    options.database = database_path(args->db);
    options.host = args->host;
    options.port = args->port;
    options.threads = args->threads;
    if (args->no_cache) options.cache_entries = 0;
    if (!module.is_loopback_host(options.host)) {
      std::cerr << "briefings: warning: listening on " << options.host
                << ", so other machines can reach this server; it has no authentication\n";
    }

    // SIGINT and SIGTERM are blocked in every thread (the workers inherit the mask) and
    // taken by one thread with sigwait, which stops the server cleanly.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGUSR1);  // our own wake-up when the server ends by itself
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    std::unique_ptr<web::ServerHandle> server = module.make_server(options);
    try {
      server->bind();
    } catch (const std::runtime_error& e) {
      throw ServerUnavailable(std::string("cannot serve: ") + e.what());
    }
    std::cout << "Serving " << options.database << " at " << server->url() << "\n"
              << "Press Ctrl-C to stop." << std::endl;

    std::thread waiter([&server, signals] {
      int sig = 0;
      sigwait(&signals, &sig);
      server->stop();
    });
    server->run();
    pthread_kill(waiter.native_handle(), SIGUSR1);
    waiter.join();
    std::cout << "Stopped." << std::endl;
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
