// The file walker (walk_inputs): the briefing files under a set of inputs, with what incremental
// indexing needs to know about each (size, mtime) and which folders were walked in full.
// Single-threaded; owns nothing but its result.
#pragma once

#include <optional>
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
// followed when their target lies inside one of the input folders (or, given `link_roots`,
// inside one of those: a watcher walking one subfolder of an input folder passes the input
// folders); a link leading anywhere else is not followed and is reported in `problems`. A
// file named directly is taken whatever its extension (and wherever a link in its path
// leads). Throws NotFound when an input does not exist.
WalkResult walk_inputs(const std::vector<std::string>& inputs,
                       const std::vector<std::string>& link_roots = {});

// The file at `path`, inside a folder of the walk, as the walk would take it: a regular
// file, or a link to one that leads inside `link_roots` (else reported in `problems`).
// Nothing when there is no such file (gone, a folder, a dangling link).
std::optional<FoundFile> examine_file(const std::string& path,
                                      const std::vector<std::string>& link_roots,
                                      std::vector<std::string>& problems);

// True for a name the walk takes inside a folder: not hidden, ending in .txt or .md. Editors'
// scratch files (".#name", "name~", "name.swp", vim's "4913") are none of these.
bool is_briefing_name(const std::string& name);

// `input` made absolute and lexically normal, without a trailing '/': how every path is
// recorded.
std::string normal_absolute(const std::string& input);

// True when `path` lies inside `folder` (both absolute and normal).
bool path_is_under(const std::string& path, const std::string& folder);

}  // namespace briefings
