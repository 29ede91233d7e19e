// The file walker (walk_inputs): the briefing files under a set of inputs, with what incremental
// indexing needs to know about each (size, mtime) and which folders were walked in full.
// Single-threaded; owns nothing but its result.
#pragma once

#include <string>
#include <vector>

namespace briefings {

struct FoundFile {
  std::string path;  // absolute, lexically normal (symbolic links not resolved)
  long long size = 0;
  long long mtime_ns = 0;
};

struct WalkResult {
  std::vector<FoundFile> files;       // in a stable order: inputs, then sorted names
  std::vector<std::string> folders;   // input folders, absolute: their subtrees are complete
  std::vector<std::string> problems;  // "PATH: reason" for entries that could not be read
};

// Folders are walked recursively for *.txt and *.md files (case-insensitive); hidden files
// and folders (".name") are skipped; each real folder is visited once. Symbolic links are
// followed when their target lies inside one of the input folders; a link leading anywhere
// else is not followed and is reported in `problems`. A file named directly is taken
// whatever its extension (and wherever a link in its path leads). Throws NotFound when an
// input does not exist.
WalkResult walk_inputs(const std::vector<std::string>& inputs);

// True when `path` lies inside `folder` (both absolute and normal).
bool path_is_under(const std::string& path, const std::string& folder);

}  // namespace briefings
