// parse_briefing: how the bytes of a saved briefing become a Briefing.
//
// Every fixture is written inline here; none is copied from real briefings.
#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "index/host_names.h"
#include "indexer/briefing_parser.h"
#include "indexer/text_utils.h"

using namespace briefings;
using namespace std::string_literals;

namespace {

const Date kToday{2026, 11, 25};

ParseContext context() {
  return ParseContext{"test.txt", std::nullopt, 0, kToday};
}

ParseOutcome parse(const std::string& bytes, const ParseContext& ctx = context()) {
  return parse_briefing(bytes, ctx);
}

const std::string kFooter =
    "Get your own daily briefing\n\nThe app brings you curated news every morning.\n\n"
    "Download on the App Store\n\nShared from the app - Stay informed.";

// A briefing in the app's shape, with a footer.
const std::string kPlain =
    "Harbor city approves new ferry line\n"
    "\n"
    "The council voted to fund a ferry between the two piers. Officials expect the first boats "
    "within a year. (harbornews.com) (citydesk.org)\n"
    "\n"
    "The vote passed 7 to 2 on Tuesday, March 3, 2026 after a long debate. (harbornews.com 1) "
    "Critics said the budget (about $4 billion) was too high. (www.Metro-Times.co.uk) "
    "Supporters pointed to crowded roads. (harbornews.com 2)\n"
    "\n" +
    kFooter;

std::vector<std::string> texts(const Paragraph& p) {
  std::vector<std::string> out;
  for (const auto& s : p.sentences) out.push_back(s.text);
  return out;
}

bool has_warning(const ParseOutcome& o, const std::string& phrase) {
  for (const auto& w : o.warnings) {
    if (w.find(phrase) != std::string::npos) return true;
  }
  return false;
}

// The one paragraph of "Headline\n\n<paragraph>".
Paragraph only_paragraph(const std::string& paragraph) {
  ParseOutcome o = parse("Some headline\n\n" + paragraph + "\n");
  REQUIRE(o.briefing);
  REQUIRE(o.briefing->paragraphs.size() == 1);
  return o.briefing->paragraphs[0];
}

// A "(x)" or "(x N)" in sentence text whose x is a host with a known suffix: must not exist.
bool contains_citation(std::string_view text) {
  size_t open = text.find('(');
  while (open != std::string_view::npos) {
    size_t close = text.find(')', open);
    if (close == std::string_view::npos) return false;
    std::string_view inside = text.substr(open + 1, close - open - 1);
    if (inside.find('(') == std::string_view::npos) {
      inside = briefings::text::trim(inside);
      size_t space = inside.find(' ');
      std::string_view host = inside.substr(0, space);
      std::string_view rest =
          space == std::string_view::npos ? "" : briefings::text::trim(inside.substr(space));
      bool number = rest.size() <= 3 && rest.find_first_not_of("0123456789") == std::string::npos;
      std::string normal = schema::normalize_host(host);
      if (number && !normal.empty() && schema::has_known_suffix(normal)) return true;
    }
    open = text.find('(', open + 1);
  }
  return false;
}

}  // namespace

TEST_CASE("a plain briefing becomes headline, summary, body and dated sentences",
          "[indexer][parser]") {
  ParseOutcome o = parse(kPlain);
  REQUIRE(o.briefing);
  CHECK(o.warnings.empty());
  const Briefing& b = *o.briefing;
  CHECK(b.headline == "Harbor city approves new ferry line");
  REQUIRE(b.paragraphs.size() == 2);
  CHECK(texts(b.paragraphs[0]) ==
        std::vector<std::string>{"The council voted to fund a ferry between the two piers.",
                                 "Officials expect the first boats within a year."});
  CHECK(b.paragraphs[0].sentences[0].hosts.empty());
  CHECK(b.paragraphs[0].sentences[1].hosts ==
        std::vector<std::string>{"harbornews.com", "citydesk.org"});
  const auto& body = b.paragraphs[1].sentences;
  REQUIRE(body.size() == 3);
  CHECK(body[0] == Sentence{"The vote passed 7 to 2 on Tuesday, March 3, 2026 after a long debate.",
                            {"harbornews.com"}});
  CHECK(body[1] == Sentence{"Critics said the budget (about $4 billion) was too high.",
                            {"metro-times.co.uk"}});
  CHECK(body[2] == Sentence{"Supporters pointed to crowded roads.", {"harbornews.com"}});
  CHECK(b.date.iso() == "2026-03-03");
  CHECK(b.date_source == DateSource::text);
  CHECK(b.hosts() ==
        std::vector<std::string>{"citydesk.org", "harbornews.com", "metro-times.co.uk"});
  CHECK(b.id.empty());
  CHECK(b.paths.empty());
}

TEST_CASE("citations are taken out of the text and credited to their sentence",
          "[indexer][parser][citations]") {
  struct Case {
    const char* rule;
    std::string paragraph;
    std::vector<Sentence> expected;
  };
  const std::vector<Case> cases = {
      {"a single citation", "Tolls went up. (roads.com)", {{"Tolls went up.", {"roads.com"}}}},
      {"several in a row",
       "Tolls went up. (roads.com) (drivers.org) (toll-watch.net)",
       {{"Tolls went up.", {"roads.com", "drivers.org", "toll-watch.net"}}}},
      {"numbered, one host once",
       "Tolls went up. (roads.com 1) (roads.com 2)",
       {{"Tolls went up.", {"roads.com"}}}},
      {"mid-paragraph citation closes its sentence",
       "Tolls went up. (roads.com) Drivers complained loudly. (drivers.org)",
       {{"Tolls went up.", {"roads.com"}}, {"Drivers complained loudly.", {"drivers.org"}}}},
      {"www. dropped and upper case lowered",
       "Tolls went up. (WWW.Roads.COM)",
       {{"Tolls went up.", {"roads.com"}}}},
      {"sub-domains are kept",
       "Tolls went up. (news.blog.roads.com)",
       {{"Tolls went up.", {"news.blog.roads.com"}}}},
      {"country domains",
       "Tolls went up. (dailytimes.in) Buses too. (transit.co.uk)",
       {{"Tolls went up.", {"dailytimes.in"}}, {"Buses too.", {"transit.co.uk"}}}},
      {"ordinary parentheses stay text",
       "The plan (about $4 billion) uses (Node.js) in the (U.S.) market (see below).",
       {{"The plan (about $4 billion) uses (Node.js) in the (U.S.) market (see below).", {}}}},
      {"citation without a full stop, before a new sentence",
       "Prices held steady (markets.com) Traders waited for news.",
       {{"Prices held steady", {"markets.com"}}, {"Traders waited for news.", {}}}},
      {"citation inside a sentence keeps the sentence going",
       "A survey (polls.org) found that riders were unhappy.",
       {{"A survey found that riders were unhappy.", {"polls.org"}}}},
      {"citation before the full stop",
       "Output doubled (factory.com).",
       {{"Output doubled.", {"factory.com"}}}},
      {"several hosts in one pair of parentheses",
       "Output doubled. (factory.com, workers.org)",
       {{"Output doubled.", {"factory.com", "workers.org"}}}},
      {"nested leftovers never survive as text",
       "Output doubled. ((factory.com)factory.com) Next.",
       {{"Output doubled.", {}}, {"Next.", {"factory.com"}}}},
      {"citations before any text go to the first sentence",
       "(early.com) Output doubled.",
       {{"Output doubled.", {"early.com"}}}},
  };
  for (const Case& c : cases) {
    INFO(c.rule << "\nparagraph: " << c.paragraph);
    Paragraph p = only_paragraph(c.paragraph);
    CHECK(p.sentences == c.expected);
    for (const auto& s : p.sentences) CHECK_FALSE(contains_citation(s.text));
  }
}

TEST_CASE("sentences split at end punctuation but not inside abbreviations",
          "[indexer][parser][sentences]") {
  struct Case {
    std::string paragraph;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"The U.S. economy grew. Exports fell.", {"The U.S. economy grew.", "Exports fell."}},
      {"Mr. Lee spoke first. Dr. Ortiz replied.", {"Mr. Lee spoke first.", "Dr. Ortiz replied."}},
      {"Shares of Acme Inc. rose. Rivals fell.", {"Shares of Acme Inc. rose.", "Rivals fell."}},
      {"Talks ended on Oct. 28 without a deal. Then silence.",
       {"Talks ended on Oct. 28 without a deal.", "Then silence."}},
      {"Small tools, e.g. Editors, helped. Teams agreed.",
       {"Small tools, e.g. Editors, helped.", "Teams agreed."}},
      {"A memo by J. Rivera leaked. Staff read it.",
       {"A memo by J. Rivera leaked.", "Staff read it."}},
      {"Wait! Really? Yes.", {"Wait!", "Really?", "Yes."}},
      {"She asked “why now?” Nobody answered.", {"She asked “why now?”", "Nobody answered."}},
      {"He said \"enough.\" The room went quiet.", {"He said \"enough.\"", "The room went quiet."}},
      {"Version 2.5 shipped. 40 teams use it.", {"Version 2.5 shipped.", "40 teams use it."}},
      {"It ended. then it started again.", {"It ended. then it started again."}},
      {"  Lots   of\tspace.    Here  too.  ", {"Lots of space.", "Here too."}},
      {"No full stop at the end", {"No full stop at the end"}},
      {"It grew. (See the chart.) Then it shrank.",
       {"It grew.", "(See the chart.)", "Then it shrank."}},
  };
  for (const Case& c : cases) {
    INFO(c.paragraph);
    CHECK(texts(only_paragraph(c.paragraph)) == c.expected);
  }
}

TEST_CASE("lines of a paragraph are joined", "[indexer][parser]") {
  Paragraph p = only_paragraph("The first line goes\non and on. A second\nsentence ends here.");
  CHECK(texts(p) ==
        std::vector<std::string>{"The first line goes on and on.", "A second sentence ends here."});
}

TEST_CASE("the app footer is dropped, and a missing one is fine", "[indexer][parser][footer]") {
  ParseOutcome with = parse(kPlain);
  REQUIRE(with.briefing);
  std::string body = with.briefing->body_text();
  CHECK(body.find("Get your own") == std::string::npos);
  CHECK(body.find("App Store") == std::string::npos);
  CHECK(body.find("curated news") == std::string::npos);

  std::string without_footer = kPlain.substr(0, kPlain.find("Get your own"));
  ParseOutcome without = parse(without_footer);
  REQUIRE(without.briefing);
  CHECK(without.warnings.empty());
  CHECK(without.briefing->paragraphs == with.briefing->paragraphs);
  CHECK(without.briefing->headline == with.briefing->headline);
}

TEST_CASE("Markdown copies are understood", "[indexer][parser][markdown]") {
  SECTION("# headline, ## sub-heading and bold markers") {
    ParseOutcome o = parse(
        "# Harbor city approves new ferry line\n\n**Summary:** The council voted yes. "
        "(harbornews.com)\n\n## Details\n\nThe **vote** was close. (citydesk.org)\n");
    REQUIRE(o.briefing);
    CHECK(o.warnings.empty());
    const Briefing& b = *o.briefing;
    CHECK(b.headline == "Harbor city approves new ferry line");
    REQUIRE(b.paragraphs.size() == 3);
    CHECK(texts(b.paragraphs[0]) == std::vector<std::string>{"Summary: The council voted yes."});
    CHECK(texts(b.paragraphs[1]) == std::vector<std::string>{"Details"});
    CHECK(texts(b.paragraphs[2]) == std::vector<std::string>{"The vote was close."});
  }
  SECTION("closing hashes, bold headline, setext underline") {
    auto headline = [](const std::string& text) {
      ParseOutcome o = parse(text);
      REQUIRE(o.briefing);
      return o.briefing->headline;
    };
    CHECK(headline("## Ferry line approved ##\n\nText here.") == "Ferry line approved");
    CHECK(headline("**Ferry line approved**\n\nText here.") == "Ferry line approved");
    CHECK(headline("Ferry line approved\n===\n\nText here.") == "Ferry line approved");
  }
}

TEST_CASE("a leading metadata block is read and not indexed", "[indexer][parser][metadata]") {
  SECTION("Key: value lines") {
    ParseOutcome o = parse(
        "Date: 2025-06-01\nSource: some app\n\nFerry line approved\n\nThe council voted yes.\n");
    REQUIRE(o.briefing);
    CHECK(o.briefing->headline == "Ferry line approved");
    CHECK(o.briefing->body_text() == "The council voted yes.");
    CHECK(o.briefing->date.iso() == "2025-06-01");
    CHECK(o.briefing->date_source == DateSource::metadata);
  }
  SECTION("a title in the metadata is the headline") {
    ParseOutcome o =
        parse("Title: Ferry line approved\nDate: June 1, 2025\n\nThe council voted yes.\n");
    REQUIRE(o.briefing);
    CHECK(o.briefing->headline == "Ferry line approved");
    CHECK(o.briefing->body_text() == "The council voted yes.");
    CHECK(o.briefing->date.iso() == "2025-06-01");
  }
  SECTION("a headline repeating the metadata title is not text") {
    ParseOutcome o = parse("Title: Ferry line approved\n\nFerry line approved\n\nVotes cast.\n");
    REQUIRE(o.briefing);
    CHECK(o.briefing->headline == "Ferry line approved");
    CHECK(o.briefing->body_text() == "Votes cast.");
  }
  SECTION("YAML front matter") {
    ParseOutcome o = parse(
        "---\ntitle: \"Ferry line approved\"\ndate: 2025-06-01\ntags: [city]\n---\n\n"
        "# Ferry line approved\n\nThe council voted yes.\n");
    REQUIRE(o.briefing);
    CHECK(o.warnings.empty());
    CHECK(o.briefing->headline == "Ferry line approved");
    CHECK(o.briefing->body_text() == "The council voted yes.");
    CHECK(o.briefing->date.iso() == "2025-06-01");
    CHECK(o.briefing->date_source == DateSource::metadata);
  }
  SECTION("a headline that looks like Key: value stays the headline") {
    ParseOutcome o = parse("Breaking: ferry line approved\n\nThe council voted yes.\n");
    REQUIRE(o.briefing);
    CHECK(o.briefing->headline == "Breaking: ferry line approved");
  }
  SECTION("an unreadable metadata date falls back to the text") {
    ParseOutcome o = parse("Date: soon\n\nFerry line\n\nIt opened on May 2, 2025.\n");
    REQUIRE(o.briefing);
    CHECK(has_warning(o, "metadata date"));
    CHECK(o.briefing->date.iso() == "2025-05-02");
    CHECK(o.briefing->date_source == DateSource::text);
  }
}

TEST_CASE("the date comes from the option, metadata, text or mtime, in that order",
          "[indexer][parser][date]") {
  const std::string with_metadata = "Date: 2025-06-01\n\nFerry line\n\nIt opened May 2, 2025.\n";
  const std::string with_text = "Ferry line\n\nIt opened on May 2, 2025.\n";
  const std::string without = "Ferry line\n\nIt opened to much applause.\n";
  const long long mtime = 1767225600;  // 2026-01-01T00:00:00Z
  struct Case {
    const char* rule;
    std::string bytes;
    std::optional<Date> option;
    long long mtime;
    const char* date;
    DateSource source;
  };
  const std::vector<Case> cases = {
      {"the option wins", with_metadata, Date{2024, 2, 29}, mtime, "2024-02-29",
       DateSource::option},
      {"then metadata", with_metadata, std::nullopt, mtime, "2025-06-01", DateSource::metadata},
      {"then the text", with_text, std::nullopt, mtime, "2025-05-02", DateSource::text},
      {"then the mtime (UTC day)", without, std::nullopt, mtime + 86399, "2026-01-01",
       DateSource::mtime},
      {"no mtime: no date", without, std::nullopt, 0, "", DateSource::none},
  };
  for (const Case& c : cases) {
    INFO(c.rule);
    ParseContext ctx = context();
    ctx.date_override = c.option;
    ctx.mtime_seconds = c.mtime;
    ParseOutcome o = parse(c.bytes, ctx);
    REQUIRE(o.briefing);
    CHECK(o.briefing->date.iso() == c.date);
    CHECK(o.briefing->date_source == c.source);
  }
}

TEST_CASE("bad input is skipped or repaired with a warning, never a crash",
          "[indexer][parser][bad-input]") {
  const std::string body = "Ferry line approved\n\nThe council voted yes. (harbornews.com)\n";
  struct Case {
    const char* rule;
    std::string bytes;
    const char* skip_reason;  // "" when the file is indexed
    const char* warning;      // "" when none is expected
  };
  const std::vector<Case> cases = {
      {"empty file", "", "empty file", ""},
      {"whitespace only", " \n\t\r\n  \n", "empty file", ""},
      {"a byte-order mark only", "\xEF\xBB\xBF\n", "empty file", ""},
      {"NUL bytes", "Ferry\0line\n"s, "binary file (NUL bytes)", ""},
      {"over 1 MiB", std::string(kMaxBriefingBytes + 1, 'a'), "larger than 1 MiB", ""},
      {"only the footer", kFooter, "no text", ""},
      {"only metadata", "Date: 2025-06-01\nSource: app\n", "no text", ""},
      {"Windows line endings", "Ferry line approved\r\n\r\nThe council voted yes.\r\n", "",
       "Windows line endings"},
      {"old Mac line endings", "Ferry line approved\r\rThe council voted yes.\r", "",
       "CR line endings"},
      {"byte-order mark", "\xEF\xBB\xBF" + body, "", "byte-order mark"},
      {"invalid UTF-8", "Ferry \xFF line\n\nThe council \xC3 voted.\n", "", "invalid UTF-8"},
      {"no blank lines", "Ferry line approved\nThe council voted.\nRiders cheered.\n", "",
       "no blank lines"},
      {"no blank line after the headline",
       "Ferry line approved\nThe council voted.\n\nRiders cheered.\n", "",
       "no blank line after the headline"},
      {"headline over 500 bytes", std::string(600, 'x') + "\n\nText.\n", "", "headline"},
      {"headline only", "Ferry line approved\n", "", ""},
  };
  for (const Case& c : cases) {
    INFO(c.rule);
    ParseOutcome o;
    REQUIRE_NOTHROW(o = parse(c.bytes));
    CHECK(o.skip_reason == c.skip_reason);
    CHECK(static_cast<bool>(o.briefing) == (std::string(c.skip_reason).empty()));
    if (std::string(c.warning).empty()) {
      CHECK(o.warnings.empty());
    } else {
      CHECK(has_warning(o, c.warning));
    }
  }
}

TEST_CASE("repairs keep the content", "[indexer][parser][bad-input]") {
  ParseOutcome lf = parse(kPlain);
  REQUIRE(lf.briefing);
  SECTION("CRLF and lone CR read like LF") {
    std::string crlf, cr;
    for (char c : kPlain) {
      crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
      cr += c == '\n' ? '\r' : c;
    }
    for (const std::string& bytes : {crlf, cr}) {
      ParseOutcome o = parse(bytes);
      REQUIRE(o.briefing);
      CHECK(o.briefing->headline == lf.briefing->headline);
      CHECK(o.briefing->paragraphs == lf.briefing->paragraphs);
    }
  }
  SECTION("a byte-order mark is stripped") {
    ParseOutcome o = parse("\xEF\xBB\xBF" + kPlain);
    REQUIRE(o.briefing);
    CHECK(o.briefing->headline == lf.briefing->headline);
  }
  SECTION("invalid bytes become U+FFFD") {
    ParseOutcome o = parse("Ferry \xFF line\n\nThe council \xE2\x80 voted.\n");
    REQUIRE(o.briefing);
    CHECK(o.briefing->headline == "Ferry \xEF\xBF\xBD line");
    CHECK(o.briefing->body_text() == "The council \xEF\xBF\xBD voted.");
  }
  SECTION("without blank lines each line is a paragraph") {
    ParseOutcome o = parse("Ferry line approved\nThe council voted.\nRiders cheered. (a.com)\n");
    REQUIRE(o.briefing);
    CHECK(o.briefing->headline == "Ferry line approved");
    REQUIRE(o.briefing->paragraphs.size() == 2);
    CHECK(o.briefing->paragraphs[1].sentences[0] == Sentence{"Riders cheered.", {"a.com"}});
  }
  SECTION("a long headline is cut at a character boundary") {
    std::string accents;
    while (accents.size() < 700) accents += "\xC3\xA9";  // é
    ParseOutcome o = parse(" " + accents + "\n\nText.\n");
    REQUIRE(o.briefing);
    CHECK(o.briefing->headline.size() <= kMaxHeadlineBytes);
    CHECK(o.briefing->headline.size() >= kMaxHeadlineBytes - 1);
    CHECK(briefings::text::is_valid_utf8(o.briefing->headline));
  }
  SECTION("a headline-only file has no paragraphs") {
    ParseOutcome o = parse("# Ferry line approved\n\n" + kFooter);
    REQUIRE(o.briefing);
    CHECK(o.briefing->headline == "Ferry line approved");
    CHECK(o.briefing->paragraphs.empty());
  }
}

TEST_CASE("hostile input is handled in linear time", "[indexer][parser][performance]") {
  auto started = std::chrono::steady_clock::now();
  std::vector<std::string> inputs;
  inputs.push_back("Head\n\n" + std::string(kMaxBriefingBytes - 10, '('));
  std::string many = "Head\n\nA claim.";
  while (many.size() < kMaxBriefingBytes - 40)
    many += " (s" + std::to_string(many.size()) + ".com)";
  inputs.push_back(many);
  std::string repeated = "Head\n\n";
  while (repeated.size() < kMaxBriefingBytes - 40) repeated += "Sales rose. (wire.com 1) ";
  inputs.push_back(repeated);
  std::string unclosed = "Head\n\n";
  while (unclosed.size() < kMaxBriefingBytes - 40) unclosed += "(wire.com ";
  inputs.push_back(unclosed);
  std::string dates = "Head\n\n";
  while (dates.size() < kMaxBriefingBytes - 40) dates += "Sunday, April 12 2019 ";
  inputs.push_back(dates);
  inputs.push_back(std::string(kMaxBriefingBytes, 'a'));
  for (const auto& input : inputs) {
    ParseOutcome o = parse(input);
    CHECK(o.skip_reason.empty());
  }
  ParseOutcome o = parse(many);
  REQUIRE(o.briefing);
  CHECK(o.briefing->hosts().size() > 10000);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(seconds < 30);  // generous: a Debug build on a busy machine; quadratic would be hours
}

TEST_CASE("random and mutated bytes never break the parser's promises",
          "[indexer][parser][property]") {
  std::mt19937 rng(20260412);
  const std::vector<std::string> pieces = {kPlain,
                                           "(",
                                           ")",
                                           "(wire.com)",
                                           "(WWW.Wire.Com 2)",
                                           "((",
                                           "))",
                                           ". ",
                                           "\n",
                                           "\n\n",
                                           "\r",
                                           "\r\n",
                                           "Get your own daily briefing",
                                           "# ",
                                           "**",
                                           "---\n",
                                           "Date: 2025-01-01\n",
                                           "Sunday, April 12",
                                           "\xEF\xBB\xBF",
                                           "\xFF",
                                           "\xC3",
                                           "\xE2\x80\x9D",
                                           "(Node.js)",
                                           "U.S. ",
                                           "(a.co.uk, b.in)",
                                           "x",
                                           " ",
                                           "Oct. 28, 2025",
                                           "(1)",
                                           "wire.com)"};
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  for (int round = 0; round < 400; ++round) {
    std::string bytes;
    if (round % 4 == 0) {
      size_t len = pick(300);
      for (size_t i = 0; i < len; ++i) bytes += static_cast<char>(pick(256));
    } else if (round % 4 == 1) {
      size_t count = 1 + pick(40);
      for (size_t i = 0; i < count; ++i) bytes += pieces[pick(pieces.size())];
    } else {
      bytes = kPlain;
      size_t edits = 1 + pick(20);
      for (size_t e = 0; e < edits && !bytes.empty(); ++e) {
        size_t at = pick(bytes.size());
        switch (pick(4)) {
          case 0:
            bytes.erase(at, 1 + pick(10));
            break;
          case 1:
            bytes.insert(at, pieces[1 + pick(pieces.size() - 1)]);
            break;
          case 2:
            bytes[at] = static_cast<char>(pick(256));
            break;
          default:
            bytes.insert(at, bytes.substr(pick(bytes.size()), pick(30)));
            break;
        }
      }
    }
    INFO("round " << round);
    ParseOutcome o;
    REQUIRE_NOTHROW(o = parse(bytes));
    CHECK(briefings::text::is_valid_utf8(o.skip_reason));
    for (const auto& w : o.warnings) CHECK(briefings::text::is_valid_utf8(w));
    if (!o.briefing) {
      CHECK_FALSE(o.skip_reason.empty());
      continue;
    }
    const Briefing& b = *o.briefing;
    CHECK(briefings::text::is_valid_utf8(b.headline));
    CHECK(b.headline.size() <= kMaxHeadlineBytes);
    for (const auto& p : b.paragraphs) {
      for (const auto& s : p.sentences) {
        CHECK(briefings::text::is_valid_utf8(s.text));
        CHECK_FALSE(contains_citation(s.text));
        for (const auto& h : s.hosts) {
          CHECK(schema::normalize_host(h) == h);
          CHECK(s.text.find("(" + h + ")") == std::string::npos);
        }
      }
    }
  }
}
