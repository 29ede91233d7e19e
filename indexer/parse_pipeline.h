// ParsePipeline: turns found files into parsed briefings and ready Xapian documents on
// worker threads, handing the results to one consumer in walk order.
//
//   ParsePipeline pipeline(files, options, jobs, hosts);
//   for (size_t i = 0; i < files.size(); ++i) {
//     Parsed p = pipeline.take(i);  // waits for file i; later files keep parsing meanwhile
//     ...
//   }
//
// parse_file does the work for one file: refuses one over kMaxBriefingBytes, reads it,
// parses it (indexer/briefing_parser.h), sets its content id and path and builds its
// document. A file that cannot be read, or is not a briefing, comes back with a skip reason.
//
// Thread-safety: parse_file may run on any thread, each with its own DocumentBuilder. A
// ParsePipeline starts `jobs` threads and joins them when destroyed; take() is for one
// consumer thread. At most kWindow results wait in memory, however far the workers could
// run ahead. Internal to indexer/.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "index/briefing.h"
#include "index/codec.h"
#include "index/host_dictionary.h"
#include "indexer/file_walker.h"
#include "indexer/index_writer.h"

namespace briefings::indexer {

// What parsing one file gives the writer.
struct Parsed {
  FoundFile file;
  std::optional<Briefing> briefing;  // empty when skipped
  std::optional<Xapian::Document> document;
  std::vector<std::string> spelling_words;  // DocumentBuilder::spelling_words of the briefing
  std::string skip_reason;
  bool read_failed = false;  // an I/O problem, not a property of the content
  std::vector<std::string> warnings;
};

// The current UTC day: the latest date the parser may infer from text.
Date today_utc();

Parsed parse_file(const FoundFile& file, const IndexOptions& options, const Date& today,
                  DocumentBuilder& builder);

// Tells the report and the observer what parsing one file said: its warnings, then why it
// was skipped (a file is skipped exactly when it has a skip reason).
void report_parsed(const Parsed& parsed, IndexReport& report, IndexObserver& observer);

class ParsePipeline {
 public:
  ParsePipeline(const std::vector<FoundFile>& files, const IndexOptions& options, unsigned jobs,
                HostDictionary& hosts);
  ~ParsePipeline();
  ParsePipeline(const ParsePipeline&) = delete;
  ParsePipeline& operator=(const ParsePipeline&) = delete;

  // The result for file `i`; must be called for i = 0, 1, 2, ... in order.
  Parsed take(size_t i);

 private:
  static constexpr size_t kWindow = 256;

  void work();

  const std::vector<FoundFile>& files_;
  const IndexOptions& options_;
  HostDictionary& hosts_;
  const Date today_;
  std::vector<std::optional<Parsed>> slots_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable cv_;
  size_t next_ = 0;
  size_t consumed_ = 0;
  bool stopping_ = false;
};

}  // namespace briefings::indexer
