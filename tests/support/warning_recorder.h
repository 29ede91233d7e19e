// An IndexObserver that keeps every warning as "path: message", for tests to read back.
#pragma once

#include <string>
#include <vector>

#include "indexer/index_writer.h"

namespace briefings::testing {

struct WarningRecorder : IndexObserver {
  std::vector<std::string> warnings;
  void warning(const std::string& path, const std::string& message) override {
    warnings.push_back(path + ": " + message);
  }
  // True when one warning holds both `a` and `b`.
  bool mentions(const std::string& a, const std::string& b) const {
    for (const auto& w : warnings) {
      if (w.find(a) != std::string::npos && w.find(b) != std::string::npos) return true;
    }
    return false;
  }
};

}  // namespace briefings::testing
