// Guide: the document model of one guide, as the editor writes it, the collector
// stores it and the SDK runs it. Plain values, no behaviour: the codec
// (guide_codec.h) turns JSON into a Guide and back, the rule engine (rules/)
// decides whether a guide applies, and GuideSession (session/) runs its steps.
//
// The JSON form, every field and every limit are documented in
// docs/guide-format.md. Field names here follow the JSON names.
//
// Round trip: every object keeps the fields this build does not know in its
// `unknown` member, and the writer puts them back, so a guide written by a
// newer editor survives an older collector or SDK unchanged.
//
// Times are int64 milliseconds since the Unix epoch (UTC). Durations are int64
// milliseconds.
//
// Threading: plain values; const access from many threads is safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::guide {

// The schema version this build reads and writes. Documents with a larger
// "schema" are refused: they may mean something this build would misread.
inline constexpr std::int64_t kSchemaVersion = 1;

// Named limits. A document beyond any of them is refused with a Problem naming
// the limit, so a hostile or broken document cannot exhaust the SDK.
inline constexpr std::size_t kMaxIdBytes = 128;            // guide, step, item, variant ids
inline constexpr std::size_t kMaxNameBytes = 256;          // guide name, attribute names, events
inline constexpr std::size_t kMaxTitleBytes = 512;         // step title, button label
inline constexpr std::size_t kMaxBodyBytes = 16 * 1024;    // markdown body source
inline constexpr std::size_t kMaxUrlBytes = 2048;          // any URL or URL pattern
inline constexpr std::size_t kMaxSteps = 50;
inline constexpr std::size_t kMaxButtonsPerStep = 4;
inline constexpr std::size_t kMaxLocales = 50;
inline constexpr std::size_t kMaxChecklistItems = 20;
inline constexpr std::size_t kMaxSurveyOptions = 20;
inline constexpr std::size_t kMaxUrlRules = 20;            // per list (include or exclude)
inline constexpr std::size_t kMaxQueryConditions = 10;     // per URL rule
inline constexpr std::size_t kMaxAudienceNodes = 200;      // whole predicate tree
inline constexpr std::size_t kMaxAudienceDepth = 8;        // all/any/not nesting
inline constexpr std::size_t kMaxInValues = 100;           // values of an "in" predicate
inline constexpr std::size_t kMaxVariants = 10;
inline constexpr std::int64_t kMaxVariantWeight = 10000;
inline constexpr std::int64_t kMaxFrequencyTimes = 100;     // "at most N": N <= this
// at_least / at_most bounds: the SDK counts a user's events in their browser
// and keeps the newest kMaxEventCount + 1 of each (session/persisted_state.h),
// so every count up to this one is exact, "at most 100" included.
inline constexpr std::int64_t kMaxEventCount = 100;
// The range the packed form reads at_least / at_most in: the limit before
// kMaxEventCount was lowered to what the SDK counts. An SDK newer than its
// collector may be given a guide published then; it runs as it always did (a
// count above kMaxEventCount + 1 is never reached) instead of the whole pack
// being refused.
inline constexpr std::int64_t kMaxPackedEventCount = 1000000;
inline constexpr std::int64_t kMaxPriority = 1000;
inline constexpr std::int64_t kMaxWaitMs = 60 * 1000;       // missing-target wait
inline constexpr std::int64_t kMaxWindowMs = 366LL * 24 * 3600 * 1000;  // any time window
inline constexpr std::int64_t kMaxOffsetPx = 200;
inline constexpr std::int64_t kMaxRadiusPx = 64;

// The codec names each enum by an array indexed by its value
// (guide/enum_field.h): add enumerators at the end, never reorder them.
enum class GuideStatus { draft, published, scheduled, archived };

enum class Environment { staging, production };

// ---------------------------------------------------------------------------
// URL rules

// A condition on one query parameter. Values compare after percent-decoding.
enum class QueryOp {
  present,   // the parameter appears (any value, even empty)
  absent,    // the parameter does not appear
  equals,    // some occurrence has exactly `value`
  contains,  // some occurrence contains `value` as a substring
};

struct QueryCondition {
  std::string name;
  QueryOp op = QueryOp::present;
  std::string value;  // for equals / contains; empty otherwise
  boost::json::object unknown;

  bool operator==(const QueryCondition&) const = default;
};

// Which page a rule matches. `path` is a pattern over "/"-separated segments:
//   literal text matches itself (case-sensitive);
//   "*" inside a segment matches any run of characters within that segment
//       ("/reports/*" matches "/reports/42", "/report-*" matches "/report-q1");
//   "**" as a whole segment matches zero or more segments;
//   ":name" as a whole segment matches exactly one non-empty segment.
// A trailing "/" is ignored on both sides. `hash` is a glob ("*" = any run)
// over the fragment without its "#"; absent means any fragment.
struct UrlRule {
  std::string path = "/**";
  std::vector<QueryCondition> query;  // all must hold
  std::optional<std::string> hash;
  boost::json::object unknown;

  bool operator==(const UrlRule&) const = default;
};

// A set of pages: some rule of `include` matches (an empty list matches every
// page) and no rule of `exclude` matches.
struct UrlRules {
  std::vector<UrlRule> include;
  std::vector<UrlRule> exclude;
  boost::json::object unknown;

  bool operator==(const UrlRules&) const = default;
};

// ---------------------------------------------------------------------------
// Trigger: when a guide starts.

enum class TriggerKind {
  page_load,        // a page in `pages` is shown (also after SPA route changes)
  element_appears,  // an element matching `element` appears on a page in `pages`
  element_clicked,  // the user clicks an element matching `element`
  custom_event,     // the host calls track(`event`)
  manual,           // only launched by the host, a button, a checklist or a launcher
};

struct Trigger {
  TriggerKind kind = TriggerKind::page_load;
  UrlRules pages;                  // where the trigger applies (all kinds but manual)
  boost::json::object element;     // element fingerprint (locator format); element_* kinds
  std::string event;               // custom_event
  std::int64_t delay_ms = 0;       // wait this long after the trigger before starting
  boost::json::object unknown;

  bool operator==(const Trigger&) const = default;
};

// ---------------------------------------------------------------------------
// Audience: a predicate tree over the user, their events and guide history.

enum class AudienceKind {
  all,            // every child holds (an empty list holds)
  any,            // some child holds (an empty list does not hold)
  negate,         // the single child does not hold ("not" in JSON)
  attribute,      // a user attribute compared with `value`
  event_count,    // the user did `event` at least / at most N times within a window
  guide_history,  // the user has seen / completed / dismissed another guide, or it is running
  rollout,        // the user's bucket falls in the first `percent` of buckets
};

enum class AttributeOp { eq, neq, in, contains, starts_with, gt, lt, exists };

// `running`: the guide is running in this browser right now (on screen, or
// waiting for its page or target), whatever its past.
enum class HistoryOp { seen, completed, dismissed, running };

struct Audience {
  AudienceKind kind = AudienceKind::all;
  std::vector<Audience> children;  // all / any: any number; negate: exactly one

  // attribute
  std::string attribute;
  AttributeOp op = AttributeOp::eq;
  boost::json::value value;  // string, number or bool; an array for "in"; null for exists

  // event_count: at_least <= count (and count <= at_most when set) over the
  // last within_ms milliseconds (no window when within_ms is absent).
  std::string event;
  std::int64_t at_least = 1;
  std::optional<std::int64_t> at_most;
  std::optional<std::int64_t> within_ms;

  // guide_history
  std::string guide_id;
  HistoryOp history = HistoryOp::seen;

  // rollout: percent in [0, 100] with up to two decimals (bucket < percent*100).
  // `salt` replaces the guide id as the bucketing seed, so that several guides
  // can share one rollout population.
  double percent = 100;
  std::string salt;

  boost::json::object unknown;

  bool operator==(const Audience&) const = default;
};

// A/B test: users are split, deterministically by bucket, into a holdout that
// never sees the guide (the baseline for guide impact) and weighted variants.
// Steps may be limited to some variants (Step::variants).
struct Variant {
  std::string id;
  std::int64_t weight = 1;  // relative; > 0
  boost::json::object unknown;

  bool operator==(const Variant&) const = default;
};

struct Experiment {
  double holdout_percent = 0;  // [0, 100], up to two decimals
  std::vector<Variant> variants;  // at least one; ids unique
  std::string salt;  // bucketing seed; empty means "<guide id>/experiment"
  boost::json::object unknown;

  bool operator==(const Experiment&) const = default;
};

// ---------------------------------------------------------------------------
// Schedule, frequency, theme

// JSON: ISO-8601 UTC strings "2026-03-01T09:00:00Z" (optionally with ".sss").
// The guide runs when start_ms <= now < end_ms; a missing bound is open.
struct Schedule {
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
  boost::json::object unknown;

  bool operator==(const Schedule&) const = default;
};

enum class FrequencyKind {
  once,             // never again once seen
  until_completed,  // once per session until the user completes it
  every_session,    // once per session
  at_most,          // at most `times` starts within `window_ms` (ever, if no window)
};

struct Frequency {
  FrequencyKind kind = FrequencyKind::once;
  std::int64_t times = 1;                // at_most
  std::optional<std::int64_t> window_ms;  // at_most
  boost::json::object unknown;

  bool operator==(const Frequency&) const = default;
};

// Values become CSS custom properties on the guide's shadow root. Each is
// validated so that it cannot break out of its property: colours are #rgb,
// #rrggbb, #rrggbbaa, rgb()/rgba() with numbers, or a CSS named colour; the font
// is a list of family names of letters, digits, spaces, hyphens and quotes.
struct Theme {
  std::optional<std::string> accent_color;
  std::optional<std::string> background_color;
  std::optional<std::string> text_color;
  std::optional<std::string> border_color;
  std::optional<std::string> font_family;
  std::optional<std::int64_t> font_size_px;  // 10..32
  std::optional<std::int64_t> radius_px;     // 0..kMaxRadiusPx
  boost::json::object unknown;

  bool operator==(const Theme&) const = default;
};

// ---------------------------------------------------------------------------
// Steps

enum class StepKind { tooltip, modal, hotspot, banner, slideout, checklist, launcher, survey };

// Anchored kinds need a target; centered or edge kinds must not have one;
// launcher and survey may have one (anchored) or not (corner / centered).
enum class TargetNeed { required, forbidden, optional };
TargetNeed target_need(StepKind kind);

// The element a step points at. The fingerprint's format belongs to the
// locator module (docs/fingerprint.md); the guide codec validates it with the
// locator's codec but keeps the raw object, so unknown fields round-trip.
struct Target {
  boost::json::object fingerprint;
  boost::json::object unknown;

  bool operator==(const Target&) const = default;
};

enum class ButtonAction { next, back, dismiss, complete, url, launch_guide };
enum class ButtonStyle { primary, secondary, link };

struct Button {
  std::string label;
  ButtonAction action = ButtonAction::next;
  std::string url;       // url: http(s), mailto or a relative URL
  bool new_tab = false;  // url
  std::string guide_id;  // launch_guide
  ButtonStyle style = ButtonStyle::primary;
  boost::json::object unknown;

  bool operator==(const Button&) const = default;
};

enum class MediaKind { image, video };

struct Media {
  std::string url;  // http or https only
  MediaKind kind = MediaKind::image;
  std::string alt;
  boost::json::object unknown;

  bool operator==(const Media&) const = default;
};

// The text of a step in one locale. `body` is markdown source in the safe
// subset (markdown.h); `labels` holds the text of checklist items and survey
// options, keyed by their ids.
struct StepContent {
  std::string title;
  std::string body;
  std::vector<Button> buttons;
  std::optional<Media> media;
  std::map<std::string, std::string> labels;
  boost::json::object unknown;

  bool operator==(const StepContent&) const = default;
};

enum class ChecklistAction { none, launch_guide, url };

struct ChecklistItem {
  std::string id;
  ChecklistAction action = ChecklistAction::none;
  std::string guide_id;  // launch_guide
  std::string url;       // url
  // The item is ticked when this guide is completed (empty: by the user's click).
  std::string completed_by_guide;
  boost::json::object unknown;

  bool operator==(const ChecklistItem&) const = default;
};

enum class SurveyKind { nps, rating, choice };

struct SurveyQuestion {
  SurveyKind kind = SurveyKind::nps;
  std::int64_t scale = 5;                // rating: 3..10 points
  std::vector<std::string> options;      // choice: option ids (labels in content)
  bool multiple = false;                 // choice: several options may be picked
  boost::json::object unknown;

  bool operator==(const SurveyQuestion&) const = default;
};

enum class Side { automatic, top, bottom, left, right };  // "auto" in JSON
enum class Alignment { center, start, end };

struct Placement {
  Side side = Side::automatic;
  Alignment align = Alignment::center;
  std::int64_t offset_px = 8;  // gap between target and box, 0..kMaxOffsetPx
  bool arrow = true;
  boost::json::object unknown;

  bool operator==(const Placement&) const = default;
};

enum class AdvanceKind {
  next_button,         // the step's "next" (or "complete") button
  click_target,        // a click on the target element
  input_target,        // input into the target element
  url_change,          // the page changes to one matching `pages`
  custom_event,        // the host calls track(`event`)
  element_appears,     // an element matching `element` appears
  element_disappears,  // the element (default: the target) disappears
};

struct AdvanceRule {
  AdvanceKind kind = AdvanceKind::next_button;
  UrlRules pages;               // url_change
  std::string event;            // custom_event
  boost::json::object element;  // element_appears (required) / element_disappears
  boost::json::object unknown;

  bool operator==(const AdvanceRule&) const = default;
};

enum class MissingTargetOutcome { centered, skip, end };

// When the target is not found: wait up to wait_ms for it to appear, then show
// the step centered, skip to the next step, or end the guide. Every outcome is
// reported as a target_missing event.
struct MissingTargetPolicy {
  std::int64_t wait_ms = 3000;
  MissingTargetOutcome then = MissingTargetOutcome::centered;
  boost::json::object unknown;

  bool operator==(const MissingTargetPolicy&) const = default;
};

struct Step {
  std::string id;
  StepKind kind = StepKind::tooltip;
  std::optional<Target> target;
  std::map<std::string, StepContent> content;  // by locale tag ("en", "pt-BR")
  std::vector<ChecklistItem> items;            // checklist only
  std::optional<SurveyQuestion> survey;        // survey only (required there)
  Placement placement;
  AdvanceRule advance;
  MissingTargetPolicy missing_target;
  // The page the step belongs to, for multi-page guides: the session waits on
  // another page until one matching this rule is shown. Absent: any page.
  std::optional<UrlRule> page;
  bool backdrop = false;              // dim the page around the step
  std::vector<std::string> variants;  // shown only in these experiment variants; empty: all
  boost::json::object unknown;

  bool operator==(const Step&) const = default;
};

// ---------------------------------------------------------------------------

struct Guide {
  std::int64_t schema = kSchemaVersion;
  std::string id;
  std::string name;
  std::int64_t version = 1;
  GuideStatus status = GuideStatus::draft;
  Trigger trigger;
  std::optional<Audience> audience;        // absent: everyone
  std::vector<Environment> environments;   // empty: every environment
  Schedule schedule;
  Frequency frequency;
  std::int64_t priority = 0;               // higher wins; 0..kMaxPriority
  std::string fallback_locale = "en";      // every step has content in it
  Theme theme;
  std::optional<Experiment> experiment;
  std::vector<Step> steps;                 // at least one
  // The SDK's own words (ui_text.h) by locale tag, then by word key; only the
  // words the author translated.
  std::map<std::string, std::map<std::string, std::string>> ui_text;
  boost::json::object unknown;

  bool operator==(const Guide&) const = default;
};

// The step's content for the user's locale: an exact tag match, then the
// language alone ("pt-BR" -> "pt"), then `fallback`; nullptr if none of them
// exists (the codec guarantees the guide's fallback_locale always does).
const StepContent* content_for(const Step& step, std::string_view locale,
                               std::string_view fallback);

}  // namespace cairn::guide
