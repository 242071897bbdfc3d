#include "guide/guide_codec.h"

#include "guide/enum_field.h"
#include "guide/guide_codec_parts.h"
#include "json/compact_writer.h"
#include "time/iso8601.h"
#include "guide/theme_values.h"
#include "guide/ui_text.h"

#include <boost/json/array.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace cairn::guide {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;
using codec::enum_name;
using codec::keep_unknown;
using codec::names_every;
using codec::read_enum;
using codec::read_flag;
using codec::read_id;
using codec::read_integer;
using codec::read_non_empty;
using codec::read_string;
using codec::refuse;
using codec::report;

namespace {

constexpr std::string_view kStatuses[] = {  // by GuideStatus value
    "draft", "published", "scheduled", "archived",
};
static_assert(names_every(kStatuses, GuideStatus::archived));

constexpr std::string_view kEnvironments[] = {  // by Environment value
    "staging", "production",
};
static_assert(names_every(kEnvironments, Environment::production));

constexpr std::string_view kTriggerKinds[] = {  // by TriggerKind value
    "page_load", "element_appears", "element_clicked", "custom_event", "manual",
};
static_assert(names_every(kTriggerKinds, TriggerKind::manual));

constexpr std::string_view kFrequencyKinds[] = {  // by FrequencyKind value
    "once", "until_completed", "every_session", "at_most",
};
static_assert(names_every(kFrequencyKinds, FrequencyKind::at_most));

void read_trigger(const bj::value& value, const std::string& pointer, json::Problems& problems,
                  Trigger& trigger) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  if (auto kind = read_enum<TriggerKind>(r, "kind", Need::required, kTriggerKinds)) trigger.kind = *kind;
  if (const bj::value* pages = r.field("pages")) {
    codec::read_url_rules(*pages, r.pointer_of("pages"), problems, trigger.pages);
  }
  bool element_kind = trigger.kind == TriggerKind::element_appears ||
                      trigger.kind == TriggerKind::element_clicked;
  if (element_kind) {
    if (const bj::object* element = codec::read_fingerprint_field(r, "element", Need::required)) {
      trigger.element = *element;
    }
  } else {
    refuse(r, "element", "only for kinds element_appears and element_clicked");
  }
  if (trigger.kind == TriggerKind::custom_event) {
    read_non_empty(r, "event", Need::required, kMaxNameBytes, trigger.event);
  } else {
    refuse(r, "event", "only for kind custom_event");
  }
  read_integer(r, "delay_ms", Need::optional, 0, kMaxWaitMs, trigger.delay_ms);
  keep_unknown(r, trigger.unknown);
}

std::optional<std::int64_t> read_time(ObjectReader& r, std::string_view key) {
  std::optional<std::string> text = r.string(key, Need::optional, 64);
  if (!text) return std::nullopt;
  std::optional<std::int64_t> ms = time::parse_iso8601_utc(*text);
  if (!ms) report(r, key, "must be an ISO-8601 UTC time like \"2026-03-01T09:00:00Z\"");
  return ms;
}

void read_schedule(const bj::value& value, const std::string& pointer, json::Problems& problems,
                   Schedule& schedule) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  schedule.start_ms = read_time(r, "start");
  schedule.end_ms = read_time(r, "end");
  if (schedule.start_ms && schedule.end_ms && *schedule.end_ms <= *schedule.start_ms) {
    report(r, "end", "must be after start");
  }
  keep_unknown(r, schedule.unknown);
}

void read_frequency(const bj::value& value, const std::string& pointer, json::Problems& problems,
                    Frequency& frequency) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  if (auto kind = read_enum<FrequencyKind>(r, "kind", Need::required, kFrequencyKinds)) frequency.kind = *kind;
  if (frequency.kind == FrequencyKind::at_most) {
    read_integer(r, "times", Need::required, 1, kMaxFrequencyTimes, frequency.times);
    frequency.window_ms = r.integer("window_ms", Need::optional, 1, kMaxWindowMs);
  } else {
    refuse(r, "times", "only for kind at_most");
    refuse(r, "window_ms", "only for kind at_most");
  }
  keep_unknown(r, frequency.unknown);
}

// Fills `out` only with a colour that passes color_problem().
void read_color(ObjectReader& r, std::string_view key, std::optional<std::string>& out) {
  std::optional<std::string> text = r.string(key, Need::optional, 64);
  if (!text) return;
  std::string_view problem = color_problem(*text);
  if (!problem.empty()) {
    r.error(key, std::string(problem));
    return;
  }
  out = std::move(text);
}

void read_theme(const bj::value& value, const std::string& pointer, json::Problems& problems,
                Theme& theme) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  read_color(r, "accent_color", theme.accent_color);
  read_color(r, "background_color", theme.background_color);
  read_color(r, "text_color", theme.text_color);
  read_color(r, "border_color", theme.border_color);
  if (auto font = r.string("font_family", Need::optional, 256)) {
    std::string_view problem = font_family_problem(*font);
    if (problem.empty()) theme.font_family = std::move(*font);
    else r.error("font_family", std::string(problem));
  }
  theme.font_size_px = r.integer("font_size_px", Need::optional, 10, 32);
  theme.radius_px = r.integer("radius_px", Need::optional, 0, kMaxRadiusPx);
  keep_unknown(r, theme.unknown);
}

void read_experiment(const bj::value& value, const std::string& pointer, json::Problems& problems,
                     Experiment& experiment) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  if (auto holdout = codec::read_percent(r, "holdout_percent", Need::optional)) {
    if (*holdout >= 100) report(r, "holdout_percent", "must be below 100 (nobody would see the guide)");
    experiment.holdout_percent = *holdout;
  }
  if (const bj::array* variants = r.array("variants", Need::required, kMaxVariants)) {
    std::string list = r.pointer_of("variants");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < variants->size(); ++i) {
      ObjectReader v((*variants)[i], json::pointer_append(list, i), problems);
      if (!v.valid()) continue;
      Variant variant;
      if (read_id(v, "id", Need::required, variant.id) && !ids.insert(variant.id).second) {
        v.error("id", "duplicate variant id \"" + variant.id + "\"");
      }
      read_integer(v, "weight", Need::optional, 1, kMaxVariantWeight, variant.weight);
      keep_unknown(v, variant.unknown);
      experiment.variants.push_back(std::move(variant));
    }
    if (variants->empty()) report(r, "variants", "must list at least one variant");
  }
  read_non_empty(r, "salt", Need::optional, kMaxIdBytes, experiment.salt);
  keep_unknown(r, experiment.unknown);
}

// Checks that need every step: unique ids, content in the fallback locale
// (with labels for every item and option), and no "back" on the first step.
void check_steps(const Guide& guide, const std::string& steps_pointer, json::Problems& problems) {
  std::map<std::string, std::size_t> first_index;
  for (std::size_t i = 0; i < guide.steps.size(); ++i) {
    const Step& step = guide.steps[i];
    std::string step_pointer = json::pointer_append(steps_pointer, i);
    if (!step.id.empty()) {
      auto [it, inserted] = first_index.emplace(step.id, i);
      if (!inserted) {
        problems.add(json::pointer_append(step_pointer, "id"),
                     "duplicate step id \"" + step.id + "\" (also " +
                         json::pointer_append(steps_pointer, it->second) + ")");
      }
    }
    if (step.content.empty()) continue;  // already reported
    std::string content_pointer = json::pointer_append(step_pointer, "content");
    auto fallback = step.content.find(guide.fallback_locale);
    if (fallback == step.content.end()) {
      problems.add(content_pointer,
                   "no content for the fallback locale \"" + guide.fallback_locale + "\"");
    } else {
      std::string labels_pointer =
          json::pointer_append(json::pointer_append(content_pointer, guide.fallback_locale), "labels");
      auto need_label = [&](const std::string& id, const char* what) {
        if (!fallback->second.labels.count(id)) {
          problems.add(labels_pointer, std::string("no label for ") + what + " \"" + id + "\"");
        }
      };
      for (const ChecklistItem& item : step.items) {
        if (!item.id.empty()) need_label(item.id, "checklist item");
      }
      if (step.survey) {
        for (const std::string& option : step.survey->options) need_label(option, "survey option");
      }
    }
    if (i == 0) {
      for (const auto& [locale, content] : step.content) {
        for (std::size_t b = 0; b < content.buttons.size(); ++b) {
          if (content.buttons[b].action != ButtonAction::back) continue;
          problems.add(json::pointer_append(
                           json::pointer_append(
                               json::pointer_append(json::pointer_append(content_pointer, locale),
                                                    "buttons"),
                               b),
                           "action"),
                       "\"back\" on the first step has nowhere to go");
        }
      }
    }
  }
}

// `ui_text`: locale tag -> {word key -> text}. Unlike other objects, an
// unknown key is refused, not kept: it is a misspelt word ("sumbit") whose
// translation would silently never show.
void read_ui_text(const bj::object& locales, const std::string& pointer,
                  json::Problems& problems, Guide& guide) {
  if (locales.size() > kMaxLocales) {
    problems.add(pointer, "has more than " + json::integer_text(kMaxLocales) + " locales");
    return;
  }
  for (const bj::key_value_pair& locale : locales) {
    std::string locale_pointer = json::pointer_append(pointer, locale.key());
    if (!codec::is_locale_tag(locale.key())) {
      problems.add(locale_pointer, "is not a locale tag (like \"en\" or \"pt-BR\")");
      continue;
    }
    const bj::object* words = locale.value().if_object();
    if (!words) {
      problems.add(locale_pointer, "must be an object");
      continue;
    }
    std::map<std::string, std::string>& out = guide.ui_text[std::string(locale.key())];
    for (const bj::key_value_pair& kv : *words) {
      std::string word_pointer = json::pointer_append(locale_pointer, kv.key());
      const UiWord* word = find_ui_word(kv.key());
      const bj::string* text = kv.value().if_string();
      std::optional<std::string> problem;
      if (!word) {
        std::string known;
        for (const UiWord& w : kUiWords) known += (known.empty() ? "" : ", ") + std::string(w.key);
        problem = "is not one of the SDK's words (" + known + ")";
      } else if (!text) {
        problem = "must be a string";
      } else if (text->empty() || text->size() > kMaxUiTextBytes) {
        problem = "must be 1 to " + json::integer_text(kMaxUiTextBytes) + " bytes";
      } else {
        problem = ui_text_problem(*word, *text);
      }
      if (problem) {
        problems.add(word_pointer, *problem);
      } else {
        out.emplace(std::string(kv.key()), std::string(*text));
      }
    }
  }
}

}  // namespace

std::optional<Guide> parse_guide(const bj::value& value, std::string_view pointer,
                                 json::Problems& problems) {
  std::size_t before = problems.total();
  Guide guide;
  ObjectReader r(value, std::string(pointer), problems);
  if (!r.valid()) return std::nullopt;

  // The schema comes first: a newer document is refused with that one reason,
  // since everything else about it may mean something else.
  std::optional<std::int64_t> schema = r.integer("schema", Need::required, 1, INT64_MAX);
  if (!schema) return std::nullopt;
  if (*schema > kSchemaVersion) {
    r.error("schema", "written by a newer Cairn (schema " + json::integer_text(*schema) +
                          "); this build reads schema " + json::integer_text(kSchemaVersion));
    return std::nullopt;
  }
  guide.schema = *schema;

  read_id(r, "id", Need::required, guide.id);
  read_non_empty(r, "name", Need::required, kMaxNameBytes, guide.name);
  read_integer(r, "version", Need::optional, 1, INT64_MAX, guide.version);
  if (auto status = read_enum<GuideStatus>(r, "status", Need::optional, kStatuses)) guide.status = *status;
  read_integer(r, "priority", Need::optional, 0, kMaxPriority, guide.priority);
  if (const bj::array* environments = r.array("environments", Need::optional, 2)) {
    std::string list = r.pointer_of("environments");
    for (std::size_t i = 0; i < environments->size(); ++i) {
      const bj::string* name = (*environments)[i].if_string();
      std::optional<Environment> env;
      for (std::size_t e = 0; name && e < std::size(kEnvironments); ++e) {
        if (kEnvironments[e] == std::string_view(*name)) env = static_cast<Environment>(e);
      }
      if (!env) {
        problems.add(json::pointer_append(list, i), "must be one of: staging, production");
      } else if (std::find(guide.environments.begin(), guide.environments.end(), *env) !=
                 guide.environments.end()) {
        problems.add(json::pointer_append(list, i), "listed twice");
      } else {
        guide.environments.push_back(*env);
      }
    }
  }
  if (auto fallback = r.string("fallback_locale", Need::optional, 35)) {
    if (!codec::is_locale_tag(*fallback)) {
      report(r, "fallback_locale", "is not a locale tag (like \"en\" or \"pt-BR\")");
    } else {
      guide.fallback_locale = std::move(*fallback);
    }
  }
  if (const bj::value* trigger = r.field("trigger", Need::required)) {
    read_trigger(*trigger, r.pointer_of("trigger"), problems, guide.trigger);
  }
  if (const bj::value* audience = r.field("audience")) {
    std::size_t budget = kMaxAudienceNodes;
    codec::read_audience(*audience, r.pointer_of("audience"), problems, 0, budget,
                         guide.audience.emplace());
  }
  if (const bj::value* schedule = r.field("schedule")) {
    read_schedule(*schedule, r.pointer_of("schedule"), problems, guide.schedule);
  }
  if (guide.status == GuideStatus::scheduled && !guide.schedule.start_ms) {
    report(r, "schedule", "status scheduled needs a schedule with a start");
  }
  if (const bj::value* frequency = r.field("frequency")) {
    read_frequency(*frequency, r.pointer_of("frequency"), problems, guide.frequency);
  }
  if (const bj::value* theme = r.field("theme")) {
    read_theme(*theme, r.pointer_of("theme"), problems, guide.theme);
  }
  if (const bj::object* ui_text = r.object("ui_text")) {
    read_ui_text(*ui_text, r.pointer_of("ui_text"), problems, guide);
  }
  codec::StepScope scope;
  scope.guide_id = guide.id;
  if (const bj::value* experiment = r.field("experiment")) {
    read_experiment(*experiment, r.pointer_of("experiment"), problems, guide.experiment.emplace());
    scope.has_experiment = true;
    for (const Variant& v : guide.experiment->variants) scope.variant_ids.insert(v.id);
  }
  if (const bj::array* steps = r.array("steps", Need::required, kMaxSteps)) {
    std::string list = r.pointer_of("steps");
    if (steps->empty()) report(r, "steps", "must list at least one step");
    for (std::size_t i = 0; i < steps->size(); ++i) {
      codec::read_step((*steps)[i], json::pointer_append(list, i), problems, scope,
                       guide.steps.emplace_back());
    }
    check_steps(guide, list, problems);
  }
  keep_unknown(r, guide.unknown);
  if (problems.total() != before) return std::nullopt;
  return guide;
}

GuideParseResult parse_guide(std::string_view json_text) {
  GuideParseResult result;
  std::optional<bj::value> document = json::parse_document(json_text, result.problems);
  if (!document) return result;
  result.guide = parse_guide(*document, "", result.problems);
  return result;
}

bj::object write_guide(const Guide& guide) {
  bj::object out;
  out["schema"] = guide.schema;
  out["id"] = guide.id;
  out["name"] = guide.name;
  out["version"] = guide.version;
  out["status"] = enum_name(guide.status, kStatuses);
  out["priority"] = guide.priority;
  if (!guide.environments.empty()) {
    bj::array environments;
    for (Environment e : guide.environments) environments.emplace_back(enum_name(e, kEnvironments));
    out["environments"] = std::move(environments);
  }
  out["fallback_locale"] = guide.fallback_locale;

  bj::object trigger;
  trigger["kind"] = enum_name(guide.trigger.kind, kTriggerKinds);
  trigger["pages"] = codec::write_url_rules(guide.trigger.pages);
  if (guide.trigger.kind == TriggerKind::element_appears ||
      guide.trigger.kind == TriggerKind::element_clicked) {
    trigger["element"] = guide.trigger.element;
  }
  if (guide.trigger.kind == TriggerKind::custom_event) trigger["event"] = guide.trigger.event;
  trigger["delay_ms"] = guide.trigger.delay_ms;
  json::merge_unknown_fields(trigger, guide.trigger.unknown);
  out["trigger"] = std::move(trigger);

  if (guide.audience) out["audience"] = write_audience(*guide.audience);

  bj::object schedule;
  if (guide.schedule.start_ms) {
    schedule["start"] = time::format_iso8601_utc(*guide.schedule.start_ms);
  }
  if (guide.schedule.end_ms) schedule["end"] = time::format_iso8601_utc(*guide.schedule.end_ms);
  json::merge_unknown_fields(schedule, guide.schedule.unknown);
  out["schedule"] = std::move(schedule);

  bj::object frequency;
  frequency["kind"] = enum_name(guide.frequency.kind, kFrequencyKinds);
  if (guide.frequency.kind == FrequencyKind::at_most) {
    frequency["times"] = guide.frequency.times;
    if (guide.frequency.window_ms) frequency["window_ms"] = *guide.frequency.window_ms;
  }
  json::merge_unknown_fields(frequency, guide.frequency.unknown);
  out["frequency"] = std::move(frequency);

  bj::object theme;
  const Theme& t = guide.theme;
  if (t.accent_color) theme["accent_color"] = *t.accent_color;
  if (t.background_color) theme["background_color"] = *t.background_color;
  if (t.text_color) theme["text_color"] = *t.text_color;
  if (t.border_color) theme["border_color"] = *t.border_color;
  if (t.font_family) theme["font_family"] = *t.font_family;
  if (t.font_size_px) theme["font_size_px"] = *t.font_size_px;
  if (t.radius_px) theme["radius_px"] = *t.radius_px;
  json::merge_unknown_fields(theme, t.unknown);
  out["theme"] = std::move(theme);

  if (guide.experiment) {
    bj::object experiment;
    experiment["holdout_percent"] = codec::percent_value(guide.experiment->holdout_percent);
    bj::array variants;
    for (const Variant& v : guide.experiment->variants) {
      bj::object variant;
      variant["id"] = v.id;
      variant["weight"] = v.weight;
      json::merge_unknown_fields(variant, v.unknown);
      variants.push_back(std::move(variant));
    }
    experiment["variants"] = std::move(variants);
    if (!guide.experiment->salt.empty()) experiment["salt"] = guide.experiment->salt;
    json::merge_unknown_fields(experiment, guide.experiment->unknown);
    out["experiment"] = std::move(experiment);
  }

  bj::array steps;
  for (const Step& step : guide.steps) steps.push_back(codec::write_step(step));
  out["steps"] = std::move(steps);
  if (!guide.ui_text.empty()) {
    bj::object ui_text;
    for (const auto& [locale, words] : guide.ui_text) {
      bj::object texts;
      for (const auto& [key, text] : words) texts[key] = text;
      ui_text[locale] = std::move(texts);
    }
    out["ui_text"] = std::move(ui_text);
  }
  json::merge_unknown_fields(out, guide.unknown);
  return out;
}

bool is_valid_guide_id(std::string_view id) { return codec::is_valid_id(id); }

}  // namespace cairn::guide
