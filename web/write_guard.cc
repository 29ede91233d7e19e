#include "web/write_guard.h"

namespace briefings::web {

namespace {

// "application/json", whatever its case and parameters ("; charset=utf-8").
bool is_json(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return type == "application/json";
}

}  // namespace

std::optional<ApiResponse> refuse_write(const WriteHeaders& headers) {
  if (headers.host.empty() || headers.origin != "http://" + headers.host) {
    return cross_site_write();
  }
  if (!headers.fetch_site.empty() && headers.fetch_site != "same-origin") {
    return cross_site_write();
  }
  if (headers.method == "POST" && !is_json(headers.content_type)) return not_json_body();
  return std::nullopt;
}

}  // namespace briefings::web
