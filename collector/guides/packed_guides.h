// The packed form of the published guides (sdk/guide/guide_pack.h) for
// GET /v1/guides: its ETag, and a per-app cache so that the guides are parsed
// and packed once per change of the published set, not once per request.
//
// The packed answer is derived from the JSON answer: its ETag is the JSON
// answer's ETag with "-p<kPackVersion>" inside the quotes, so a 304 is decided
// without packing, and the cache is keyed by the JSON ETag, so a publish,
// unpublish or rollback (a new JSON answer) repacks.
//
// Threading: PackedGuidesCache is thread-safe; the functions are pure.
#pragma once

#include "guides/guide_store.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::guides {

// "\"<hash>\"" -> "\"<hash>-p1\"" (kPackVersion 1).
std::string packed_etag(std::string_view json_etag);

class PackedGuidesCache {
 public:
  // The packed bytes of `versions`, the guides of the JSON answer whose ETag
  // is `json_etag`. A stored guide the codec now refuses (stored by a build
  // with other rules) is left out: the SDK could not run it either.
  std::shared_ptr<const std::string> packed(const std::string& app_id, const std::string& json_etag,
                                            const std::vector<GuideVersion>& versions);

 private:
  struct Entry {
    std::string json_etag;
    std::shared_ptr<const std::string> bytes;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> by_app_;  // One entry per app: its current answer.
};

}  // namespace cairn::guides
