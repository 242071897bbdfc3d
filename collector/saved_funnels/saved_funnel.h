// SavedFunnel: a funnel a CS team keeps under a name, shared by everyone who
// can see the app (docs/api.md, "Saved funnels"). The query is the body of
// POST /api/apps/{app_id}/analytics/funnel exactly as it was saved, checked by
// the same parser (analytics/funnel_json.h) so a saved funnel always runs;
// the optional comparison range is what the dashboard compares it with.
//
// Threading: values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace cairn::saved_funnels {

// Named limits, documented in docs/api.md and tested.
struct SavedFunnelLimits {
  static constexpr std::size_t kMaxFunnelsPerApp = 200;
  static constexpr std::size_t kMinNameChars = 1;
  static constexpr std::size_t kMaxNameChars = 120;  // Unicode code points.
  // The analytics endpoint's own body limit (analytics_routes.cpp): a saved
  // query larger than it could not be run.
  static constexpr std::size_t kMaxQueryBytes = 64 * 1024;
  // A request body: the query plus the name and comparison range.
  static constexpr std::size_t kMaxBodyBytes = kMaxQueryBytes + 4 * 1024;
  // The query endpoint allows 16 levels; the saved funnel wraps it in one more.
  static constexpr std::size_t kMaxBodyDepth = 17;
  // A relative comparison range: the last N days, as the dashboard offers.
  static constexpr std::int64_t kMaxCompareDays = 3660;
};

// The range a funnel is compared with: either the last `days` days (relative,
// resolved by the viewer's clock) or the fixed half-open [from_ms, to_ms).
struct CompareRange {
  std::optional<std::int64_t> days;
  std::optional<std::int64_t> from_ms;
  std::optional<std::int64_t> to_ms;

  bool operator==(const CompareRange&) const = default;
};

// What a client sends to create or replace a saved funnel.
struct SavedFunnelInput {
  std::string name;
  std::string query_json;  // The query object, serialized as received.
  std::optional<CompareRange> compare;
};

struct SavedFunnel {
  std::string id;  // "sf_" + 16 hex.
  std::string app_id;
  std::string name;
  std::string query_json;
  std::optional<CompareRange> compare;
  std::string created_by;        // Account id.
  std::string created_by_email;  // "" when that account no longer exists.
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
};

}  // namespace cairn::saved_funnels
