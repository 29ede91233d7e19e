// What `briefings serve` is asked to do: shared by web::Server (web/server.h) and the
// module that carries it to the executable (web/server_module.h).
//
// Ownership and threads: a plain value, copied into the server; no shared state.
#pragma once

#include <cstddef>
#include <string>

namespace briefings::web {

// cpp-httplib gives a keep-alive connection a worker for as long as it stays open, so this
// is also how many clients are served at once. Idle workers cost little.
inline constexpr unsigned kDefaultThreads = 64;

struct ServerOptions {
  std::string database;            // the index folder
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8080;                 // 0 = any free port
  unsigned threads = 0;            // worker threads; 0 = kDefaultThreads
  int timeout_seconds = 10;        // per read or write, and for a whole request
  // Search answers kept for repeats (web/response_cache.h); 0 turns the cache off.
  std::size_t cache_entries = 1000;
  std::size_t cache_bytes = 32 << 20;
};

}  // namespace briefings::web
