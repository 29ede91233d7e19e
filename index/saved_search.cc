#include "index/saved_search.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "index/errors.h"

namespace briefings {

namespace {

bool is_letter_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The name as it may be shown in a message: printable ASCII only, at most 40 bytes.
std::string shown(std::string_view name) {
  std::string out;
  for (char c : name.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

IndexedAt time_field(const nlohmann::json& record, const char* key) {
  if (!record.contains(key)) return 0;
  auto time = decode_indexed_at(record.at(key).get<std::string>());
  if (!time) throw std::runtime_error(std::string("\"") + key + "\" is not a 16-digit time");
  return *time;
}

}  // namespace

void check_saved_search_name(std::string_view name) {
  const std::string rule = "must be 1 to " + std::to_string(kMaxSavedSearchNameBytes) +
                           " letters, digits, '-' or '_', starting with a letter or digit";
  if (name.empty()) throw InvalidInput("name", rule + "; it is empty");
  if (name.size() > kMaxSavedSearchNameBytes) {
    throw InvalidInput("name", rule + "; it is " + std::to_string(name.size()) + " bytes long");
  }
  for (char c : name) {
    if (!is_letter_or_digit(c) && c != '-' && c != '_') {
      throw InvalidInput("name", rule + ", not '" + shown(name) + "'");
    }
  }
  if (!is_letter_or_digit(name.front())) {
    throw InvalidInput("name", rule + ", not '" + shown(name) + "'");
  }
  if (name == kReservedSavedSearchName) {
    throw InvalidInput("name", "'" + std::string(name) +
                                   "' is reserved (the feed of any query, /feeds/search.atom); "
                                   "choose another name");
  }
}

std::string saved_searches_to_text(const std::vector<SavedSearch>& searches) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const SavedSearch& s : searches) {
    list.push_back({{"name", s.name},
                    {"query", s.query},
                    {"domains", s.domains},
                    {"since", s.since},
                    {"until", s.until},
                    {"created", encode_indexed_at(s.created)},
                    {"seen_through", encode_indexed_at(s.seen_through)}});
  }
  nlohmann::ordered_json file = {{"format", kSavedSearchFormat}, {"saved", std::move(list)}};
  // Invalid UTF-8 (a query is the user's bytes) is kept as U+FFFD rather than refused.
  return file.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::vector<SavedSearch> saved_searches_from_text(std::string_view text) {
  std::vector<SavedSearch> searches;
  try {
    const nlohmann::json file = nlohmann::json::parse(text);
    if (file.value("format", 0) != kSavedSearchFormat) {
      throw std::runtime_error("format " + file.value("format", nlohmann::json()).dump() +
                               " is not the format " + std::to_string(kSavedSearchFormat) +
                               " this briefings reads");
    }
    for (const auto& record : file.at("saved")) {
      SavedSearch s;
      s.name = record.at("name").get<std::string>();
      s.query = record.value("query", "");
      s.domains = record.value("domains", std::vector<std::string>{});
      s.since = record.value("since", "");
      s.until = record.value("until", "");
      s.created = time_field(record, "created");
      s.seen_through = time_field(record, "seen_through");
      searches.push_back(std::move(s));
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(e.what());
  }
  return searches;
}

}  // namespace briefings
