// Database files: the target database's folder and what a bulk build leaves beside it.
//
// open_target opens (or creates, with its parent folders) the database for writing, and
// creates it again when a killed run left a creation half done; check_writable refuses,
// before that, a database this process may read but not write. A bulk build
// (indexer/bulk_build.h) works in ".<name>.building-<pid>" beside the database and puts its
// result in place with swap_into_place: one renameat2(RENAME_EXCHANGE) where the file system
// has it, else two renames by way of "<work>/old". restore_interrupted_swap repairs a kill
// between those two renames; clear_leftover_builds removes the work folders of killed
// builds. sync_folder makes a folder's files and names durable (fsync), which the final
// swap needs because builds write without syncing.
//
// Ownership: owns no state; the WritableDatabase it opens is the caller's.
// Thread-safety: plain functions on the file system; the database's write lock (held by
// whoever opened the target) is what keeps two processes from racing here. Internal to
// indexer/.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>

namespace briefings::indexer {

// Throws DatabaseNotWritable when `database` exists but this process cannot write it: its
// folder or its lock file is read-only (a read-only file system, another user's files).
// Xapian would report that as a lock it cannot take, which reads like another indexer at
// work. Nothing to check when the database does not exist yet.
void check_writable(const std::string& database);

// Opens `database` for writing, creating it (and its parent folders) when missing. Throws
// DatabaseLocked when another process holds its write lock.
Xapian::WritableDatabase open_target(const std::string& database);

// Opens `database` for writing as a new, empty database, whatever it held.
Xapian::WritableDatabase overwrite_target(const std::string& database);

// `database` without a trailing '/' or "." parts: the name the work folders are made from.
std::filesystem::path normal_database_path(const std::string& database);
// The folder holding `db` ("." for a bare name).
std::filesystem::path parent_folder(const std::filesystem::path& db);
// This process's work folder for a bulk build of `db` (not created).
std::filesystem::path build_folder(const std::filesystem::path& db);

// Puts back a database that a killed two-rename swap left in a work folder's "old". Call
// before the target is opened.
void restore_interrupted_swap(const std::string& database);
// Removes what killed builds left beside the database. Only with the target open for
// writing: its lock means nobody else is building.
void clear_leftover_builds(const std::string& database);

// Writes every file of `folder` (not recursive) and the folder itself to disk. Throws
// std::filesystem::filesystem_error when a file cannot be written.
void sync_folder(const std::filesystem::path& folder);

// Puts `fresh` at `db` in one step where the file system allows (the old database ends up
// at `fresh`, to be removed with the work folder); otherwise in two renames by way of `old`.
void swap_into_place(const std::filesystem::path& fresh, const std::filesystem::path& db,
                     const std::filesystem::path& old);

}  // namespace briefings::indexer
