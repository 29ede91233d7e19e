#include "cli/index_printer.h"

#include <ctime>
#include <iostream>
#include <sstream>

namespace briefings::cli {

std::string summary_line(const IndexReport& r) {
  std::ostringstream out;
  out << r.added << " added, " << r.updated << " updated, " << r.unchanged << " unchanged, "
      << r.removed << " removed, " << r.skipped << " skipped";
  if (!r.skip_reasons.empty()) {
    out << " (";
    bool first = true;
    for (const auto& [reason, count] : r.skip_reasons) {
      out << (first ? "" : ", ") << count << " " << reason;
      first = false;
    }
    out << ")";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", r.seconds);
  out << "; " << r.documents << " documents in the database; " << seconds << " s";
  return out.str();
}

nlohmann::json report_json(const IndexReport& r) {
  return {{"added", r.added},       {"updated", r.updated},     {"unchanged", r.unchanged},
          {"removed", r.removed},   {"skipped", r.skipped},     {"skip_reasons", r.skip_reasons},
          {"warnings", r.warnings}, {"documents", r.documents}, {"seconds", r.seconds}};
}

void IndexPrinter::warning(const std::string& path, const std::string& message) {
  if (quiet_) return;
  bar_.finish();
  std::cerr << "briefings: warning: " + path + ": " + message + "\n" << std::flush;
}

void IndexPrinter::summary(const IndexReport& report) {
  bar_.finish();
  std::cout << (json_ ? report_json(report).dump() : summary_line(report)) + "\n" << std::flush;
}

void IndexPrinter::watching(const IndexReport& first_pass) {
  summary(first_pass);
  notice("watching for changes; Ctrl-C stops");
}

void IndexPrinter::applied(const IndexReport& round) {
  bar_.finish();
  if (json_) {
    summary(round);
    return;
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  char clock[16];
  std::strftime(clock, sizeof clock, "%H:%M:%S ", &local);
  std::cout << clock + summary_line(round) + "\n" << std::flush;
}

void IndexPrinter::notice(const std::string& message) {
  bar_.finish();
  std::cerr << "briefings: " + message + "\n" << std::flush;
}

}  // namespace briefings::cli
