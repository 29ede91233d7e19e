// libFuzzer target: any bytes as the target of an API request, decoded by the server's own
// parse_query_string and handed to the handlers of web/api.h (no socket) over a small real
// index built once at start-up. The bytes are a whole target when they start with '/'
// ("/api/search?q=...", "/api/briefing/ID?q=...", "/api/related/ID", "/feeds/search.atom?q=...",
// "/feeds/NAME.atom"), else the query string of /api/search.
//
// Checked on every input, besides "no crash, leak or hang":
//  * the body is a JSON object that serialises (as the server does) to text that parses back;
//  * the status is 200 or 400 for a search, and 200, 400 or 404 for a briefing or related;
//  * a 400 has an error message and names, in `parameter`, one the request actually carried;
//  * a 200 search holds at most `limit` results at the requested offset;
//  * every *_html field is escaped text in which <mark> and </mark>, balanced, are the only
//    markup;
//  * a feed answers 200 (or 400, 404 as JSON) with valid UTF-8 made only of the characters
//    XML 1.0 allows, opening and closing as many entries as it lists.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include "indexer/index_writer.h"
#include "web/api.h"

using namespace briefings;
using nlohmann::ordered_json;

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_http_params: invariant broken: %s\n", what);
  std::abort();
}

void require(bool ok, const char* what) {
  if (!ok) fail(what);
}

// A scratch folder holding the index (and one briefing made of markup, so escaping is
// exercised), removed at exit.
struct Scratch {
  std::filesystem::path dir;
  Scratch() {
    std::string pattern = (std::filesystem::temp_directory_path() / "briefings-fuzz-http-XXXXXX");
    require(::mkdtemp(pattern.data()) != nullptr, "mkdtemp");
    dir = pattern;
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

web::ApiContext& context() {
  static Scratch scratch;
  static web::ApiContext* c = [] {
    std::filesystem::create_directories(scratch.dir / "docs");
    std::ofstream(scratch.dir / "docs" / "markup.txt")
        << "Date: 2026-03-05\n\n<img src=x onerror=alert(1)> & \"quokka\" <b>news</b>\n\n"
           "A note on quokka sightings with <script>alert(2)</script> in it. (example.org)\n\n"
           "Quokka counts rose 'this' summer & more. (example.org) (cnbc.com)\n";
    const char* source = std::getenv("BRIEFINGS_FUZZ_CORPUS");
    IndexOptions options;
    options.database = (scratch.dir / "db").string();
    options.inputs = {source ? source : "examples/briefings", (scratch.dir / "docs").string()};
    options.jobs = 1;
    struct Quiet : IndexObserver {
    } observer;
    run_index(options, observer);
    return new web::ApiContext(options.database);
  }();
  return *c;
}

// Escaped text with <mark>...</mark> as the only markup, never nested or left open.
void check_html(const ordered_json& field) {
  require(field.is_string(), "an *_html field is not a string");
  const std::string& html = field.get_ref<const std::string&>();
  bool open = false;
  for (size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (html.compare(i, 6, "<mark>") == 0) {
      require(!open, "nested <mark>");
      open = true;
      i += 5;
    } else if (html.compare(i, 7, "</mark>") == 0) {
      require(open, "</mark> without <mark>");
      open = false;
      i += 6;
    } else if (c == '&') {
      bool entity = false;
      for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}) {
        entity = entity || html.compare(i, std::string_view(e).size(), e) == 0;
      }
      require(entity, "a bare '&' in an *_html field");
    } else {
      require(c != '<' && c != '>' && c != '"' && c != '\'', "unescaped markup in *_html");
    }
  }
  require(!open, "<mark> left open");
}

void check_hits(const ordered_json& results) {
  require(results.is_array(), "results is not an array");
  for (const auto& hit : results) {
    check_html(hit["headline_html"]);
    check_html(hit["snippet_html"]);
  }
}

// A feed's document: valid UTF-8 of XML 1.0's characters only, every <entry> closed.
void check_feed(const std::string& xml) {
  require(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed ", 0) == 0,
          "a feed does not start as Atom");
  for (size_t i = 0; i < xml.size();) {
    const unsigned char c = static_cast<unsigned char>(xml[i]);
    const size_t length = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    require(c >= 0x20 || c == '\n' || c == '\t' || c == '\r', "a control character in a feed");
    require(c < 0x80 || (c >= 0xc2 && c <= 0xf4), "a bad UTF-8 lead byte in a feed");
    require(i + length <= xml.size(), "UTF-8 cut short at the end of a feed");
    for (size_t k = 1; k < length; ++k) {
      require((static_cast<unsigned char>(xml[i + k]) & 0xc0) == 0x80, "bad UTF-8 in a feed");
    }
    require(xml.compare(i, 3, "\xef\xbf\xbe") != 0 && xml.compare(i, 3, "\xef\xbf\xbf") != 0,
            "U+FFFE or U+FFFF in a feed");
    i += length;
  }
  size_t opened = 0, closed = 0;
  for (size_t at = xml.find("<entry>"); at != std::string::npos; at = xml.find("<entry>", at + 1))
    ++opened;
  for (size_t at = xml.find("</entry>"); at != std::string::npos; at = xml.find("</entry>", at + 1))
    ++closed;
  require(opened == closed, "an entry left open");
  require(xml.size() >= 8 && xml.compare(xml.size() - 8, 8, "</feed>\n") == 0, "a feed left open");
}

// The feed handlers for a target under /feeds/.
web::ApiResponse answer_feed(const std::string& path, web::ApiRequest& request) {
  if (path == "/feeds/search.atom") return web::handle_search_feed(context(), request);
  const std::string name = path.substr(std::string_view("/feeds/").size());
  request.id = name.size() > 5 ? name.substr(0, name.size() - 5) : name;
  return web::handle_saved_feed(context(), request);
}

long param_or(const web::ApiRequest& r, const std::string& name, long fallback) {
  for (const auto& [key, value] : r.params) {
    if (key == name) return value.empty() ? fallback : std::strtol(value.c_str(), nullptr, 10);
  }
  return fallback;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string target =
      !bytes.empty() && bytes[0] == '/' ? std::string(bytes) : "/api/search?" + std::string(bytes);
  std::string path = target.substr(0, target.find('?'));
  web::ApiRequest request;
  request.params = web::parse_query_string(target);
  request.origin = "http://127.0.0.1:8080";
  request.target = target;
  if (path.rfind("/feeds/", 0) == 0) {
    web::ApiResponse feed = answer_feed(path, request);
    require(feed.status == 200 || feed.status == 400 || feed.status == 404,
            "a feed answered neither 200, 400 nor 404");
    if (feed.status == 200) check_feed(feed.text);
    if (feed.status != 200) require(feed.body.contains("error"), "a feed's error has no message");
    return 0;
  }

  enum class Endpoint { search, briefing, related } endpoint = Endpoint::search;
  for (auto [prefix, kind] : {std::pair{"/api/briefing/", Endpoint::briefing},
                              std::pair{"/api/related/", Endpoint::related}}) {
    if (path.rfind(prefix, 0) == 0) {
      endpoint = kind;
      request.id = path.substr(std::string_view(prefix).size());
    }
  }

  web::ApiResponse response;
  switch (endpoint) {
    case Endpoint::search:
      response = web::handle_search(context(), request);
      break;
    case Endpoint::briefing:
      response = web::handle_briefing(context(), request);
      break;
    case Endpoint::related:
      response = web::handle_related(context(), request);
      break;
  }

  const ordered_json& body = response.body;
  require(body.is_object(), "the body is not an object");
  // The server's serialisation (invalid UTF-8 replaced) must give JSON that parses back.
  std::string text = body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  require(ordered_json::accept(text), "the body does not serialise to valid JSON");

  int status = response.status;
  if (endpoint == Endpoint::search) {
    require(status == 200 || status == 400, "search answered neither 200 nor 400");
  } else {
    require(status == 200 || status == 400 || status == 404, "unexpected status");
  }

  if (status != 200) {
    require(body.contains("error") && body["error"].is_string() &&
                !body["error"].get_ref<const std::string&>().empty(),
            "an error without a message");
  }
  if (status == 400) {
    require(body.contains("parameter") && body["parameter"].is_string(),
            "a 400 does not name its parameter");
    const std::string& named = body["parameter"].get_ref<const std::string&>();
    static const std::set<std::string> known = {"q",    "domain", "since", "until",
                                                "sort", "offset", "limit"};
    require(known.count(named) == 1, "a 400 names an unknown parameter");
    bool carried = false;
    for (const auto& [key, value] : request.params) carried = carried || key == named;
    require(carried, "a 400 names a parameter the request did not carry");
  }
  if (status != 200) return 0;

  if (endpoint == Endpoint::briefing) {
    check_html(body["headline_html"]);
    for (const auto& paragraph : body["paragraphs"]) {
      for (const auto& sentence : paragraph) check_html(sentence["html"]);
    }
    return 0;
  }
  check_hits(body["results"]);
  if (endpoint == Endpoint::search) {
    long limit = param_or(request, "limit", 10);
    long offset = param_or(request, "offset", 0);
    require(static_cast<long>(body["results"].size()) <= limit, "more results than limit");
    require(body["offset"].get<long>() == offset, "offset not echoed");
  }
  return 0;
}
