#include "guides/packed_guides.h"

#include "guide/guide_codec.h"
#include "guide/guide_pack.h"

#include <iterator>

namespace cairn::guides {

std::string packed_etag(std::string_view json_etag) {
  std::string etag(json_etag);
  std::string suffix = "-p" + std::to_string(guide::kPackVersion);
  if (!etag.empty() && etag.back() == '"') {
    etag.insert(etag.size() - 1, suffix);
  } else {
    etag += suffix;
  }
  return etag;
}

std::shared_ptr<const std::string> PackedGuidesCache::packed(const std::string& app_id,
                                                             const std::string& json_etag,
                                                             const std::vector<GuideVersion>& versions) {
  {
    std::lock_guard lock(mutex_);
    auto it = by_app_.find(app_id);
    if (it != by_app_.end()) {
      if (it->second->json_etag == json_etag) {
        recency_.splice(recency_.begin(), recency_, it->second);
        return it->second->bytes;
      }
      // The app's answer changed: its old bytes are no use to anyone.
      erase_locked(it->second);
    }
  }
  // Packed outside the lock: two requests racing after a publish both pack,
  // and the second store wins with the same bytes.
  std::vector<guide::Guide> guides;
  guides.reserve(versions.size());
  for (const GuideVersion& v : versions) {
    guide::GuideParseResult parsed = guide::parse_guide(v.guide_json);
    if (parsed.ok()) {
      guides.push_back(std::move(*parsed.guide));
    } else if (report_) {
      report_(app_id, v, parsed.problems);
    }
  }
  auto bytes = std::make_shared<const std::string>(guide::pack_guides(guides));
  if (versions.empty() || bytes->size() > max_bytes_) return bytes;
  std::lock_guard lock(mutex_);
  if (auto it = by_app_.find(app_id); it != by_app_.end()) erase_locked(it->second);
  recency_.push_front(Entry{app_id, json_etag, bytes});
  by_app_[app_id] = recency_.begin();
  bytes_ += bytes->size();
  while (bytes_ > max_bytes_) erase_locked(std::prev(recency_.end()));
  return bytes;
}

void PackedGuidesCache::erase_locked(Recency::iterator it) {
  bytes_ -= it->bytes->size();
  by_app_.erase(it->app_id);
  recency_.erase(it);
}

std::size_t PackedGuidesCache::entries() {
  std::lock_guard lock(mutex_);
  return by_app_.size();
}

std::size_t PackedGuidesCache::bytes() {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace cairn::guides
