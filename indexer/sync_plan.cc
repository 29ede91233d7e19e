#include "indexer/sync_plan.h"

#include <algorithm>
#include <unordered_set>

#include "indexer/parse_pipeline.h"

namespace briefings::indexer {

SyncPlan plan_sync(const WalkResult& walk, const Writer& writer) {
  SyncPlan plan;
  std::unordered_set<std::string> seen;
  for (const auto& f : walk.files) {
    seen.insert(f.path);
    if (writer.is_unchanged(f)) {
      ++plan.unchanged;
    } else {
      plan.changed.push_back(f);
    }
  }
  for (const auto& [path, state] : writer.states()) {
    if (seen.count(path)) continue;
    for (const auto& folder : walk.folders) {
      if (path_is_under(path, folder)) {
        plan.gone.push_back(path);
        break;
      }
    }
  }
  std::sort(plan.gone.begin(), plan.gone.end());
  return plan;
}

size_t apply_files(const std::vector<FoundFile>& files, const IndexOptions& options, unsigned jobs,
                   HostDictionary& hosts, Writer& writer, IndexReport& report,
                   IndexObserver& observer, const std::function<bool()>& stop) {
  jobs = std::min<unsigned>(jobs, std::max<size_t>(1, files.size()));
  ParsePipeline pipeline(files, options, jobs, hosts);
  for (size_t i = 0; i < files.size(); ++i) {
    if (stop && stop()) return i;
    Parsed p = pipeline.take(i);
    report_parsed(p, report, observer);
    writer.apply(p);
    observer.progress(i + 1, files.size());
  }
  return files.size();
}

}  // namespace briefings::indexer
