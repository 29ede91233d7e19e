// infer_date_from_text: which calendar day a briefing's own words report.
//
// All cases are read as of "today" = 2026-11-25 unless a case says otherwise.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "indexer/briefing_parser.h"

using namespace briefings;

namespace {

const Date kToday{2026, 11, 25};

std::string iso_or_none(const std::optional<Date>& d) {
  return d ? d->iso() : "none";
}

struct Case {
  const char* rule;
  const char* text;
  const char* expected;  // ISO date, or "none"
};

void check_cases(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    INFO(c.rule << "\ntext: " << c.text);
    CHECK(iso_or_none(infer_date_from_text(c.text, kToday)) == c.expected);
  }
}

}  // namespace

TEST_CASE("full dates are read in the usual English forms", "[indexer][date]") {
  check_cases({
      {"Month D, YYYY", "The merger closed on October 28, 2025 after long talks.", "2025-10-28"},
      {"abbreviated month with a dot", "Regulators signed off on Oct. 28, 2025.", "2025-10-28"},
      {"abbreviated month without a dot", "Regulators signed off on Oct 28, 2025.", "2025-10-28"},
      {"Sept. as September", "A vote took place Sept. 3, 2024 in the capital.", "2024-09-03"},
      {"day before month", "The factory reopened on 28 October 2025.", "2025-10-28"},
      {"ISO date", "Filing reference dated 2025-10-28 was made public.", "2025-10-28"},
      {"ordinal day", "Shipments resumed on March 4th, 2025.", "2025-03-04"},
      {"consistent weekday", "The memo went out on Tuesday, October 28, 2025.", "2025-10-28"},
      {"latest of several", "Talks began January 5, 2025 and ended March 9, 2025.", "2025-03-09"},
  });
}

TEST_CASE("yearless dates take their year from the weekday or the years mentioned",
          "[indexer][date]") {
  check_cases({
      {"weekday picks the year up to today", "The note circulated on Sunday, April 12.",
       "2026-04-12"},
      {"weekday picks the year near the years mentioned",
       "Lockdowns spread in 2019 and beyond. The letter came out Sunday, April 12.", "2020-04-12"},
      {"no weekday: the year of a weekday-resolved date",
       "The memo was sent Sunday, April 12. A deal was struck on February 27. Rules changed on "
       "October 28, 2025.",
       "2026-04-12"},
      {"no weekday: the latest year mentioned",
       "Revenue doubled in 2024. On March 3 the board met again.", "2024-03-03"},
      {"no weekday, no year: today's year", "On March 3 the board met again.", "2026-03-03"},
      {"no weekday, no year, still to come this year: the year before",
       "The outage began on December 30 and lasted a day.", "2025-12-30"},
      {"day before month, yearless", "The board met on 3 March to vote.", "2026-03-03"},
  });
}

TEST_CASE("year-only and month-year mentions are not dates", "[indexer][date]") {
  check_cases({
      {"a year alone", "Sales peaked in 2025 and cooled later.", "none"},
      {"a month and year", "Hiring began in December 2025 across the group.", "none"},
      {"both", "Plans from January 2025 were revised in 2025.", "none"},
      {"a price is not a year", "The unit sold for $2025 at launch on March 3.", "2026-03-03"},
      {"a plain number is not a date", "The team shipped 2 products and 40% more code.", "none"},
      {"the verb may is no month", "Investors may 5 times over reconsider.", "none"},
  });
}

TEST_CASE("future-pointing phrases give neither a date nor a year", "[indexer][date]") {
  check_cases({
      {"by the end of", "Margins should recover by the end of 2024. On May 2 the shares fell.",
       "2026-05-02"},
      {"by a date", "Payment must arrive by March 3, 2026. The invoice went out May 2, 2025.",
       "2025-05-02"},
      {"until", "The discount runs until June 1, 2026. It started on May 2, 2025.", "2025-05-02"},
      {"expected on", "Results are expected on August 4, 2026. Guidance came May 2, 2025.",
       "2025-05-02"},
      {"scheduled for", "A hearing is scheduled for June 9, 2026. The suit was filed May 2, 2025.",
       "2025-05-02"},
      {"due", "The report is due July 7, 2026. A draft leaked May 2, 2025.", "2025-05-02"},
      {"deadline of", "Bidders face a deadline of June 30, 2026. Bids opened May 2, 2025.",
       "2025-05-02"},
      {"future year gives no year hint", "Targets hold by the end of 2019. Stocks fell on June 8.",
       "2026-06-08"},
  });
}

TEST_CASE("contradicted and future dates are ignored", "[indexer][date]") {
  check_cases({
      {"weekday contradicts the date", "The memo went out Monday, October 28, 2025.", "none"},
      {"after today", "The summit opens December 24, 2026 in Geneva.", "none"},
      {"after today, an earlier date still counts",
       "The summit opens December 24, 2026. It was announced on May 2, 2025.", "2025-05-02"},
  });
}

TEST_CASE("without a valid today, yearless dates need a year from the text", "[indexer][date]") {
  CHECK(iso_or_none(infer_date_from_text("Talks resumed on March 3.", Date{})) == "none");
  CHECK(iso_or_none(infer_date_from_text("Talks resumed on March 3, 2031.", Date{})) ==
        "2031-03-03");
}

TEST_CASE("briefings shaped like the real ones date from the Sunday they mention",
          "[indexer][date]") {
  // Two texts with the date phrases the real briefings use, in our own words.
  const char* first =
      "A leaked note dated Sunday, April 12, told sales staff to push the cloud deal. The pact "
      "signed on February 27 made the store the main reseller. The older agreement was reworked "
      "on October 28, 2025, and a rival investment was first announced on November 22, 2024. A "
      "trade paper said on April 9 that the arrangement was routine.";
  const char* second =
      "The note went out on Sunday, April 12, and praised the new reseller. A partnership was "
      "unveiled on February 27. Exclusivity terms changed on January 21, 2025, were restated in "
      "January 2025 and again in October 2025. The new chief joined in December 2025. Revenue "
      "parity is the goal by the end of 2026, and in 2026 the push continues.";
  CHECK(iso_or_none(infer_date_from_text(first, kToday)) == "2026-04-12");
  CHECK(iso_or_none(infer_date_from_text(second, kToday)) == "2026-04-12");
}

namespace {

struct Row {
  const char* why;
  const char* text;  // as the parser passes it: the headline, then one sentence a line
  Date today;
  const char* expected;  // ISO date, or "none"
};

const Date kEarlyDecember{2026, 12, 2};

// The two seeds' situation, in our own words: a weekday-resolved Sunday, yearless dates before
// it, full dates of earlier years, a month-year and a future year.
const char* const kSeedLike =
    "Cloud reseller wins the model maker's favour\n"
    "A memo sent Sunday, April 12, told sales staff the cloud store was now their best "
    "channel.\n"
    "The February 27 pact made the store the main outside reseller.\n"
    "The older alliance was reworked on October 28, 2025.\n"
    "A rival lab's funding was first announced on November 22, 2024.\n"
    "Exclusivity terms were loosened on January 21, 2025.\n"
    "A new sales chief arrived in December 2025.\n"
    "Both sides want revenue parity by the end of 2026.\n";

}  // namespace

TEST_CASE("real-world phrasing: datelines, periods, future mentions, New Year, forms",
          "[indexer][date][table]") {
  const Row rows[] = {
      // Datelines: the briefing's own date.
      {"dateline with weekday; a period's yearless end never dates it",
       "Meat packer posts half-year profit\nTORONTO, Monday, March 2, 1987.\nProfit for the "
       "six months ended December 31 rose 12 percent.\nA dividend is payable April 1, 1987.\n",
       kToday, "1987-03-02"},
      {"dateline with a year, no weekday",
       "Grain exports climb\nOTTAWA, March 2, 1987 - Shipments in the year to January 31 were "
       "the highest since 1979.\n",
       kToday, "1987-03-02"},
      {"wire dateline without a year: its latest occurrence up to today",
       "Pound slips\nLONDON, March 2 (Reuters) - Sterling fell on Monday after factory output "
       "shrank.\n",
       kToday, "2026-03-02"},
      {"yearless dateline comes after the full dates its story reports",
       "Bank shares rally\nLONDON, March 2 - Lenders rose after the regulator eased rules it "
       "had set on October 28, 2025.\n",
       kToday, "2026-03-02"},
      {"yearless dateline in a story about one year takes that year",
       "Rail strike spreads\nPARIS, June 4 - The strikes of 2019 reached the suburban lines on "
       "Tuesday.\n",
       kToday, "2019-06-04"},
      {"press-release dateline; a later yearless date cannot pass it",
       "Robot maker unveils picking arm\nNEW YORK, Feb. 3, 2026 /PRNewswire/ -- Acme Robotics "
       "introduced an arm it shipped to pilot sites on March 5.\n",
       kToday, "2026-02-03"},
      {"Business Wire dateline; the quarter ended is a period",
       "Helio Bank reports results\nSAN FRANCISCO--(BUSINESS WIRE)--Jan. 29, 2026-- Helio Bank "
       "reported income for the quarter ended December 31, 2025, and a dividend payable on "
       "February 13, 2026.\n",
       kToday, "2026-01-29"},
      {"press-release dateline wins over a later date it states",
       "Robot maker unveils picking arm\nNEW YORK, Feb. 3, 2026 /PRNewswire/ -- The arm ships "
       "to customers on April 20, 2026.\n",
       kToday, "2026-02-03"},
      {"dateline with a state; future words skip the rest",
       "Parcel lockers go national\nSEATTLE, Wash., Oct. 14, 2025 /PRNewswire/ -- Lockers will "
       "open in 40 cities by December 1.\n",
       kToday, "2025-10-14"},
      {"first-sentence dateline in mixed case, British order, en dash",
       "Utility raises tariffs\nBerlin, 12 April 2026 \xE2\x80\x93 New tariffs apply from May 1, "
       "2026, the utility said.\n",
       kToday, "2026-04-12"},
      {"mixed case, weekday and British order",
       "Ferry timetable\nHobart, Tuesday, 3 March 2026 - Crossings double from next week.\n",
       kToday, "2026-03-03"},
      {"a later paragraph's wire dateline in capitals",
       "Markets wrap\nStocks were mixed in thin trade.\nTOKYO, Thursday, Oct. 8, 2026 - The yen "
       "firmed after the ministry confirmed it had sold dollars.\nThe data on each day is "
       "published on November 10, 2026.\n",
       kToday, "2026-10-08"},
      {"a dateline wins over a later date the story states without a future word",
       "Depot finished\nCrews wrapped up work early.\nBOSTON, May 5, 2026 - The first shipment "
       "leaves on June 30, 2026.\n",
       kToday, "2026-05-05"},
      {"further down, a mixed-case place is no dateline",
       "Depot finished\nCrews wrapped up work early.\nBoston, May 5, 2026 - The first shipment "
       "leaves on June 30, 2026.\n",
       kToday, "2026-06-30"},
      {"several datelines in a digest: the latest",
       "Morning wire\nLONDON, March 2 - Gilts rallied.\nPARIS, March 3 - Bourse shares "
       "slipped.\n",
       kToday, "2026-03-03"},
      {"a dateline after today is ignored",
       "Trade deal text\nGENEVA, March 9, 2026 - Negotiators met on February 20 to settle the "
       "last chapter.\n",
       Date{2026, 3, 1}, "2026-02-20"},
      {"a dateline whose weekday contradicts its date is ignored",
       "Retailer update\nSYDNEY, Friday, March 3, 2026 - Sales rose on February 27, 2026.\n",
       kToday, "2026-02-27"},
      {"a wire dateline without a date leaves the text's own dates",
       "Stopgap bill passes\nWASHINGTON (Reuters) - The Senate passed a bill first introduced "
       "on March 3, 2026.\n",
       kToday, "2026-03-03"},
      {"a sentence opening with a phrase is no dateline",
       "Keynote recap\nOn Tuesday, December 2, 2025, the cloud chief spoke for two hours.\n",
       kToday, "2025-12-02"},
      // Reporting periods never date the briefing.
      {"six months ended", "Net income for the six months ended December 31 rose 4%.", kToday,
       "none"},
      {"year to", "Revenue in the year to March 31 climbed 8%, the grocer said.", kToday, "none"},
      {"quarter ending", "Operating profit for the quarter ending June 30 doubled.", kToday,
       "none"},
      {"quarter that ended on", "Margins in the quarter that ended on June 30 were thin.", kToday,
       "none"},
      {"nine months through",
       "Deliveries for the nine months through September 30 hit a "
       "record.",
       kToday, "none"},
      {"for the period ended, with a year",
       "On May 4, 2026 the firm raised its outlook for the period ended December 31, 2026.",
       Date{2027, 1, 15}, "2026-05-04"},
      {"fiscal year: no date and no year hint",
       "Guidance for fiscal 2027 was cut. The warning came on March 3.", kToday, "2026-03-03"},
      {"an ended period's year still tells the year",
       "Profit for the quarter ended September 30, 2025 fell. Shares dropped on October 15.",
       kToday, "2025-10-15"},
      {"a strike that ended is an event, not a period", "The strike ended on 22nd November.",
       kToday, "2026-11-22"},
      // Future mentions never date the briefing.
      {"due on", "The bond is due on December 31. The issuer said on May 6 it has the cash.",
       kToday, "2026-05-06"},
      {"will be held on",
       "A referendum will be held on June 7, 2026. The date was announced on February 2, 2026.",
       kToday, "2026-02-02"},
      {"starting", "Fares rise starting March 5, 2026, the operator said on January 20, 2026.",
       kToday, "2026-01-20"},
      {"expected to close on",
       "The merger is expected to close on July 1, 2026. The parties signed on April 2, 2026.",
       kToday, "2026-04-02"},
      {"deadline of",
       "Creditors face a deadline of September 30, 2026 after talks collapsed on "
       "June 18, 2026.",
       kToday, "2026-06-18"},
      {"by the end of a year: no year hint",
       "The plant should be running by the end of 2027. Work began on March 3.", kToday,
       "2026-03-03"},
      {"upcoming", "Tickets for the upcoming August 14, 2026 show sold out on May 1, 2026.", kToday,
       "2026-05-01"},
      // Yearless dates near New Year.
      {"a December date in a January briefing is last year's",
       "Shoppers pulled back, and stores cut prices on December 29.", Date{2027, 1, 6},
       "2026-12-29"},
      {"a December date after a January dateline is the year before",
       "Airline counts the cost\nFRANKFURT, Jan. 7, 2026 - The carrier said the storm on "
       "December 30 grounded 400 flights.\n",
       Date{2027, 2, 1}, "2026-01-07"},
      {"a December date after a January weekday date is the year before",
       "The memo went out Monday, January 5. Losses had mounted since December 29.",
       Date{2027, 3, 1}, "2026-01-05"},
      {"across New Year without years: both at their latest up to today",
       "The exchange closed early on December 31 and reopened on January 2.", Date{2026, 1, 3},
       "2026-01-02"},
      // No date at all.
      {"relative days only", "The board met last Tuesday and will vote again next week.", kToday,
       "none"},
      {"yesterday and this month", "Shares fell yesterday, the third drop this month.", kToday,
       "none"},
      {"a dateless dateline and a relative day",
       "Recess ends\nWASHINGTON (AP) \xE2\x80\x94 Lawmakers came back last Monday.\n", kToday,
       "none"},
      // Forms.
      {"ISO date", "Filing 2026-03-17: the regulator fined the operator.", kToday, "2026-03-17"},
      {"ISO date after today is ignored", "Hearing set 2026-04-02; complaint lodged 2026-02-11.",
       Date{2026, 3, 1}, "2026-02-11"},
      {"British order", "The fine was announced on 12 April 2026 in London.", kToday, "2026-04-12"},
      {"ordinal of month", "Shareholders voted on the 3rd of June 2025.", kToday, "2025-06-03"},
      {"ordinal with a year", "Output resumed on April 1st, 2026 after the fire.", kToday,
       "2026-04-01"},
      {"weekday resolves a yearless date", "The note circulated on Sunday, April 12.",
       kEarlyDecember, "2026-04-12"},
      {"newsletter: a week ending is a period, the weekday date dates it",
       "Week in batteries\nIn this issue: prices for the week ending November 20 slipped, and "
       "a plant opened on Wednesday, November 18.\n",
       kToday, "2026-11-18"},
      {"the latest of several full dates", "Talks began January 5, 2025 and ended March 9, 2025.",
       kToday, "2025-03-09"},
      // The seeds' situation.
      {"seed-like briefing, indexed in December", kSeedLike, kEarlyDecember, "2026-04-12"},
      {"seed-like briefing, indexed the same day", kSeedLike, Date{2026, 4, 12}, "2026-04-12"},
  };
  size_t count = 0;
  for (const Row& r : rows) {
    INFO(r.why << "\ntoday: " << r.today.iso() << "\ntext: " << r.text);
    CHECK(iso_or_none(infer_date_from_text(r.text, r.today)) == r.expected);
    ++count;
  }
  CHECK(count >= 40);
}

TEST_CASE("a whole file is dated from the dateline opening its first or a later paragraph",
          "[indexer][date][table]") {
  struct FileRow {
    const char* why;
    const char* file;
    const char* expected;
  };
  const FileRow rows[] = {
      {"the first paragraph opens with a dateline, the body ends a period",
       "Meat packer posts half-year profit\n\nTORONTO, Monday, March 2, 1987. Profit for the six "
       "months ended December 31 rose 12 percent. A dividend is payable April 1, 1987. "
       "(reuters.com)\n",
       "1987-03-02"},
      {"a wire story pasted below a short note",
       "Fwd: yen story\n\nSee below, worth a read.\n\nTOKYO, Thursday, Oct. 8, 2026 - The yen "
       "firmed after the ministry confirmed it had sold dollars. Daily data is published on "
       "November 10, 2026.\n",
       "2026-10-08"},
      {"a press release with the year to date in its first sentence",
       "Acme reports record year\n\nNEW YORK, Feb. 3, 2026 /PRNewswire/ -- Acme Robotics "
       "reported sales for the year to December 31 of $2 billion. Shares are listed on "
       "March 30, 2026.\n",
       "2026-02-03"},
  };
  for (const FileRow& r : rows) {
    INFO(r.why << "\nfile: " << r.file);
    ParseOutcome o = parse_briefing(r.file, ParseContext{"dated.txt", std::nullopt, 0, kToday});
    REQUIRE(o.briefing);
    CHECK(o.briefing->date.iso() == r.expected);
    CHECK(o.briefing->date_source == DateSource::text);
  }
}
