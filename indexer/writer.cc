#include "indexer/writer.h"

#include <algorithm>

namespace briefings::indexer {

Writer::Writer(const IndexOptions& options, IndexReport& report, Xapian::WritableDatabase db,
               HostDictionary& hosts, Role role, IndexedAtStamps* stamps)
    : options_(options),
      report_(report),
      db_(std::move(db)),
      hosts_(hosts),
      role_(role),
      own_stamps_(
          stamps ? nullptr
                 : std::make_unique<IndexedAtStamps>(db_, IndexedAtStamps::Remember::deleted_only)),
      stamps_(stamps ? *stamps : *own_stamps_),
      builder_(hosts) {
  load_file_states();
}

bool Writer::is_unchanged(const FoundFile& file) const {
  auto it = states_.find(file.path);
  return it != states_.end() && it->second.size == file.size &&
         it->second.mtime_ns == file.mtime_ns;
}

void Writer::apply(Parsed& parsed) {
  auto old = states_.find(parsed.file.path);
  if (!parsed.briefing) {
    // An unreadable file keeps what was indexed from it; content that is no longer a
    // briefing (emptied, binary) removes it.
    if (old != states_.end() && !parsed.read_failed) remove_path(parsed.file.path);
    return;
  }
  const std::string& id = parsed.briefing->id;
  if (old != states_.end() && old->second.id == id) {
    ++report_.unchanged;
  } else if (old != states_.end()) {
    ++report_.updated;
    // An edit: the new content keeps the time of the briefing the file held.
    const std::optional<IndexedAt> inherited = indexed_at_of_briefing(old->second.id);
    // Content that no document holds yet may take the old document's place.
    Parsed* replacement = find(id) ? nullptr : &parsed;
    if (!detach_path(old->second.id, parsed.file.path, replacement)) {
      attach_path(*parsed.briefing, std::move(*parsed.document), parsed.spelling_words, inherited);
    }
  } else {
    ++report_.added;
    attach_path(*parsed.briefing, std::move(*parsed.document), parsed.spelling_words);
  }
  schema::FileState state{parsed.file.path, parsed.file.size, parsed.file.mtime_ns, id};
  db_.set_metadata(schema::file_state_key(state.path), state.serialise());
  states_[state.path] = std::move(state);
  changed();
}

void Writer::remove_path(const std::string& path) {
  auto it = states_.find(path);
  if (it == states_.end()) return;
  detach_path(it->second.id, path);
  db_.set_metadata(schema::file_state_key(path), "");
  states_.erase(it);
  ++report_.removed;
  changed();
}

void Writer::finish() {
  if (role_ == Role::shard) spelling_.apply(db_);
  commit();
  report_.documents = db_.get_doccount();
}

void Writer::commit() {
  if (role_ == Role::target) {
    hosts_.save(db_);
    spelling_.apply(db_);
  }
  db_.commit();
  pending_ = 0;
}

void Writer::load_file_states() {
  std::string prefix(schema::kFileStateKeyPrefix);
  for (auto it = db_.metadata_keys_begin(prefix); it != db_.metadata_keys_end(prefix); ++it) {
    std::string value = db_.get_metadata(*it);
    if (value.empty()) continue;
    schema::FileState s = schema::FileState::unserialise(value);
    states_[s.path] = std::move(s);
  }
}

std::optional<Xapian::docid> Writer::find(const std::string& id) {
  std::string term = std::string(schema::kIdPrefix) + id;
  auto it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) return std::nullopt;
  return *it;
}

std::optional<IndexedAt> Writer::indexed_at_of_briefing(const std::string& id) {
  auto docid = find(id);
  if (!docid) return std::nullopt;
  return indexed_at_of(db_.get_document(*docid));
}

void Writer::attach_path(Briefing& briefing, Xapian::Document&& built,
                         const std::vector<std::string>& words,
                         std::optional<IndexedAt> inherited) {
  if (auto docid = find(briefing.id)) {
    Xapian::Document existing = db_.get_document(*docid);
    Briefing stored = decode_document_data(existing.get_data());
    if (std::find(stored.paths.begin(), stored.paths.end(), briefing.paths[0]) ==
        stored.paths.end()) {
      stored.paths.push_back(briefing.paths[0]);
      existing.set_data(encode_document_data(stored));
      db_.replace_document(*docid, existing);
    }
    return;
  }
  spelling_.add(words, +1);
  set_indexed_at(built, inherited ? *inherited : stamps_.for_new(briefing.id));
  db_.add_document(built);
}

// Takes `path` off the document `id`. A document left with no path is deleted, or, given
// a `replacement` (the path's new content, which no document holds yet), replaced by it
// under the same docid: the common edit, for which Xapian then rewrites only the terms
// that changed instead of every posting of two documents. True when it was replaced.
bool Writer::detach_path(const std::string& id, const std::string& path, Parsed* replacement) {
  auto docid = find(id);
  if (!docid) return false;
  Xapian::Document existing = db_.get_document(*docid);
  Briefing stored = decode_document_data(existing.get_data());
  stored.paths.erase(std::remove(stored.paths.begin(), stored.paths.end(), path),
                     stored.paths.end());
  if (!stored.paths.empty()) {
    existing.set_data(encode_document_data(stored));
    db_.replace_document(*docid, existing);
    return false;
  }
  spelling_.add(builder_.spelling_words(stored), -1);
  const std::optional<IndexedAt> time = indexed_at_of(existing);
  if (replacement) {
    spelling_.add(replacement->spelling_words, +1);
    set_indexed_at(*replacement->document,
                   time ? *time : stamps_.for_new(replacement->briefing->id));
    db_.replace_document(*docid, *replacement->document);
    return true;
  }
  if (time) stamps_.remember(id, *time);
  db_.delete_document(*docid);
  return false;
}

void Writer::changed() {
  if (++pending_ >= options_.batch_size) commit();
}

bool has_file_records(const Xapian::Database& db) {
  std::string prefix(schema::kFileStateKeyPrefix);
  return db.metadata_keys_begin(prefix) != db.metadata_keys_end(prefix);
}

}  // namespace briefings::indexer
