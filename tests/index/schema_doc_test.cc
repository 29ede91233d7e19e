// docs/schema.md tells the truth: its tables of prefixes, value slots and metadata keys list
// exactly the rows of index/schema.h, so the page cannot drift from the code.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "index/schema.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using namespace briefings::schema;

namespace {

std::string read_doc() {
  std::ifstream in(testing::source_dir() / "docs" / "schema.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trimmed(std::string s) {
  const size_t begin = s.find_first_not_of(' ');
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(' ') - begin + 1);
}

// The text between the first pair of backticks, or the cell as it is when it has none.
std::string code_in(const std::string& cell) {
  const size_t open = cell.find('`');
  const size_t close = open == std::string::npos ? open : cell.find('`', open + 1);
  return close == std::string::npos ? cell : cell.substr(open + 1, close - open - 1);
}

// The cells of each row of the Markdown table whose header line is `header`.
std::vector<std::vector<std::string>> table_rows(const std::string& doc,
                                                 const std::string& header) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(doc);
  std::string line;
  while (std::getline(in, line) && line != header) {
  }
  REQUIRE(line == header);
  std::getline(in, line);  // |---|---|
  while (std::getline(in, line) && line.size() > 1 && line[0] == '|') {
    std::vector<std::string> cells;
    std::istringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) cells.push_back(trimmed(cell));
    rows.push_back(cells);
  }
  return rows;
}

const char* kind_in_doc(TermKind kind) {
  switch (kind) {
    case TermKind::free_text:
      return "free text";
    case TermKind::boolean_filter:
      return "boolean";
    case TermKind::internal:
      return "internal";
  }
  return "";
}

using Rows = std::multiset<std::vector<std::string>>;

}  // namespace

TEST_CASE("docs/schema.md names the schema version of the code", "[schema][docs]") {
  const std::string doc = read_doc();
  const std::string version = std::to_string(kSchemaVersion);
  CHECK(doc.rfind("# Database schema (version " + version + ")\n", 0) == 0);
  for (const auto& row : table_rows(doc, "| Key | Value |")) {
    if (code_in(row.at(0)) == kSchemaVersionKey) CHECK(code_in(row.at(1)) == version);
  }
}

TEST_CASE("docs/schema.md lists every term prefix of the code, and no other", "[schema][docs]") {
  Rows in_doc, in_code;
  for (const auto& row : table_rows(read_doc(), "| Prefix | Query field | Kind | Holds |")) {
    REQUIRE(row.size() == 4);
    if (row[0] == "(none)") continue;  // the words of the text, which have no prefix
    in_doc.insert({code_in(row[0]), code_in(row[1]), row[2]});
  }
  for (const TermPrefix& p : kPrefixes) {
    const std::string field = p.kind == TermKind::internal ? "" : std::string(p.name) + ":";
    in_code.insert({std::string(p.prefix), field, kind_in_doc(p.kind)});
  }
  CHECK(in_doc == in_code);
}

TEST_CASE("docs/schema.md lists every value slot of the code, and no other", "[schema][docs]") {
  Rows in_doc, in_code;
  for (const auto& row : table_rows(read_doc(), "| Value slot | Name | Encoding |")) {
    REQUIRE(row.size() == 3);
    in_doc.insert({row[0], row[1]});
  }
  for (const ValueSlot& v : kValueSlots)
    in_code.insert({std::to_string(v.slot), std::string(v.name)});
  CHECK(in_doc == in_code);
}

TEST_CASE("docs/schema.md lists every metadata key of the code, and no other", "[schema][docs]") {
  std::multiset<std::string> in_doc, in_code;
  for (const auto& row : table_rows(read_doc(), "| Key | Value |")) {
    REQUIRE(row.size() == 2);
    std::string key = code_in(row[0]);
    // A family of keys is shown with a placeholder: "file:PATH" for the keys "file:...".
    for (const MetadataKey& m : kMetadataKeys) {
      if (m.key.back() == ':' && key.rfind(m.key, 0) == 0) key = m.key;
    }
    in_doc.insert(key);
  }
  for (const MetadataKey& m : kMetadataKeys) in_code.insert(std::string(m.key));
  CHECK(in_doc == in_code);
}
