// briefings serve: the search page and JSON API over HTTP (web/server.h).
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <memory>
#include <thread>

#include "cli/cli.h"
#include "web/server.h"

namespace briefings::cli {

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
  cmd->add_option("--db", args->db, "Database folder");
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
    web::ServerOptions options;
    options.database = database_path(args->db);
    options.host = args->host;
    options.port = args->port;
    options.threads = args->threads;
    if (args->no_cache) options.cache_entries = 0;
    if (!web::is_loopback_host(options.host)) {
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

    web::Server server(options);
    server.bind();
    std::cout << "Serving " << options.database << " at " << server.url() << "\n"
              << "Press Ctrl-C to stop." << std::endl;

    std::thread waiter([&server, signals] {
      int sig = 0;
      sigwait(&signals, &sig);
      server.stop();
    });
    server.run();
    pthread_kill(waiter.native_handle(), SIGUSR1);
    waiter.join();
    std::cout << "Stopped." << std::endl;
    state.exit_code = kOk;
  });
}

}  // namespace briefings::cli
