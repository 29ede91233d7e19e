#include "web/response_cache.h"

namespace briefings::web {

ResponseCache::ResponseCache(size_t max_entries, size_t max_bytes)
    : max_entries_(max_entries), max_bytes_(max_bytes) {}

std::string ResponseCache::key_of(const std::vector<std::pair<std::string, std::string>>& params) {
  // Lengths first, so no choice of names and values can make two requests share a key.
  std::string key;
  for (const auto& [name, value] : params) {
    key += std::to_string(name.size()) + ':' + name + std::to_string(value.size()) + ':' + value;
  }
  return key;
}

std::optional<std::string> ResponseCache::get(const std::string& key, const std::string& version) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  if (it->second->version != version) {
    bytes_ -= it->second->key.size() + it->second->body.size();
    order_.erase(it->second);
    index_.erase(it);
    return std::nullopt;
  }
  order_.splice(order_.begin(), order_, it->second);
  return it->second->body;
}

void ResponseCache::put(const std::string& key, const std::string& version, std::string body) {
  if (max_entries_ == 0 || key.size() + body.size() > max_bytes_) return;
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->key.size() + it->second->body.size();
    order_.erase(it->second);
    index_.erase(it);
  }
  bytes_ += key.size() + body.size();
  order_.push_front(Entry{key, version, std::move(body)});
  index_[key] = order_.begin();
  evict_locked();
}

void ResponseCache::evict_locked() {
  while (!order_.empty() && (order_.size() > max_entries_ || bytes_ > max_bytes_)) {
    const Entry& last = order_.back();
    bytes_ -= last.key.size() + last.body.size();
    index_.erase(last.key);
    order_.pop_back();
  }
}

size_t ResponseCache::entries() const {
  std::lock_guard lock(mutex_);
  return order_.size();
}

size_t ResponseCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace briefings::web
