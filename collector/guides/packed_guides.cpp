#include "guides/packed_guides.h"

#include "guide/guide_codec.h"
#include "guide/guide_pack.h"

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
    if (it != by_app_.end() && it->second.json_etag == json_etag) return it->second.bytes;
  }
  // Packed outside the lock: two requests racing after a publish both pack,
  // and the second store wins with the same bytes.
  std::vector<guide::Guide> guides;
  guides.reserve(versions.size());
  for (const GuideVersion& v : versions) {
    guide::GuideParseResult parsed = guide::parse_guide(v.guide_json);
    if (parsed.ok()) guides.push_back(std::move(*parsed.guide));
  }
  auto bytes = std::make_shared<const std::string>(guide::pack_guides(guides));
  std::lock_guard lock(mutex_);
  by_app_[app_id] = Entry{json_etag, bytes};
  return bytes;
}

}  // namespace cairn::guides
