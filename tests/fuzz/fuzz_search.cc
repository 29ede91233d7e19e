// libFuzzer target: any bytes as a query (and, split at the first NUL, as a domain filter)
// against a small real index. Only InvalidInput may escape; nothing may crash or hang.
#include <cstdint>
#include <filesystem>
#include <string>

#include "index/errors.h"
#include "indexer/index_writer.h"
#include "searcher/database.h"
#include "searcher/searcher.h"

using namespace briefings;

namespace {

Searcher& searcher() {
  static Searcher* s = [] {
    auto dir = std::filesystem::temp_directory_path() / "briefings-fuzz-search";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "docs");
    const char* source = std::getenv("BRIEFINGS_FUZZ_CORPUS");
    IndexOptions options;
    options.database = (dir / "db").string();
    options.inputs = {source ? source : "examples/briefings"};
    struct Quiet : IndexObserver {
    } observer;
    run_index(options, observer);
    return new Searcher(open_for_reading(options.database));
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  SearchRequest request;
  size_t nul = bytes.find('\0');
  request.query = bytes.substr(0, nul);
  if (nul != std::string::npos) request.domains.push_back(bytes.substr(nul + 1));
  try {
    searcher().search(request);
  } catch (const InvalidInput&) {
  }
  return 0;
}
