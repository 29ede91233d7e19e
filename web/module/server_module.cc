// briefings-web.so: web::Server behind the table of web/server_module.h. Built as a module
// with hidden visibility; its one exported symbol is the entry below.
#include <stdexcept>

#include "web/server.h"
#include "web/server_module.h"

namespace briefings::web {
namespace {

// Every exception leaves as std::runtime_error: the module's own exception types are not
// the executable's, so only libstdc++'s types can be caught on the other side.
template <typename F>
auto translated(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::runtime_error&) {
    throw;
  } catch (const std::exception& e) {
    throw std::runtime_error(e.what());
  }
}

class ModuleServer final : public ServerHandle {
 public:
  explicit ModuleServer(const ServerOptions& options) : server_(options) {}
  int bind() override {
    return translated([&] { return server_.bind(); });
  }
  void run() override {
    translated([&] { server_.run(); });
  }
  void stop() override { server_.stop(); }
  std::string url() const override { return server_.url(); }

 private:
  Server server_;
};

std::unique_ptr<ServerHandle> make_server(const ServerOptions& options) {
  return translated(
      [&]() -> std::unique_ptr<ServerHandle> { return std::make_unique<ModuleServer>(options); });
}

constexpr ServerModule kModule{kServerModuleAbi, sizeof(ServerOptions), &is_loopback_host,
                               &make_server};

}  // namespace
}  // namespace briefings::web

extern "C" __attribute__((visibility("default"))) const briefings::web::ServerModule*
briefings_server_module() {
  return &briefings::web::kModule;
}
