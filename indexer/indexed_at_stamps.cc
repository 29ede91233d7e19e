#include "indexer/indexed_at_stamps.h"

#include <algorithm>
#include <charconv>

#include "index/schema.h"

namespace briefings::indexer {

namespace {

// A content id is 16 hex digits: a 64-bit number, a quarter of the memory of the string.
std::uint64_t key_of(const std::string& id) {
  std::uint64_t key = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), key, 16);
  if (ec != std::errc() || end != id.data() + id.size()) return std::hash<std::string>()(id);
  return key;
}

}  // namespace

IndexedAtStamps::IndexedAtStamps(const Xapian::Database& db, Remember what)
    : last_(latest_indexed_at(db)) {
  if (what != Remember::every_briefing) return;
  // Each briefing's id term has one posting: its document.
  const std::string prefix(schema::kIdPrefix);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    auto posting = db.postlist_begin(*term);
    if (posting == db.postlist_end(*term)) continue;
    const auto time =
        decode_indexed_at(db.get_document(*posting).get_value(schema::kIndexedAtSlot));
    if (time) rebuilt_[key_of((*term).substr(prefix.size()))] = *time;
  }
}

IndexedAt IndexedAtStamps::for_new(const std::string& id) {
  const std::uint64_t key = key_of(id);
  if (auto it = rebuilt_.find(key); it != rebuilt_.end()) return it->second;
  {
    std::lock_guard lock(mutex_);
    if (auto it = deleted_.find(key); it != deleted_.end()) return it->second;
  }
  return next_tick();
}

void IndexedAtStamps::remember(const std::string& id, IndexedAt time) {
  std::lock_guard lock(mutex_);
  if (deleted_.size() >= kMaxRemembered) deleted_.clear();
  deleted_[key_of(id)] = time;
}

IndexedAt IndexedAtStamps::next_tick() {
  const IndexedAt now = indexed_at_now();
  IndexedAt last = last_.load();
  IndexedAt next;
  do {
    next = std::max(now, last + 1);
  } while (!last_.compare_exchange_weak(last, next));
  return next;
}

}  // namespace briefings::indexer
