#include "guides/packed_guides.h"

#include "guide/guide_codec.h"
#include "guide/guide_pack.h"

#include <iterator>

namespace cairn::guides {

std::string packed_etag(std::string_view json_etag, std::uint8_t version) {
  std::string etag(json_etag);
  std::string suffix = "-p" + std::to_string(version);
  if (!etag.empty() && etag.back() == '"') {
    etag.insert(etag.size() - 1, suffix);
  } else {
    etag += suffix;
  }
  return etag;
}

std::shared_ptr<const std::string> PackedGuidesCache::packed(const std::string& app_id,
                                                             const std::string& json_etag,
                                                             const std::vector<GuideVersion>& versions,
                                                             std::uint8_t pack_version) {
  Key key{app_id, pack_version};
  {
    std::lock_guard lock(mutex_);
    auto it = by_key_.find(key);
    if (it != by_key_.end()) {
      if (it->second->json_etag == json_etag) {
        recency_.splice(recency_.begin(), recency_, it->second);
        return it->second->bytes;
      }
      // The app's answer changed: its old bytes are no use to anyone.
      erase_locked(it->second);
    }
    if (oversize_ && oversize_->key == key) {
      if (oversize_->json_etag == json_etag) return oversize_->bytes;
      oversize_.reset();
    }
  }
  // Packed outside the lock: two requests racing after a publish both pack,
  // and the second store wins with the same bytes.
  std::vector<guide::Guide> guides;
  guides.reserve(versions.size());
  for (const GuideVersion& v : versions) {
    guide::GuideParseResult parsed = guide::parse_guide(v.guide_json);
    if (parsed.ok()) {
      if (guide::packable(*parsed.guide, pack_version)) guides.push_back(std::move(*parsed.guide));
    } else if (report_) {
      report_(app_id, v, parsed.problems);
    }
  }
  auto bytes = std::make_shared<const std::string>(guide::pack_guides(guides, pack_version));
  if (versions.empty()) return bytes;
  if (bytes->size() > max_bytes_) {
    if (too_large_) too_large_(app_id, pack_version, bytes->size());
    std::lock_guard lock(mutex_);
    oversize_ = Entry{key, json_etag, bytes};
    return bytes;
  }
  std::lock_guard lock(mutex_);
  if (auto it = by_key_.find(key); it != by_key_.end()) erase_locked(it->second);
  recency_.push_front(Entry{key, json_etag, bytes});
  by_key_[key] = recency_.begin();
  bytes_ += bytes->size();
  while (bytes_ > max_bytes_) erase_locked(std::prev(recency_.end()));
  return bytes;
}

void PackedGuidesCache::erase_locked(Recency::iterator it) {
  bytes_ -= it->bytes->size();
  by_key_.erase(it->key);
  recency_.erase(it);
}

std::size_t PackedGuidesCache::entries() {
  std::lock_guard lock(mutex_);
  return by_key_.size();
}

std::size_t PackedGuidesCache::bytes() {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t PackedGuidesCache::oversize_bytes() {
  std::lock_guard lock(mutex_);
  return oversize_ ? oversize_->bytes->size() : 0;
}

}  // namespace cairn::guides
