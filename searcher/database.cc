#include "searcher/database.h"

#include <filesystem>

#include "index/errors.h"
#include "index/schema.h"

namespace briefings {

Xapian::Database open_for_reading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw DatabaseMissing("no database at " + path + "; create it with: briefings index --db " +
                          path + " FOLDER");
  }
  return translating_xapian_errors([&] {
    Xapian::Database db;
    try {
      db = Xapian::Database(path, Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw DatabaseMissing(path + " is not a briefings database (" + e.get_msg() +
                            "); create one with: briefings index --db PATH FOLDER");
    }
    schema::check_schema_version(db);
    return db;
  });
}

}  // namespace briefings
