#include "indexer/parse_pipeline.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "index/content_id.h"
#include "indexer/briefing_parser.h"

namespace briefings::indexer {

namespace {

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open (") + std::strerror(errno) + ")";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return false;
  }
  out = std::move(ss).str();
  return true;
}

}  // namespace

Date today_utc() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return Date::from_unix_time(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

Parsed parse_file(const FoundFile& file, const IndexOptions& options, const Date& today,
                  DocumentBuilder& builder) {
  Parsed result{file, {}, {}, {}, {}, false, {}};
  if (static_cast<size_t>(file.size) > kMaxBriefingBytes) {
    result.skip_reason = "larger than 1 MiB";
    return result;
  }
  std::string bytes, error;
  if (!read_file(file.path, bytes, error)) {
    result.skip_reason = error;
    result.read_failed = true;
    return result;
  }
  ParseContext context{file.path, options.date_override, file.mtime_ns / 1000000000LL, today};
  ParseOutcome outcome;
  try {
    outcome = parse_briefing(bytes, context);
  } catch (const std::exception& e) {
    // The parser promises not to throw; if it ever does, that file alone is skipped.
    result.skip_reason = std::string("parser failure: ") + e.what();
    return result;
  }
  result.warnings = std::move(outcome.warnings);
  if (!outcome.briefing) {
    result.skip_reason = outcome.skip_reason.empty() ? "not a briefing" : outcome.skip_reason;
    return result;
  }
  Briefing& b = *outcome.briefing;
  b.id = content_id(b);
  b.paths = {file.path};
  result.document = builder.build(b, &result.spelling_words);
  result.briefing = std::move(b);
  return result;
}

void report_parsed(const Parsed& parsed, IndexReport& report, IndexObserver& observer) {
  for (const auto& w : parsed.warnings) {
    ++report.warnings;
    observer.warning(parsed.file.path, w);
  }
  if (parsed.skip_reason.empty()) return;
  ++report.skipped;
  ++report.skip_reasons[parsed.skip_reason];
  observer.warning(parsed.file.path, "skipped: " + parsed.skip_reason);
}

ParsePipeline::ParsePipeline(const std::vector<FoundFile>& files, const IndexOptions& options,
                             unsigned jobs, HostDictionary& hosts)
    : files_(files), options_(options), hosts_(hosts), today_(today_utc()), slots_(files.size()) {
  for (unsigned i = 0; i < jobs; ++i) workers_.emplace_back([this] { work(); });
}

ParsePipeline::~ParsePipeline() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& w : workers_) w.join();
}

Parsed ParsePipeline::take(size_t i) {
  std::unique_lock lock(mutex_);
  cv_.wait(lock, [&] { return slots_[i].has_value(); });
  Parsed p = std::move(*slots_[i]);
  slots_[i].reset();
  consumed_ = i + 1;
  lock.unlock();
  cv_.notify_all();
  return p;
}

void ParsePipeline::work() {
  DocumentBuilder builder(hosts_);
  for (;;) {
    size_t i;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock,
               [&] { return stopping_ || next_ < std::min(files_.size(), consumed_ + kWindow); });
      if (stopping_ || next_ >= files_.size()) return;
      i = next_++;
    }
    Parsed p = parse_file(files_[i], options_, today_, builder);
    {
      std::lock_guard lock(mutex_);
      slots_[i] = std::move(p);
    }
    cv_.notify_all();
  }
}

}  // namespace briefings::indexer
