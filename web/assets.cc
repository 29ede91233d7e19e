#include "web/assets.h"

#include <cstdint>
#include <cstdio>
#include <map>

namespace briefings::web {

namespace {

std::string etag_of(std::string_view content) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64-bit
  for (unsigned char c : content) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return buffer;
}

const std::map<std::string, StaticAsset, std::less<>>& asset_table() {
  static const auto table = [] {
    std::map<std::string, StaticAsset, std::less<>> t;
    for (const EmbeddedFile& f : embedded_files()) {
      t.emplace(std::string(f.path),
                StaticAsset{f.content, content_type_for(f.path), etag_of(f.content)});
    }
    return t;
  }();
  return table;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string content_type_for(std::string_view name) {
  if (ends_with(name, ".html")) return "text/html; charset=utf-8";
  if (ends_with(name, ".css")) return "text/css; charset=utf-8";
  if (ends_with(name, ".js")) return "text/javascript; charset=utf-8";
  if (ends_with(name, ".svg")) return "image/svg+xml";
  if (ends_with(name, ".png")) return "image/png";
  if (ends_with(name, ".json")) return "application/json";
  if (ends_with(name, ".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

const StaticAsset* find_asset(std::string_view url_path) {
  if (url_path == "/") url_path = "/index.html";
  const auto& table = asset_table();
  auto it = table.find(url_path);
  return it == table.end() ? nullptr : &it->second;
}

}  // namespace briefings::web
