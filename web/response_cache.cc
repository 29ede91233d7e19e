#include "web/response_cache.h"

#include <iterator>

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
  std::shared_ptr<const std::string> body;
  {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    if (it->second->version != version) {
      erase_locked(it->second);
      return std::nullopt;
    }
    order_.splice(order_.begin(), order_, it->second);
    body = it->second->body;
  }
  return *body;
}

void ResponseCache::put(const std::string& key, const std::string& version, std::string body) {
  if (max_entries_ == 0 || key.size() + body.size() > max_bytes_) return;
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) erase_locked(it->second);
  bytes_ += key.size() + shared->size();
  order_.push_front(Entry{key, version, std::move(shared)});
  index_[key] = order_.begin();
  evict_locked();
}

void ResponseCache::erase_locked(std::list<Entry>::iterator entry) {
  bytes_ -= entry->key.size() + entry->body->size();
  index_.erase(entry->key);
  order_.erase(entry);
}

void ResponseCache::evict_locked() {
  while (!order_.empty() && (order_.size() > max_entries_ || bytes_ > max_bytes_)) {
    erase_locked(std::prev(order_.end()));
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
