// The guard on the only requests that change anything (the saved searches' POST and DELETE,
// web/api.h): they are accepted from this server's own page and nowhere else.
//
// A page on any site can make the user's browser send a POST to 127.0.0.1 (a form, or a fetch
// in no-cors mode). It cannot read the answer, but the write would happen: cross-site request
// forgery. So a write must carry
//  * an Origin header naming this server exactly as its Host header does ("http://" + Host).
//    Browsers send Origin with every POST and DELETE and no page can set it, so a request
//    from another site, a sandboxed frame ("null") or a file:// page is refused. A script
//    that is not a browser (curl) must send it, as the page does;
//  * when the browser sends Sec-Fetch-Site, "same-origin";
//  * for a POST, a body declared as JSON (Content-Type: application/json), which no HTML form
//    can send and which makes a cross-site fetch ask first: a CORS preflight (OPTIONS) that
//    the server refuses, so the browser never sends the write.
// The loopback Host check (web/server.cc) still runs first, so a rebinding DNS name, whose
// Origin and Host would agree, never gets this far. docs/security.md keeps this list.
//
// Thread-safety: a pure function.
#pragma once

#include <optional>
#include <string>

#include "web/api.h"

namespace briefings::web {

struct WriteHeaders {
  std::string method;        // POST or DELETE
  std::string host;          // Host
  std::string origin;        // Origin
  std::string fetch_site;    // Sec-Fetch-Site
  std::string content_type;  // Content-Type
};

// The answer refusing a write that does not come from this server's page (403, or 415 for a
// POST whose body is not JSON), or nothing when it may go on.
std::optional<ApiResponse> refuse_write(const WriteHeaders& headers);

}  // namespace briefings::web
