// The Atom feeds, as a feed reader gets them over HTTP, checked by a real XML parser
// (Python's xml.etree) for the elements RFC 4287 requires, for escaping and for following
// the index as it grows.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "index/saved_search_store.h"
#include "tests/support/process.h"
#include "tests/support/skip.h"
#include "tests/web/web_fixture.h"
#include "web/atom_feed.h"

using namespace briefings;
using namespace briefings::testing;
using nlohmann::json;

namespace {

// Parses an Atom document with xml.etree, checks what RFC 4287 requires of a feed and of its
// entries (exits 1 naming what is missing), and prints what a reader would show, as JSON.
constexpr const char* kAtomReader = R"PY(
import json, re, sys
import xml.etree.ElementTree as ET
A = '{http://www.w3.org/2005/Atom}'
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$')
IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:\S+$')
def fail(why):
    print(why, file=sys.stderr); sys.exit(1)
def one(parent, name, where):
    found = parent.findall(A + name)
    if len(found) != 1: fail('%s has %d <%s>, not 1' % (where, len(found), name))
    return found[0]
def date(parent, name, where):
    text = one(parent, name, where).text or ''
    if not DATE.match(text): fail('%s <%s> is no RFC 3339 date: %r' % (where, name, text))
    return text
def links(parent):
    return {l.get('rel', 'alternate'): l.get('href') for l in parent.findall(A + 'link')}
root = ET.parse(sys.argv[1]).getroot()
if root.tag != A + 'feed': fail('the root is ' + root.tag)
feed_id = one(root, 'id', 'feed').text or ''
if not IRI.match(feed_id): fail('the feed id is no IRI: ' + feed_id)
out = {'id': feed_id, 'title': one(root, 'title', 'feed').text,
       'updated': date(root, 'updated', 'feed'), 'links': links(root), 'entries': []}
if 'self' not in out['links']: fail('no rel=self link')
has_author = root.find(A + 'author/' + A + 'name') is not None
for e in root.findall(A + 'entry'):
    entry_id = one(e, 'id', 'entry').text or ''
    if not IRI.match(entry_id): fail('an entry id is no IRI: ' + entry_id)
    content = e.find(A + 'content')
    if content is None and 'alternate' not in links(e): fail('an entry has no content or link')
    if not has_author and e.find(A + 'author') is None: fail('an entry has no author')
    pub = e.find(A + 'published')
    out['entries'].append({'id': entry_id, 'title': one(e, 'title', 'entry').text,
        'title_children': len(list(one(e, 'title', 'entry'))),
        'updated': date(e, 'updated', 'entry'), 'published': None if pub is None else pub.text,
        'link': links(e).get('alternate'), 'content': None if content is None else content.text,
        'content_type': None if content is None else content.get('type'),
        'categories': [c.get('term') for c in e.findall(A + 'category')]})
print(json.dumps(out))
)PY";

struct FeedFixture : IndexFixture {
  RunningServer server{db.string()};

  // GET `target`; the response must be `status`.
  httplib::Result get(const std::string& target, int status = 200) {
    auto r = server.client().Get(target.c_str());
    REQUIRE(r);
    INFO(target << ": " << r->body);
    REQUIRE(r->status == status);
    return r;
  }
  // The feed at `target` as the reader sees it.
  json read_feed(const std::string& target) {
    auto r = get(target);
    CHECK(r->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
    const auto file = dir.write("feed.xml", r->body);
    auto parsed = run_program({"python3", "-c", kAtomReader, file.string()});
    INFO(r->body << "\n" << parsed.err);
    REQUIRE(parsed.exit_code == 0);
    return json::parse(parsed.out);
  }
  void save(const std::string& name, const std::string& query) {
    SavedSearch s;
    s.name = name;
    s.query = query;
    SavedSearchStore(db.string()).add(s, false);
  }
};

bool have_python() {
  return run_command("command -v python3 >/dev/null").exit_code == 0;
}

std::vector<std::string> titles(const json& feed) {
  std::vector<std::string> out;
  for (const auto& e : feed["entries"]) out.push_back(e["title"]);
  return out;
}

}  // namespace

TEST_CASE("a saved search's feed is valid Atom, newest first, and follows the index",
          "[web][feeds]") {
  if (!have_python()) SKIP_TEST("python3 is not installed");
  FeedFixture f;
  f.save("bedrock", "Bedrock");
  const std::string base = "http://127.0.0.1:" + std::to_string(f.server.port);
  json feed = f.read_feed("/feeds/bedrock.atom");
  CHECK(feed["title"] == "Briefings: bedrock (Bedrock)");
  CHECK(feed["id"].get<std::string>().rfind("urn:uuid:", 0) == 0);
  CHECK(feed["links"]["self"] == base + "/feeds/bedrock.atom");
  CHECK(feed["links"]["alternate"] == base + "/?q=Bedrock");
  CHECK(titles(feed) ==
        std::vector<std::string>{"Bedrock pricing cut lands as enterprise demand grows",
                                 "Amazon widens Bedrock for enterprise agents"});
  const json& first = feed["entries"][0];
  CHECK(first["published"] == "2026-02-03T00:00:00Z");
  CHECK(first["categories"] == json::array({"cnbc.com", "reuters.com"}));
  CHECK(first["content_type"] == "html");
  CHECK(first["content"].get<std::string>().find("<mark>Bedrock</mark>") != std::string::npos);
  CHECK(first["content"].get<std::string>().find("Sources: cnbc.com, reuters.com") !=
        std::string::npos);
  const std::string link = first["link"];
  CHECK(link.rfind(base + "/?q=Bedrock&id=", 0) == 0);
  CHECK(feed["updated"] >= first["updated"]);

  // The same feed again has the same ids; a briefing indexed since comes first.
  f.write("bedrock-outage.txt",
          dated_briefing("2026-03-02", "Brief Bedrock outage hits dashboards",
                         "Dashboards failed when Bedrock timed out. (theverge.com)",
                         "Credits follow. (aws.amazon.com)"));
  f.index();
  json after = f.read_feed("/feeds/bedrock.atom");
  REQUIRE(after["entries"].size() == 3);
  CHECK(after["entries"][0]["title"] == "Brief Bedrock outage hits dashboards");
  CHECK(after["entries"][1]["id"] == first["id"]);
  CHECK(after["id"] == feed["id"]);
  CHECK(after["updated"] > feed["updated"]);
  CHECK(after["updated"] == after["entries"][0]["updated"]);
}

TEST_CASE("the feed of any query takes the filters of /api/search", "[web][feeds]") {
  if (!have_python()) SKIP_TEST("python3 is not installed");
  FeedFixture f;
  json feed = f.read_feed("/feeds/search.atom?q=Bedrock&domain=aws.amazon.com&since=2026");
  CHECK(titles(feed) == std::vector<std::string>{"Amazon widens Bedrock for enterprise agents"});
  CHECK(feed["title"] == "Briefings: Bedrock [aws.amazon.com, since 2026]");
  CHECK(feed["links"]["alternate"].get<std::string>().find(
            "/?q=Bedrock&domain=aws.amazon.com&since=2026") != std::string::npos);
  // Only briefings holding every word: a feed is no place for partial matches.
  CHECK(f.read_feed("/feeds/search.atom?q=Bedrock+quokka")["entries"].empty());
  CHECK(f.read_feed("/feeds/search.atom?q=Bedrock&limit=1")["entries"].size() == 1);
  CHECK(f.read_feed("/feeds/search.atom")["entries"].size() == 4);  // every briefing
  // Another query is another feed.
  CHECK(f.read_feed("/feeds/search.atom?q=rail")["id"] != feed["id"]);
  CHECK(json::parse(f.get("/feeds/search.atom?limit=1000", 400)->body)["parameter"] == "limit");
  CHECK(json::parse(f.get("/feeds/search.atom?since=soon", 400)->body)["parameter"] == "since");
}

TEST_CASE("a hostile headline reaches a feed as text, and the feed stays well-formed",
          "[web][feeds]") {
  if (!have_python()) SKIP_TEST("python3 is not installed");
  FeedFixture f;
  // Control characters XML 1.0 cannot hold at all, a CDATA end and a stray byte.
  f.write("control.txt",
          dated_briefing("2026-03-06", "Quokka \x01\x0b count ]]> rises \xff again",
                         "A quokka note. (example.org)", "Nothing more. (example.org)"));
  f.index();
  json feed = f.read_feed("/feeds/search.atom?q=quokka+%3Cscript%3E&limit=10");
  CHECK(feed["title"] == "Briefings: quokka <script>");
  json all = f.read_feed("/feeds/search.atom?q=quokka");
  REQUIRE(all["entries"].size() == 2);
  for (const auto& e : all["entries"]) {
    CHECK(e["title_children"] == 0);  // text, never elements
    const std::string content = e["content"];
    CHECK(content.find("<script") == std::string::npos);  // HTML escaped inside the XML
    CHECK(content.find("<img") == std::string::npos);
    CHECK(content.find("<b>") == std::string::npos);
  }
  std::set<std::string> headlines{all["entries"][0]["title"], all["entries"][1]["title"]};
  CHECK(headlines.count("<img src=x onerror=alert(1)> & \"quokka\" <b>news</b>"));
  // The parser keeps the \x01 (the \x0b is white space to it); the feed replaces it.
  CHECK(headlines.count("Quokka \xef\xbf\xbd count ]]> rises \xef\xbf\xbd again"));
}

TEST_CASE("an unknown or impossible saved search's feed is a 404", "[web][feeds]") {
  FeedFixture f;
  for (const char* target :
       {"/feeds/nope.atom", "/feeds/..%2F..%2Fetc%2Fpasswd.atom", "/feeds/bad%20name.atom",
        "/feeds/.atom", "/feeds/x", "/feeds/bedrock.xml"}) {
    INFO(target);
    auto r = f.get(target, 404);
    CHECK(json::parse(r->body).contains("error"));
  }
}

TEST_CASE("XML text: escaped, and what XML 1.0 cannot hold replaced", "[web][feeds]") {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"plain", "plain"},
      {"<a href=\"x\">'&'</a>", "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"},
      {"caf\xc3\xa9 \xf0\x9f\x93\xb0", "caf\xc3\xa9 \xf0\x9f\x93\xb0"},
      {"tab\tnew\nline\r", "tab\tnew\nline\r"},
      {std::string("nul\0x", 5), "nul\xef\xbf\xbdx"},
      {"\x01\x1f", "\xef\xbf\xbd\xef\xbf\xbd"},
      {"\xef\xbf\xbe", "\xef\xbf\xbd"},                          // U+FFFE
      {"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},  // a surrogate: 3 bad bytes
      {"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},                  // over-long '/'
      {"end \xe2\x82", "end \xef\xbf\xbd\xef\xbf\xbd"},          // cut short
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(web::xml_escaped(c.in) == c.out);
  }
  CHECK(web::url_encoded("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
  CHECK(web::entry_id("0123456789abcdef") == "urn:uuid:01234567-89ab-8cde-8f62-627269656665");
  CHECK(web::feed_id("saved", "a") != web::feed_id("saved", "b"));
  CHECK(web::feed_id("saved", "a") != web::feed_id("search", "a"));
}
