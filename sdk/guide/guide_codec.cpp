#include "guide/guide_codec.h"

#include "guide/guide_codec_parts.h"
#include "time/iso8601.h"
#include "guide/theme_values.h"

#include <boost/json/array.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>

namespace cairn::guide {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;

namespace codec {

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> read_id(ObjectReader& reader, std::string_view key, Need need) {
  std::optional<std::string> id = reader.string(key, need, kMaxIdBytes);
  if (id && !is_valid_id(*id)) {
    reader.error(key, "must be 1 to " + std::to_string(kMaxIdBytes) +
                          " letters, digits, \"_\", \"-\", \".\" or \":\"");
    return std::nullopt;
  }
  return id;
}

bool is_locale_tag(std::string_view tag) {
  if (tag.size() > 35) return false;
  std::size_t i = 0;
  std::size_t letters = 0;
  while (i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z'))) {
    ++i;
    ++letters;
  }
  if (letters < 2 || letters > 3) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    ++i;
    std::size_t length = 0;
    while (i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z') ||
                              (tag[i] >= '0' && tag[i] <= '9'))) {
      ++i;
      ++length;
    }
    if (length < 1 || length > 8) return false;
  }
  return true;
}

std::optional<double> read_percent(ObjectReader& reader, std::string_view key, Need need) {
  // The range is checked here rather than by number() so the message reads
  // "between 0 and 100" instead of in exponent notation.
  std::optional<double> percent =
      reader.number(key, need, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
  if (percent && (*percent < 0 || *percent > 100)) {
    reader.error(key, "must be between 0 and 100");
    return std::nullopt;
  }
  if (percent && std::fabs(*percent * 100 - std::round(*percent * 100)) > 1e-6) {
    reader.error(key, "must have at most two decimals");
    return std::nullopt;
  }
  return percent;
}

bj::value percent_value(double percent) {
  if (std::isfinite(percent) && std::trunc(percent) == percent && std::fabs(percent) < 1e15) {
    return bj::value(static_cast<std::int64_t>(percent));
  }
  return bj::value(percent);
}

}  // namespace codec

namespace {

constexpr json::EnumName<GuideStatus> kStatuses[] = {
    {"draft", GuideStatus::draft},
    {"published", GuideStatus::published},
    {"scheduled", GuideStatus::scheduled},
    {"archived", GuideStatus::archived},
};

constexpr json::EnumName<Environment> kEnvironments[] = {
    {"staging", Environment::staging},
    {"production", Environment::production},
};

constexpr json::EnumName<TriggerKind> kTriggerKinds[] = {
    {"page_load", TriggerKind::page_load},
    {"element_appears", TriggerKind::element_appears},
    {"element_clicked", TriggerKind::element_clicked},
    {"custom_event", TriggerKind::custom_event},
    {"manual", TriggerKind::manual},
};

constexpr json::EnumName<FrequencyKind> kFrequencyKinds[] = {
    {"once", FrequencyKind::once},
    {"until_completed", FrequencyKind::until_completed},
    {"every_session", FrequencyKind::every_session},
    {"at_most", FrequencyKind::at_most},
};

void refuse(ObjectReader& r, std::string_view key, const std::string& reason) {
  if (!r.has(key)) return;
  r.field(key);
  r.error(key, reason);
}

Trigger read_trigger(const bj::value& value, const std::string& pointer, json::Problems& problems) {
  Trigger trigger;
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return trigger;
  if (auto kind = r.enumeration("kind", Need::required, kTriggerKinds)) trigger.kind = *kind;
  std::string name(json::enum_name(trigger.kind, kTriggerKinds));
  if (const bj::value* pages = r.field("pages")) {
    trigger.pages = codec::read_url_rules(*pages, r.pointer_of("pages"), problems);
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
    if (auto event = r.non_empty_string("event", Need::required, kMaxNameBytes)) trigger.event = std::move(*event);
  } else {
    refuse(r, "event", "only for kind custom_event");
  }
  if (auto delay = r.integer("delay_ms", Need::optional, 0, kMaxWaitMs)) trigger.delay_ms = *delay;
  trigger.unknown = r.unknown_fields();
  return trigger;
}

std::optional<std::int64_t> read_time(ObjectReader& r, std::string_view key) {
  std::optional<std::string> text = r.string(key, Need::optional, 64);
  if (!text) return std::nullopt;
  std::optional<std::int64_t> ms = time::parse_iso8601_utc(*text);
  if (!ms) r.error(key, "must be an ISO-8601 UTC time like \"2026-03-01T09:00:00Z\"");
  return ms;
}

Schedule read_schedule(const bj::value& value, const std::string& pointer, json::Problems& problems) {
  Schedule schedule;
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return schedule;
  schedule.start_ms = read_time(r, "start");
  schedule.end_ms = read_time(r, "end");
  if (schedule.start_ms && schedule.end_ms && *schedule.end_ms <= *schedule.start_ms) {
    r.error("end", "must be after start");
  }
  schedule.unknown = r.unknown_fields();
  return schedule;
}

Frequency read_frequency(const bj::value& value, const std::string& pointer, json::Problems& problems) {
  Frequency frequency;
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return frequency;
  if (auto kind = r.enumeration("kind", Need::required, kFrequencyKinds)) frequency.kind = *kind;
  if (frequency.kind == FrequencyKind::at_most) {
    if (auto times = r.integer("times", Need::required, 1, kMaxFrequencyTimes)) frequency.times = *times;
    frequency.window_ms = r.integer("window_ms", Need::optional, 1, kMaxWindowMs);
  } else {
    refuse(r, "times", "only for kind at_most");
    refuse(r, "window_ms", "only for kind at_most");
  }
  frequency.unknown = r.unknown_fields();
  return frequency;
}

std::optional<std::string> read_color(ObjectReader& r, std::string_view key) {
  std::optional<std::string> text = r.string(key, Need::optional, 64);
  if (!text) return std::nullopt;
  std::string problem = color_problem(*text);
  if (!problem.empty()) {
    r.error(key, problem);
    return std::nullopt;
  }
  return text;
}

Theme read_theme(const bj::value& value, const std::string& pointer, json::Problems& problems) {
  Theme theme;
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return theme;
  theme.accent_color = read_color(r, "accent_color");
  theme.background_color = read_color(r, "background_color");
  theme.text_color = read_color(r, "text_color");
  theme.border_color = read_color(r, "border_color");
  if (auto font = r.string("font_family", Need::optional, 256)) {
    std::string problem = font_family_problem(*font);
    if (problem.empty()) theme.font_family = std::move(*font);
    else r.error("font_family", problem);
  }
  theme.font_size_px = r.integer("font_size_px", Need::optional, 10, 32);
  theme.radius_px = r.integer("radius_px", Need::optional, 0, kMaxRadiusPx);
  theme.unknown = r.unknown_fields();
  return theme;
}

Experiment read_experiment(const bj::value& value, const std::string& pointer,
                           json::Problems& problems) {
  Experiment experiment;
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return experiment;
  if (auto holdout = codec::read_percent(r, "holdout_percent", Need::optional)) {
    if (*holdout >= 100) r.error("holdout_percent", "must be below 100 (nobody would see the guide)");
    experiment.holdout_percent = *holdout;
  }
  if (const bj::array* variants = r.array("variants", Need::required, kMaxVariants)) {
    std::string list = r.pointer_of("variants");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < variants->size(); ++i) {
      ObjectReader v((*variants)[i], json::pointer_append(list, i), problems);
      if (!v.valid()) continue;
      Variant variant;
      if (auto id = codec::read_id(v, "id", Need::required)) {
        if (!ids.insert(*id).second) v.error("id", "duplicate variant id \"" + *id + "\"");
        variant.id = std::move(*id);
      }
      if (auto weight = v.integer("weight", Need::optional, 1, kMaxVariantWeight)) variant.weight = *weight;
      variant.unknown = v.unknown_fields();
      experiment.variants.push_back(std::move(variant));
    }
    if (variants->empty()) r.error("variants", "must list at least one variant");
  }
  if (auto salt = r.non_empty_string("salt", Need::optional, kMaxIdBytes)) experiment.salt = std::move(*salt);
  experiment.unknown = r.unknown_fields();
  return experiment;
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
    r.error("schema", "written by a newer Cairn (schema " + std::to_string(*schema) +
                          "); this build reads schema " + std::to_string(kSchemaVersion));
    return std::nullopt;
  }
  guide.schema = *schema;

  if (auto id = codec::read_id(r, "id", Need::required)) guide.id = std::move(*id);
  if (auto name = r.non_empty_string("name", Need::required, kMaxNameBytes)) guide.name = std::move(*name);
  if (auto version = r.integer("version", Need::optional, 1, INT64_MAX)) guide.version = *version;
  if (auto status = r.enumeration("status", Need::optional, kStatuses)) guide.status = *status;
  if (auto priority = r.integer("priority", Need::optional, 0, kMaxPriority)) guide.priority = *priority;
  if (const bj::array* environments = r.array("environments", Need::optional, 2)) {
    std::string list = r.pointer_of("environments");
    for (std::size_t i = 0; i < environments->size(); ++i) {
      const bj::string* name = (*environments)[i].if_string();
      std::optional<Environment> env;
      for (const auto& e : kEnvironments) {
        if (name && e.name == std::string_view(*name)) env = e.value;
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
      r.error("fallback_locale", "is not a locale tag (like \"en\" or \"pt-BR\")");
    } else {
      guide.fallback_locale = std::move(*fallback);
    }
  }
  if (const bj::value* trigger = r.field("trigger", Need::required)) {
    guide.trigger = read_trigger(*trigger, r.pointer_of("trigger"), problems);
  }
  if (const bj::value* audience = r.field("audience")) {
    std::size_t budget = kMaxAudienceNodes;
    guide.audience = codec::read_audience(*audience, r.pointer_of("audience"), problems, 0, budget);
  }
  if (const bj::value* schedule = r.field("schedule")) {
    guide.schedule = read_schedule(*schedule, r.pointer_of("schedule"), problems);
  }
  if (guide.status == GuideStatus::scheduled && !guide.schedule.start_ms) {
    r.error("schedule", "status scheduled needs a schedule with a start");
  }
  if (const bj::value* frequency = r.field("frequency")) {
    guide.frequency = read_frequency(*frequency, r.pointer_of("frequency"), problems);
  }
  if (const bj::value* theme = r.field("theme")) {
    guide.theme = read_theme(*theme, r.pointer_of("theme"), problems);
  }
  codec::StepScope scope;
  scope.guide_id = guide.id;
  if (const bj::value* experiment = r.field("experiment")) {
    guide.experiment = read_experiment(*experiment, r.pointer_of("experiment"), problems);
    scope.has_experiment = true;
    for (const Variant& v : guide.experiment->variants) scope.variant_ids.insert(v.id);
  }
  if (const bj::array* steps = r.array("steps", Need::required, kMaxSteps)) {
    std::string list = r.pointer_of("steps");
    if (steps->empty()) r.error("steps", "must list at least one step");
    for (std::size_t i = 0; i < steps->size(); ++i) {
      guide.steps.push_back(codec::read_step((*steps)[i], json::pointer_append(list, i), problems, scope));
    }
    check_steps(guide, list, problems);
  }
  guide.unknown = r.unknown_fields();
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
  out["status"] = json::enum_name(guide.status, kStatuses);
  out["priority"] = guide.priority;
  if (!guide.environments.empty()) {
    bj::array environments;
    for (Environment e : guide.environments) environments.emplace_back(json::enum_name(e, kEnvironments));
    out["environments"] = std::move(environments);
  }
  out["fallback_locale"] = guide.fallback_locale;

  bj::object trigger;
  trigger["kind"] = json::enum_name(guide.trigger.kind, kTriggerKinds);
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
  frequency["kind"] = json::enum_name(guide.frequency.kind, kFrequencyKinds);
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
  json::merge_unknown_fields(out, guide.unknown);
  return out;
}

bool is_valid_guide_id(std::string_view id) { return codec::is_valid_id(id); }

}  // namespace cairn::guide
