// What a GuideSession asks its host to do. Every input method returns the
// commands it produced, in the order they must be executed; the adapter runs
// them and owns nothing else of the guides' logic.
//
// The WASM adapter receives them as JSON (command_codec.h).
//
// Threading: plain values, except ShowStep's parts borrowed from the session's
// guide: a host reads each call's commands before its next call.
#pragma once

#include "event/event.h"
#include "guide/guide.h"
#include "session/content_locale.h"

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace cairn::session {

struct WatchedTarget {
  std::string key;                   // echoed back in TargetReport and target_* actions
  boost::json::object fingerprint;   // what the locator looks for (locator format)
};

// The complete set of elements the session wants located now; it replaces the
// previous set (an empty list means: watch nothing). The adapter locates each
// one now and again whenever the DOM changes, and reports every change of
// answer with GuideSession::targets_changed(). It also reports clicks and input
// on found elements (target_clicked / target_input).
struct WatchTargets {
  std::vector<WatchedTarget> targets;
};

struct ChecklistItemView {
  std::string id;
  std::string label;  // localised
  bool done = false;
  guide::ChecklistAction action = guide::ChecklistAction::none;
  std::string guide_id;  // launch_guide
  std::string url;       // url
};

// Draw (or redraw, replacing) the step of guide `guide_id`. A guide has at most
// one step on screen; showing another step of the same guide replaces it.
struct ShowStep {
  std::string guide_id;
  std::int64_t guide_version = 0;
  std::size_t step_index = 0;
  std::size_t step_count = 0;
  std::string step_id;
  guide::StepKind kind = guide::StepKind::modal;
  // The element to anchor to, by the adapter's handle. Empty: draw centered
  // (kinds without a target, or the missing-target fallback).
  std::optional<std::int64_t> element;
  std::string target_key;       // watch key of the anchor, when there is one
  bool fallback = false;        // centered because the target was not found
  std::string locale;           // the locale `content` was taken from
  // `content`, `theme` and `survey` point into the session's guide (copying
  // them cost the WASM ~0.5 KB gzip): valid until the session's next call,
  // which may replace its guides. `content` is already localised, null when
  // the step has no content at all; `theme` is null only in a ShowStep made
  // outside a session (the writer then writes empty ones).
  const guide::StepContent* content = nullptr;
  guide::Placement placement;
  const guide::Theme* theme = nullptr;
  bool backdrop = false;
  bool can_go_back = false;
  std::vector<ChecklistItemView> checklist;     // checklist steps
  const guide::SurveyQuestion* survey = nullptr;  // survey steps
  // The SDK's own words (guide/ui_text.h) in the content's language, as two
  // tables into the session's guide like `content`: the one chosen for the
  // content's locale, then per word the fallback locale's (either may be
  // null). Words in neither are the adapter's English.
  UiTextTables ui_text;
};

// Remove whatever step of `guide_id` is on screen.
struct HideStep {
  std::string guide_id;
};

// Record an analytics event. The session fills name, properties, user id and
// timestamp; the adapter adds message id, anonymous id and context, then queues it.
struct RecordEvent {
  event::Event event;
};

// Store `json` (persisted_state_codec.h) where the next page load can read it
// and pass it to GuideSession::restore().
struct PersistState {
  std::string json;
};

// Call GuideSession::tick() at `at_ms` (or as soon after as possible). Replaces
// any earlier request; an empty `at_ms` cancels it. The session emits this only
// when its next deadline changes.
struct ScheduleTick {
  std::optional<std::int64_t> at_ms;
};

// A step button asked to open a URL.
struct OpenUrl {
  std::string url;
  bool new_tab = false;
};

using Command =
    std::variant<WatchTargets, ShowStep, HideStep, RecordEvent, PersistState, ScheduleTick, OpenUrl>;

}  // namespace cairn::session
