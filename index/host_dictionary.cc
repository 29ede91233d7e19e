#include "index/host_dictionary.h"

#include <stdexcept>

#include "index/host_id_slot.h"
#include "index/schema.h"

namespace briefings {

HostDictionary::HostDictionary(const HostDictionary& other) {
  std::lock_guard lock(other.mutex_);
  names_ = other.names_;
  ids_ = other.ids_;
  saved_ = other.saved_;
}

HostDictionary& HostDictionary::operator=(const HostDictionary& other) {
  if (this == &other) return *this;
  std::scoped_lock lock(mutex_, other.mutex_);
  names_ = other.names_;
  ids_ = other.ids_;
  saved_ = other.saved_;
  return *this;
}

HostDictionary HostDictionary::load(const Xapian::Database& db) {
  HostDictionary dict;
  const std::string data = db.get_metadata(std::string(schema::kHostNamesKey));
  size_t pos = 0;
  while (pos < data.size()) {
    uint64_t len = 0;
    if (!schema::read_varint(data, pos, len) || len > data.size() - pos) {
      throw std::runtime_error(
          "the database's host dictionary is damaged; run briefings index "
          "--full to rebuild it");
    }
    std::string name = data.substr(pos, len);
    pos += len;
    dict.ids_.emplace(name, static_cast<uint32_t>(dict.names_.size()));
    dict.names_.push_back(std::move(name));
  }
  dict.saved_ = dict.names_.size();
  return dict;
}

uint32_t HostDictionary::id_for(std::string_view host) {
  std::lock_guard lock(mutex_);
  auto [it, added] = ids_.emplace(std::string(host), static_cast<uint32_t>(names_.size()));
  if (added) names_.emplace_back(host);
  return it->second;
}

std::string HostDictionary::encode(const std::vector<std::string>& hosts) {
  std::vector<uint32_t> ids;
  ids.reserve(hosts.size());
  for (const auto& h : hosts) ids.push_back(id_for(h));
  return schema::encode_host_ids(ids);
}

void HostDictionary::save(Xapian::WritableDatabase& db) {
  std::string data;
  size_t count;
  {
    std::lock_guard lock(mutex_);
    if (saved_ == names_.size()) return;
    for (const auto& name : names_) {
      schema::append_varint(data, name.size());
      data += name;
    }
    count = names_.size();
  }
  db.set_metadata(std::string(schema::kHostNamesKey), data);
  std::lock_guard lock(mutex_);
  saved_ = count;
}

size_t HostDictionary::size() const {
  std::lock_guard lock(mutex_);
  return names_.size();
}

}  // namespace briefings
