// Internal to the packed guide form (guide_pack.h): THE layout. Each function
// lists one struct's fields in their packed order, with the limits the reader
// enforces; `Io` is PackWriter (pack_guides) or PackReader (unpack_guides), so
// the writer and the reader follow this one list and cannot drift.
//
// Every field is written, whatever the kind (an attribute predicate also
// carries its default event fields): a few bytes more, no per-kind branches to
// keep in step with the codec. The `unknown` members are left out.
//
// Changing anything here changes the layout: bump kPackVersion (guide_pack.h),
// keep the older layouts readable and writable behind `io.version()` (an SDK
// and its collector are upgraded apart: guide_pack.h), and update
// docs/guide-format.md ("The packed form").
#pragma once

#include "guide/guide.h"
#include "guide/pack_format.h"
#include "guide/ui_text.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cairn::guide::pack {

template <class Io>
void optional_integer(Io& io, std::optional<std::int64_t>& value, std::int64_t min,
                      std::int64_t max) {
  io.optional(value, [&](std::int64_t& v) { io.integer(v, min, max); });
}

template <class Io>
void optional_text(Io& io, std::optional<std::string>& value, std::size_t max_bytes) {
  io.optional(value, [&](std::string& v) { io.text(v, max_bytes); });
}

// A map's text values: one type for every map of strings (labels, ui_text
// words), so the reader's map() is instantiated once for them (WASM bytes).
template <class Io>
struct TextOf {
  Io& io;
  std::size_t max_bytes;
  void operator()(std::string& value) const { io.text(value, max_bytes); }
};

template <class Io>
void id_list(Io& io, std::vector<std::string>& ids, std::size_t max) {
  io.list(ids, max, [&](std::string& id) { io.text(id, kMaxIdBytes); });
}

template <class Io>
void fields(Io& io, UrlRule& rule) {
  io.text(rule.path, kMaxUrlBytes);
  io.list(rule.query, kMaxQueryConditions, [&](QueryCondition& q) {
    io.text(q.name, kMaxNameBytes);
    io.enumeration(q.op, QueryOp::contains);
    io.text(q.value, kMaxUrlBytes);
  });
  optional_text(io, rule.hash, kMaxUrlBytes);
}

template <class Io>
void fields(Io& io, UrlRules& rules) {
  io.list(rules.include, kMaxUrlRules, [&](UrlRule& r) { fields(io, r); });
  io.list(rules.exclude, kMaxUrlRules, [&](UrlRule& r) { fields(io, r); });
}

// `depth` as the codec counts it (0 at the root); `budget`: nodes left in the
// whole tree, kMaxAudienceNodes at the root.
template <class Io>
void fields(Io& io, Audience& node, std::size_t depth, std::size_t& budget) {
  if (budget == 0) return io.fail("audience with more predicates than kMaxAudienceNodes");
  --budget;
  io.enumeration(node.kind, AudienceKind::rollout);
  io.list(node.children, kMaxAudienceNodes, [&](Audience& child) {
    if (depth >= kMaxAudienceDepth) return io.fail("audience nested deeper than kMaxAudienceDepth");
    fields(io, child, depth + 1, budget);
  });
  io.text(node.attribute, kMaxNameBytes);
  io.enumeration(node.op, AttributeOp::exists);
  io.value(node.value);
  io.text(node.event, kMaxNameBytes);
  io.integer(node.at_least, 0, kMaxPackedEventCount);
  optional_integer(io, node.at_most, 0, kMaxPackedEventCount);
  optional_integer(io, node.within_ms, 1, kMaxWindowMs);
  io.text(node.guide_id, kMaxIdBytes);
  // `running` is new in version 2: packable() keeps such guides from version 1.
  io.enumeration(node.history, HistoryOp::running);
  io.number(node.percent, 0, 100);
  io.text(node.salt, kMaxIdBytes);
}

template <class Io>
void fields(Io& io, Trigger& trigger) {
  io.enumeration(trigger.kind, TriggerKind::manual);
  fields(io, trigger.pages);
  io.object(trigger.element);
  io.text(trigger.event, kMaxNameBytes);
  io.integer(trigger.delay_ms, 0, kMaxWaitMs);
}

template <class Io>
void fields(Io& io, Theme& theme) {
  optional_text(io, theme.accent_color, kMaxColorBytes);
  optional_text(io, theme.background_color, kMaxColorBytes);
  optional_text(io, theme.text_color, kMaxColorBytes);
  optional_text(io, theme.border_color, kMaxColorBytes);
  optional_text(io, theme.font_family, kMaxFontFamilyBytes);
  optional_integer(io, theme.font_size_px, 10, 32);
  optional_integer(io, theme.radius_px, 0, kMaxRadiusPx);
}

template <class Io>
void fields(Io& io, Experiment& experiment) {
  io.number(experiment.holdout_percent, 0, 100);
  io.list(experiment.variants, kMaxVariants, [&](Variant& v) {
    io.text(v.id, kMaxIdBytes);
    io.integer(v.weight, 1, kMaxVariantWeight);
  });
  io.text(experiment.salt, kMaxIdBytes);
}

template <class Io>
void fields(Io& io, StepContent& content) {
  io.text(content.title, kMaxTitleBytes);
  io.text(content.body, kMaxBodyBytes);
  io.list(content.buttons, kMaxButtonsPerStep, [&](Button& b) {
    io.text(b.label, kMaxTitleBytes);
    io.enumeration(b.action, ButtonAction::launch_guide);
    io.text(b.url, kMaxUrlBytes);
    io.flag(b.new_tab);
    io.text(b.guide_id, kMaxIdBytes);
    io.enumeration(b.style, ButtonStyle::link);
  });
  io.optional(content.media, [&](Media& m) {
    io.text(m.url, kMaxUrlBytes);
    io.enumeration(m.kind, MediaKind::video);
    io.text(m.alt, kMaxTitleBytes);
  });
  // The codec does not bound a label's key, only its text and their number.
  io.map(content.labels, kMaxLabels, kMaxValueStringBytes, TextOf<Io>{io, kMaxTitleBytes});
}

template <class Io>
void fields(Io& io, Step& step) {
  io.text(step.id, kMaxIdBytes);
  io.enumeration(step.kind, StepKind::survey);
  io.optional(step.target, [&](Target& t) { io.object(t.fingerprint); });
  io.map(step.content, kMaxLocales, kMaxLocaleTagBytes,
         [&](StepContent& c) { fields(io, c); });
  io.list(step.items, kMaxChecklistItems, [&](ChecklistItem& item) {
    io.text(item.id, kMaxIdBytes);
    io.enumeration(item.action, ChecklistAction::url);
    io.text(item.guide_id, kMaxIdBytes);
    io.text(item.url, kMaxUrlBytes);
    io.text(item.completed_by_guide, kMaxIdBytes);
  });
  io.optional(step.survey, [&](SurveyQuestion& q) {
    io.enumeration(q.kind, SurveyKind::choice);
    io.integer(q.scale, 3, 10);
    id_list(io, q.options, kMaxSurveyOptions);
    io.flag(q.multiple);
  });
  Placement& p = step.placement;
  io.enumeration(p.side, Side::right);
  io.enumeration(p.align, Alignment::end);
  io.integer(p.offset_px, 0, kMaxOffsetPx);
  io.flag(p.arrow);
  AdvanceRule& a = step.advance;
  io.enumeration(a.kind, AdvanceKind::element_disappears);
  fields(io, a.pages);
  io.text(a.event, kMaxNameBytes);
  io.object(a.element);
  io.integer(step.missing_target.wait_ms, 0, kMaxWaitMs);
  io.enumeration(step.missing_target.then, MissingTargetOutcome::end);
  io.optional(step.page, [&](UrlRule& r) { fields(io, r); });
  io.flag(step.backdrop);
  id_list(io, step.variants, kMaxVariants);
}

template <class Io>
void fields(Io& io, Guide& guide) {
  io.integer(guide.schema, 1, kSchemaVersion);
  io.text(guide.id, kMaxIdBytes);
  io.text(guide.name, kMaxNameBytes);
  io.integer(guide.version, 1, INT64_MAX);
  io.enumeration(guide.status, GuideStatus::archived);
  fields(io, guide.trigger);
  io.optional(guide.audience, [&](Audience& root) {
    std::size_t budget = kMaxAudienceNodes;
    fields(io, root, 0, budget);
  });
  io.list(guide.environments, 2, [&](Environment& e) { io.enumeration(e, Environment::production); });
  optional_integer(io, guide.schedule.start_ms, INT64_MIN, INT64_MAX);
  optional_integer(io, guide.schedule.end_ms, INT64_MIN, INT64_MAX);
  Frequency& f = guide.frequency;
  io.enumeration(f.kind, FrequencyKind::at_most);
  io.integer(f.times, 1, kMaxFrequencyTimes);
  optional_integer(io, f.window_ms, 1, kMaxWindowMs);
  io.integer(guide.priority, 0, kMaxPriority);
  io.text(guide.fallback_locale, kMaxLocaleTagBytes);
  fields(io, guide.theme);
  io.optional(guide.experiment, [&](Experiment& e) { fields(io, e); });
  io.list(guide.steps, kMaxSteps, [&](Step& s) { fields(io, s); });
  if (io.version() < 2) return;  // Version 1 ended here: no ui_text.
  io.map(guide.ui_text, kMaxLocales, kMaxLocaleTagBytes, [&](std::map<std::string, std::string>& words) {
    io.map(words, std::size(kUiWords), kMaxUiWordKeyBytes, TextOf<Io>{io, kMaxUiTextBytes});
  });
}

}  // namespace cairn::guide::pack
