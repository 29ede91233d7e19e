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
