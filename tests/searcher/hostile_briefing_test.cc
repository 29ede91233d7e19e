// Hostile content as the searcher shows it: a briefing of 1 MiB of one word, one with
// 100,000 citations, and invalid UTF-8 with markup. Each is indexed (by the real
// `briefings index`) in bounded time, then searched, shown briefly and serialised as valid,
// escaped JSON. What the indexer does with hostile files is in
// tests/indexer/hostile_file_test.cc; docs/security.md lists both.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "searcher/database.h"
#include "searcher/json_output.h"
#include "searcher/searcher.h"
#include "tests/support/index_folder.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::TempDir;
using json = nlohmann::json;
using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

// The largest briefing the indexer takes (kMaxBriefingBytes in indexer/briefing_parser.h).
constexpr std::size_t kLargest = 1 << 20;

// Indexes `dir`/docs into `dir`/db with two parsing threads; returns the JSON summary and,
// when asked, the warnings.
json index(const TempDir& dir, std::string* warnings = nullptr) {
  auto run = briefings::testing::run_indexer(dir / "db", {(dir / "docs").string()}, {"-j", "2"});
  INFO("briefings index: " << run.warnings);
  REQUIRE(run.exit_code == 0);
  if (warnings) *warnings = run.warnings;
  return run.summary;
}

std::string story(const std::string& word) {
  return briefing_text("Story about " + word, "A summary that names " + word + ". (example.com)",
                       "More about " + word + " here. (example.org)");
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("a briefing of 1 MiB of one word is indexed, found and shown briefly",
          "[searcher][hostile][size]") {
  TempDir dir;
  std::string repeated = "Ferry news\n\n";
  while (repeated.size() + 6 <= kLargest) repeated += "ferry ";
  REQUIRE(repeated.size() <= kLargest);
  dir.write("docs/repeated.txt", repeated);
  // One unbroken "word" of 1 MiB: longer than any term Xapian keeps.
  dir.write("docs/unbroken.txt", "Unbroken\n\n" + std::string(kLargest - 10, 'q'));
  dir.write("docs/over.txt", std::string(kLargest + 1, 'a'));

  auto started = std::chrono::steady_clock::now();
  const json r = index(dir);
  CHECK(r["added"] == 2);
  CHECK(r["skip_reasons"]["larger than 1 MiB"] == 1);

  Searcher searcher(open_for_reading((dir / "db").string()));
  SearchRequest request;
  request.query = "ferry";
  auto result = searcher.search(request);
  REQUIRE(result.results.size() == 1);
  CHECK(result.results[0].snippet_html.size() < 1000);
  request.query = "unbroken";
  auto unbroken = searcher.search(request);
  REQUIRE(unbroken.results.size() == 1);
  CHECK(unbroken.results[0].snippet_html.size() < 1000);
  auto view = searcher.briefing(result.results[0].id, "ferry");
  CHECK_FALSE(view.sentences_html.empty());
  CHECK(seconds_since(started) < 60);  // a few seconds even under ASan; quadratic is hours
}

TEST_CASE("a briefing with 100,000 citations is indexed and searchable in bounded time",
          "[searcher][hostile][size]") {
  // 100,000 distinct hosts (four letters under .io), a hundred after each short sentence.
  auto host = [](int i) {
    std::string name(4, 'a');
    for (int k = 3; k >= 0; --k, i /= 26) name[k] = static_cast<char>('a' + i % 26);
    return name + ".io";
  };
  std::string text = "A hundred thousand sources\n\n";
  for (int i = 0; i < 100000; ++i) {
    if (i % 100 == 0) text += "Fact.";
    text += " (" + host(i) + ")";
    if (i % 100 == 99) text += "\n";
  }
  REQUIRE(text.size() <= kLargest);
  TempDir dir;
  dir.write("docs/sources.txt", text);
  dir.write("docs/plain.txt", story("fact"));

  auto started = std::chrono::steady_clock::now();
  REQUIRE(index(dir)["added"] == 2);

  // One search over the big briefing (each costs seconds under ASan): filtered by its first
  // and last host, so the domain filter, the facet and the 100,000 hosts are all checked.
  Searcher searcher(open_for_reading((dir / "db").string()));
  SearchRequest request;
  request.query = "fact";
  request.domains = {host(100000)};  // one past the last host cited
  CHECK(searcher.search(request).total == 0);
  request.domains = {host(0), host(99999)};
  auto cited = searcher.search(request);
  REQUIRE(cited.total == 1);
  REQUIRE(cited.results.size() == 1);
  CHECK(cited.results[0].domains.size() == 100000);
  CHECK(cited.domain_facet.size() <= 50);  // the facet keeps the top hosts only
  CHECK_NOTHROW(to_json(cited).dump());
  CHECK(seconds_since(started) < 60);
}

TEST_CASE("invalid UTF-8 and markup in a file reach the JSON valid and escaped",
          "[searcher][hostile][encoding]") {
  TempDir dir;
  dir.write(
      "docs/bad.txt",
      "Caf\xC3 <script>alert(1)</script> \xFF\xFE headline\n\n"
      "Broken \xE2\x80 bytes and <img src=x onerror=alert(2)> in a sentence. (example.com)\n\n"
      "Over-long \xC0\xAF slash and a surrogate \xED\xA0\x80 too. (example.org)\n");
  dir.write("docs/nul.txt", "Looks like text\n\nbut has a NUL\0 byte.\n"s);
  std::string warnings;
  const json r = index(dir, &warnings);
  CHECK(r["added"] == 1);
  CHECK(r["skip_reasons"]["binary file (NUL bytes)"] == 1);
  CHECK(warnings.find("bad.txt") != std::string::npos);
  CHECK(warnings.find("invalid UTF-8") != std::string::npos);

  Searcher searcher(open_for_reading((dir / "db").string()));
  SearchRequest request;
  request.query = "headline";
  auto result = searcher.search(request);
  REQUIRE(result.results.size() == 1);
  // Strict serialisation throws on invalid UTF-8: the repaired text must pass.
  CHECK_NOTHROW(to_json(result).dump());
  const auto& hit = result.results[0];
  CHECK(hit.headline_html.find("<script") == std::string::npos);
  CHECK(hit.headline_html.find("&lt;script&gt;") != std::string::npos);
  auto view = searcher.briefing(hit.id, "bytes");
  CHECK_NOTHROW(to_json(view).dump());
  for (const auto& paragraph : view.sentences_html) {
    for (const auto& html : paragraph) CHECK(html.find("<img") == std::string::npos);
  }
}
