// Cairn's own events: what the SDK records about guides and about users being
// stuck. They are ordinary `track` events with reserved names (prefix "cairn_"),
// so every Segment-compatible pipeline can carry them, and analytics (guide
// performance, stuck points) can rely on their properties:
//
//   name                     required properties            optional properties
//   cairn_guide_seen         guide_id                        guide_version, variant, step_index, step_id
//   cairn_step_seen          guide_id, step_index            guide_version, variant, step_id
//   cairn_step_completed     guide_id, step_index            guide_version, variant, step_id
//   cairn_guide_dismissed    guide_id, reason                guide_version, variant, step_index, step_id
//   cairn_target_missing     guide_id, step_index            guide_version, variant, step_id, waited_ms, outcome
//   cairn_guide_completed    guide_id                        guide_version, variant
//   cairn_rage_click         click_count (>= 2)              target, selector, url, x, y
//   cairn_dead_click         -                               target, selector, url, x, y
//
// `variant` is the A/B arm the user was bucketed into ("control", "holdout", or
// a variant name), so guide impact can compare arms. `target` is the element's
// fingerprint (any JSON value the locator defines), `selector` a human-readable
// label for dashboards. Properties not listed are allowed and kept.
// Other names starting with "cairn_" are accepted (a newer SDK may send them)
// but not checked.
//
// Threading: pure functions and constants.
#pragma once

#include "event/event.h"
#include "json/problems.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::event {

inline constexpr std::string_view kReservedPrefix = "cairn_";
inline constexpr std::string_view kGuideSeen = "cairn_guide_seen";
inline constexpr std::string_view kStepSeen = "cairn_step_seen";
inline constexpr std::string_view kStepCompleted = "cairn_step_completed";
inline constexpr std::string_view kGuideDismissed = "cairn_guide_dismissed";
inline constexpr std::string_view kTargetMissing = "cairn_target_missing";
inline constexpr std::string_view kGuideCompleted = "cairn_guide_completed";
inline constexpr std::string_view kRageClick = "cairn_rage_click";
inline constexpr std::string_view kDeadClick = "cairn_dead_click";

// Why a guide was closed before it completed.
enum class DismissReason {
  close_button,   // The user pressed the step's close (x) button.
  escape_key,     // The user pressed Escape.
  outside_click,  // The user clicked outside a dismissable step.
  skip_button,    // The user chose "skip tour".
  target_missing, // The missing-target policy ended the guide.
  superseded,     // A higher-priority guide took its place.
  api,            // The host app closed it through the SDK's API.
};
std::string_view dismiss_reason_name(DismissReason reason);

// What the SDK did when a step's target element could not be found in time.
enum class MissingTargetOutcome { centered_fallback, skipped, ended };
std::string_view missing_target_outcome_name(MissingTargetOutcome outcome);

// Which guide (and step) a guide event is about.
struct GuideRef {
  std::string guide_id;
  std::optional<std::int64_t> guide_version;
  std::string variant;                     // Empty = not in an experiment.
  std::optional<std::int64_t> step_index;  // 0-based position in the guide's steps.
  std::string step_id;                     // Empty = not given.
};

// A click the recorder flagged.
struct ClickRef {
  boost::json::value target;     // Element fingerprint (null = unknown).
  std::string selector;          // Human-readable label; empty = not given.
  std::string url;               // Page URL; empty = not given.
  std::optional<double> x, y;    // Viewport coordinates.
  std::int64_t click_count = 0;  // Rage clicks: clicks in the burst.
};

// Builders. Each returns a `track` event with the reserved name and properties
// filled in; the caller sets user ids, message id, timestamp and context.
// REQUIRES (checked by validate_reserved_event, not here): the required
// properties of the table above are present in `ref` (e.g. step_index for steps).
Event make_guide_seen(const GuideRef& ref);
Event make_step_seen(const GuideRef& ref);
Event make_step_completed(const GuideRef& ref);
Event make_guide_dismissed(const GuideRef& ref, DismissReason reason);
Event make_target_missing(const GuideRef& ref, std::optional<std::int64_t> waited_ms,
                          std::optional<MissingTargetOutcome> outcome);
Event make_guide_completed(const GuideRef& ref);
Event make_rage_click(const ClickRef& click);
Event make_dead_click(const ClickRef& click);

bool is_reserved_name(std::string_view event_name);

// Checks a track event with a reserved name against the table above, adding a
// problem under `pointer` ("/batch/2/properties/step_index: required for
// cairn_step_seen") for each violation. Events with other names pass.
// Returns true when no problem was added. read_event() calls this.
bool validate_reserved_event(const Event& e, const std::string& pointer, json::Problems& problems);

}  // namespace cairn::event
