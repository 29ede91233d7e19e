// Shared set-up for the web tests: an index of a few briefings written here, and a server
// on an ephemeral loopback port with an httplib client pointed at it.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/index_folder.h"
#include "tests/support/temp_dir.h"
#include "web/server.h"

namespace briefings::testing {

// A briefing file with a Date: line, so its month is known.
inline std::string dated_briefing(const std::string& date, const std::string& headline,
                                  const std::string& summary, const std::string& body) {
  return "Date: " + date + "\n\n" + briefing_text(headline, summary, body);
}

struct IndexFixture {
  TempDir dir;
  std::filesystem::path db = dir / "db";
  std::filesystem::path docs = dir / "docs";

  IndexFixture() {
    write("bedrock-agents.txt",
          dated_briefing("2026-01-14", "Amazon widens Bedrock for enterprise agents",
                         "Amazon added agent tooling to Bedrock for enterprise buyers. (cnbc.com)",
                         "The Bedrock update lets enterprise teams chain models. "
                         "(aws.amazon.com) Analysts said pricing decides adoption. (reuters.com)"));
    write(
        "bedrock-pricing.txt",
        dated_briefing("2026-02-03", "Bedrock pricing cut lands as enterprise demand grows",
                       "Cloud customers pay less per token on Bedrock. (reuters.com)",
                       "Enterprise contracts signed this quarter get the rate first. (cnbc.com)"));
    write("rail.txt", dated_briefing("2025-12-12", "Rail strike ends after overnight talks",
                                     "Unions and operators agreed a pay deal. (bbc.co.uk)",
                                     "Trains return to a full timetable on Monday. (bbc.co.uk)"));
    write("markup.txt",
          dated_briefing("2026-03-05", "<img src=x onerror=alert(1)> & \"quokka\" <b>news</b>",
                         "A note about quokka sightings with <script>alert(2)</script> in it. "
                         "(example.org)",
                         "Quokka counts rose this summer. (example.org)"));
    index();
  }

  void write(const std::string& name, const std::string& text) const {
    dir.write("docs/" + name, text);
  }

  // Runs the real `briefings index` (tests/support/index_folder.h), so the web tests need not
  // link the indexer; throws when it fails.
  nlohmann::json index(bool full = false) const {
    std::vector<std::string> options = {"-q", "-j", "1"};
    if (full) options.push_back("--full");
    IndexRun run = run_indexer(db, {docs.string()}, options);
    if (run.exit_code != 0) throw std::runtime_error("briefings index failed: " + run.warnings);
    return run.summary;
  }
};

// A server on 127.0.0.1 with port 0, running on its own thread until destruction.
struct RunningServer {
  web::Server server;
  int port = 0;
  std::thread thread;

  explicit RunningServer(const std::string& database, unsigned threads = 4)
      : server(web::ServerOptions{database, "127.0.0.1", 0, threads, 2}) {
    port = server.bind();
    thread = std::thread([this] { server.run(); });
  }
  ~RunningServer() {
    server.stop();
    thread.join();
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    c.set_write_timeout(10);
    c.set_url_encode(false);  // send targets exactly as written, as a browser's are
    return c;
  }
};

inline nlohmann::json json_of(const httplib::Result& r) {
  return nlohmann::json::parse(r->body);
}

}  // namespace briefings::testing
