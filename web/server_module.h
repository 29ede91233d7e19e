// The HTTP server as a loadable module, for `briefings serve` alone.
//
// cpp-httplib as Debian builds it brings OpenSSL and brotli with it; loading and
// relocating them costs about 10 ms, more than a whole search. So the executable does not
// link the server: `serve` loads it from briefings-web.so, built beside the executable,
// and every other subcommand starts without it. Tests link web/ directly (web/server.h).
//
// Only this header crosses the boundary: a table of plain functions and one abstract
// class, so nothing in the executable binds to a symbol of the module. Both sides are
// built together; `abi` and `options_size` catch a module left from another build.
// Errors cross as std::runtime_error (its type lives in libstdc++, shared by both sides).
//
// Ownership and threads: the module table is static data of the loaded module, which stays
// loaded for the process's life; the ServerHandle it makes is the caller's (below).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "web/server_options.h"

namespace briefings::web {

inline constexpr int kServerModuleAbi = 1;
inline constexpr const char* kServerModuleFile = "briefings-web.so";
inline constexpr const char* kServerModuleEntry = "briefings_server_module";

// web::Server through virtual calls; see web/server.h for what each does. Owned by the
// caller; bind(), url() and run() on one thread, stop() from any.
class ServerHandle {
 public:
  virtual ~ServerHandle() = default;
  virtual int bind() = 0;
  virtual void run() = 0;
  virtual void stop() = 0;
  virtual std::string url() const = 0;
};

struct ServerModule {
  int abi;
  std::size_t options_size;  // sizeof(ServerOptions) as the module was built
  bool (*is_loopback_host)(const std::string& host);
  // Throws std::runtime_error when the server cannot be made.
  std::unique_ptr<ServerHandle> (*make_server)(const ServerOptions& options);
};

// The module's one exported symbol (named by kServerModuleEntry).
extern "C" using ServerModuleEntry = const ServerModule * (*)();

}  // namespace briefings::web
