// The JSON answers to requests refused before any handler of web/api.cc runs: by the
// server's checks (Host, method), by routing, or by httplib itself.
#include <string>

#include "web/api.h"
#include "web/http_transport.h"

namespace briefings::web {

ApiResponse not_local_host() {
  return error_response(403, "this server only answers requests addressed to localhost");
}

ApiResponse method_not_allowed() {
  return error_response(405, "this method is not supported here (see the Allow header)");
}

ApiResponse cross_site_write() {
  return error_response(403,
                        "changes are accepted only from this server's own page (the Origin "
                        "header must name this server)");
}

ApiResponse not_json_body() {
  return error_response(415, "the request body must be JSON (Content-Type: application/json)");
}

ApiResponse no_such_endpoint(const std::string& path) {
  return error_response(404, "no such API endpoint: " + path);
}

ApiResponse no_such_page(const std::string& path) {
  return error_response(404, "no such page: " + path);
}

ApiResponse refused_by_transport(int http_status) {
  // A URL over the limit is a parameter problem in practice: the query is what grows.
  if (http_status == 414) {
    return error_response(400,
                          "the request URL is longer than " + std::to_string(kMaxUrlBytes) +
                              " bytes; shorten the query (parameter q)",
                          "q");
  }
  if (http_status == 413) {
    return error_response(
        413, "the request body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
  }
  return error_response(http_status, http_status == 404 ? "not found" : "bad request");
}

ApiResponse internal_error() {
  return error_response(500, "internal error");
}

}  // namespace briefings::web
