// The packed form of the published guides (sdk/guide/guide_pack.h) for
// GET /v1/guides: its ETag, and a per-app cache so that the guides are parsed
// and packed once per change of the published set, not once per request.
//
// The packed answer is derived from the JSON answer: its ETag is the JSON
// answer's ETag with "-p<version>" inside the quotes, so a 304 is decided
// without packing, and the cache is keyed by the JSON ETag, so a publish,
// unpublish or rollback (a new JSON answer) repacks.
//
// Versions: each app has one entry per packed version asked for (an SDK
// before version 2 asks for 1: guide_pack.h). A guide that version cannot
// carry (packable()) is left out of that version's answer only: the SDK
// reading it would refuse the whole answer, or run the guide with another
// meaning.
//
// Memory: apps are never deleted, but an app can stop asking (its keys all
// revoked, its SDK removed) and a collector can serve many apps, so the cache
// holds at most kMaxBytes of packed answers, the least recently asked-for
// evicted first (an evicted app is packed again on its next request). An app
// with no published guide keeps no entry: its answer packs nothing.
//
// An answer larger than kMaxBytes alone never fits. It is kept apart, in a
// slot for one such answer (the most recently packed), and told to the
// TooLargeReport once when packed: packing it again on every request cost
// seconds of CPU per SDK first load (parsing up to 1000 guides of 512 KiB)
// and repeated the refused-guide report each time, while every one of those
// requests held the same bytes anyway.
//
// A published guide the guide codec refuses now (stored by a build with other
// rules: an event count above today's limit, say) is left out of the packed
// answer, since the SDK could not run it, and reported, never dropped
// silently: the cache hands it to its RefusedGuideReport each time it packs
// the app's guides (docs/guide-format.md#limits).
//
// Threading: PackedGuidesCache is thread-safe (the report may run on any
// request thread, outside the cache's lock); the functions are pure.
#pragma once

#include "guide/guide_pack.h"
#include "guides/guide_store.h"
#include "json/problems.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::guides {

// "\"<hash>\"" -> "\"<hash>-p2\"" (version 2).
std::string packed_etag(std::string_view json_etag, std::uint8_t version = guide::kPackVersion);

// Told about one published guide left out of an app's packed answer, with
// everything the codec refuses in it.
using RefusedGuideReport =
    std::function<void(const std::string& app_id, const GuideVersion& version, const json::Problems& problems)>;

// Told about an app's packed answer (in `pack_version`) larger than the whole
// cache, once each time it is packed.
using TooLargeReport =
    std::function<void(const std::string& app_id, std::uint8_t pack_version, std::size_t bytes)>;

class PackedGuidesCache {
 public:
  // The most packed bytes kept (apps' answers together); an answer larger
  // than that alone is kept apart, one at most (above).
  static constexpr std::size_t kMaxBytes = 64 * 1024 * 1024;

  explicit PackedGuidesCache(std::size_t max_bytes = kMaxBytes, RefusedGuideReport report = {},
                             TooLargeReport too_large = {})
      : max_bytes_(max_bytes), report_(std::move(report)), too_large_(std::move(too_large)) {}

  // The packed bytes of `versions`, the guides of the JSON answer whose ETag
  // is `json_etag`, in `pack_version`. A stored guide the codec now refuses
  // is left out (the SDK could not run it either) and given to the report.
  std::shared_ptr<const std::string> packed(const std::string& app_id, const std::string& json_etag,
                                            const std::vector<GuideVersion>& versions,
                                            std::uint8_t pack_version = guide::kPackVersion);

  // What the cache holds now within its budget: entries (an app's answer in
  // one version), and their packed bytes. The answer kept apart is not counted.
  std::size_t entries();
  std::size_t bytes();
  // The size of the answer larger than the budget kept apart, or 0.
  std::size_t oversize_bytes();

 private:
  using Key = std::pair<std::string, std::uint8_t>;  // App id, packed version.
  struct Entry {
    Key key;
    std::string json_etag;
    std::shared_ptr<const std::string> bytes;
  };
  using Recency = std::list<Entry>;  // Front: the most recently asked for.
  // REQUIRES: mutex_ held.
  void erase_locked(Recency::iterator it);

  const std::size_t max_bytes_;
  const RefusedGuideReport report_;
  const TooLargeReport too_large_;
  std::mutex mutex_;
  Recency recency_;
  std::map<Key, Recency::iterator> by_key_;  // One entry per app and version: its current answer.
  std::size_t bytes_ = 0;  // Sum of the entries' packed sizes.
  std::optional<Entry> oversize_;  // The one answer larger than max_bytes_ kept, outside the budget.
};

}  // namespace cairn::guides
