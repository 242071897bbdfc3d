#include "recorder/storage.h"

namespace cairn::recorder {

std::optional<std::string> MemoryStorage::read(std::string_view key) {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

bool MemoryStorage::write(std::string_view key, std::string_view value) {
  std::size_t used = 0;
  for (const auto& [k, v] : values_) {
    if (k != key) used += v.size();
  }
  if (used + value.size() > capacity_bytes_) return false;
  ++writes_;
  values_.insert_or_assign(std::string(key), std::string(value));
  return true;
}

void MemoryStorage::remove(std::string_view key) {
  auto it = values_.find(key);
  if (it != values_.end()) values_.erase(it);
}

}  // namespace cairn::recorder
