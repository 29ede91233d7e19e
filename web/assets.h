// The page's static files (web/page/*), embedded in the binary at build time by
// web/embed_assets.cmake, so `briefings serve` needs no files at run time and works offline.
//
// Ownership and threads: the embedded bytes are static, read-only data of the module;
// every function here only reads them and may be called from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefings::web {

struct EmbeddedFile {
  std::string_view path;  // "/app.js": "/" + the file name under web/page/
  std::string_view content;
};

// Every embedded file, sorted by path. Defined in the generated embedded_assets.cc.
const std::vector<EmbeddedFile>& embedded_files();

// An embedded file ready to serve: its bytes, MIME type and strong ETag.
struct StaticAsset {
  std::string_view content;
  std::string content_type;  // "text/html; charset=utf-8", ...
  std::string etag;          // "\"9f2c...\"", a hash of the content
};

// The asset served at `url_path` ("/" is "/index.html"), or nullptr if none.
const StaticAsset* find_asset(std::string_view url_path);

// The MIME type for a file name, by extension; "application/octet-stream" if unknown.
std::string content_type_for(std::string_view file_name);

}  // namespace briefings::web
