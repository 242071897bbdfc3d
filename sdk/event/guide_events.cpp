#include "event/guide_events.h"

#include "json/reader.h"
#include "json/writer.h"

#include <boost/json/string.hpp>

namespace cairn::event {

namespace bj = boost::json;

namespace {

constexpr json::EnumName<DismissReason> kDismissReasons[] = {
    {"close_button", DismissReason::close_button},
    {"escape_key", DismissReason::escape_key},
    {"outside_click", DismissReason::outside_click},
    {"skip_button", DismissReason::skip_button},
    {"target_missing", DismissReason::target_missing},
    {"superseded", DismissReason::superseded},
    {"api", DismissReason::api},
};

constexpr json::EnumName<MissingTargetOutcome> kOutcomes[] = {
    {"centered_fallback", MissingTargetOutcome::centered_fallback},
    {"skipped", MissingTargetOutcome::skipped},
    {"ended", MissingTargetOutcome::ended},
};

constexpr std::int64_t kMaxStepIndex = 1000;
constexpr std::int64_t kMaxVersion = INT32_MAX;
constexpr std::int64_t kMaxWaitMs = 24LL * 3600 * 1000;
constexpr std::int64_t kMaxClickCount = 1000000;
constexpr std::size_t kMaxGuideIdBytes = 128;

Event track(std::string_view name) {
  Event e;
  e.type = EventType::track;
  e.event = std::string(name);
  return e;
}

Event guide_event(std::string_view name, const GuideRef& ref) {
  Event e = track(name);
  json::put_text(e.properties, "guide_id", ref.guide_id);
  if (ref.guide_version) json::put_value(e.properties, "guide_version", *ref.guide_version);
  if (!ref.variant.empty()) json::put_text(e.properties, "variant", ref.variant);
  if (ref.step_index) json::put_value(e.properties, "step_index", *ref.step_index);
  if (!ref.step_id.empty()) json::put_text(e.properties, "step_id", ref.step_id);
  return e;
}

Event click_event(std::string_view name, const ClickRef& click) {
  Event e = track(name);
  if (!click.target.is_null()) e.properties["target"] = click.target;
  if (!click.selector.empty()) json::put_text(e.properties, "selector", click.selector);
  if (!click.url.empty()) json::put_text(e.properties, "url", click.url);
  if (click.x) json::put_value(e.properties, "x", *click.x);
  if (click.y) json::put_value(e.properties, "y", *click.y);
  return e;
}

enum class StepIndex { required, optional, absent };

void check_guide(json::ObjectReader& r, StepIndex step) {
  r.non_empty_string("guide_id", json::Need::required, kMaxGuideIdBytes);
  r.integer("guide_version", json::Need::optional, 0, kMaxVersion);
  r.string("variant", json::Need::optional, kMaxGuideIdBytes);
  if (step != StepIndex::absent) {
    r.integer("step_index", step == StepIndex::required ? json::Need::required : json::Need::optional, 0,
              kMaxStepIndex);
    r.string("step_id", json::Need::optional, kMaxGuideIdBytes);
  }
}

}  // namespace

std::string_view dismiss_reason_name(DismissReason reason) {
  return json::enum_name(reason, kDismissReasons);
}

std::string_view missing_target_outcome_name(MissingTargetOutcome outcome) {
  return json::enum_name(outcome, kOutcomes);
}

Event make_guide_seen(const GuideRef& ref) { return guide_event(kGuideSeen, ref); }
Event make_step_seen(const GuideRef& ref) { return guide_event(kStepSeen, ref); }
Event make_step_completed(const GuideRef& ref) { return guide_event(kStepCompleted, ref); }

Event make_guide_dismissed(const GuideRef& ref, DismissReason reason) {
  Event e = guide_event(kGuideDismissed, ref);
  json::put_name(e.properties, "reason", dismiss_reason_name(reason));
  return e;
}

Event make_target_missing(const GuideRef& ref, std::optional<std::int64_t> waited_ms,
                          std::optional<MissingTargetOutcome> outcome) {
  Event e = guide_event(kTargetMissing, ref);
  if (waited_ms) json::put_value(e.properties, "waited_ms", *waited_ms);
  if (outcome) json::put_name(e.properties, "outcome", missing_target_outcome_name(*outcome));
  return e;
}

Event make_guide_completed(const GuideRef& ref) { return guide_event(kGuideCompleted, ref); }

Event make_rage_click(const ClickRef& click) {
  Event e = click_event(kRageClick, click);
  json::put_value(e.properties, "click_count", click.click_count);
  return e;
}

Event make_dead_click(const ClickRef& click) { return click_event(kDeadClick, click); }

bool is_reserved_name(std::string_view event_name) {
  return event_name.substr(0, kReservedPrefix.size()) == kReservedPrefix;
}

bool validate_reserved_event(const Event& e, const std::string& pointer, json::Problems& problems) {
  if (e.type != EventType::track || !is_reserved_name(e.event)) return true;
  const std::size_t before = problems.total();
  bj::value properties(e.properties);
  json::ObjectReader r(properties, json::pointer_append(pointer, "properties"), problems);
  const std::string_view name = e.event;
  if (name == kGuideSeen) {
    check_guide(r, StepIndex::optional);
  } else if (name == kStepSeen || name == kStepCompleted) {
    check_guide(r, StepIndex::required);
  } else if (name == kGuideDismissed) {
    check_guide(r, StepIndex::optional);
    r.enumeration("reason", json::Need::required, kDismissReasons);
  } else if (name == kTargetMissing) {
    check_guide(r, StepIndex::required);
    r.integer("waited_ms", json::Need::optional, 0, kMaxWaitMs);
    r.enumeration("outcome", json::Need::optional, kOutcomes);
  } else if (name == kGuideCompleted) {
    check_guide(r, StepIndex::absent);
  } else if (name == kRageClick || name == kDeadClick) {
    if (name == kRageClick) r.integer("click_count", json::Need::required, 2, kMaxClickCount);
    r.string("selector", json::Need::optional);
    r.string("url", json::Need::optional);
    r.number("x", json::Need::optional, -1e7, 1e7);
    r.number("y", json::Need::optional, -1e7, 1e7);
  }
  return problems.total() == before;
}

}  // namespace cairn::event
