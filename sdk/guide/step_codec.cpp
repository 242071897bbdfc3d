// Reading and writing steps (guide::Step and its parts). The checks that need
// the whole guide (unique ids, fallback locale, "back" on the first step) are in
// guide_codec.cpp.
#include "guide/enum_field.h"
#include "guide/guide_codec_parts.h"
#include "guide/safe_url.h"
#include "guide/step_names.h"
#include "json/compact_writer.h"

#include <boost/json/array.hpp>

#include <set>
#include <string>

namespace cairn::guide::codec {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;

namespace {

constexpr std::string_view kAdvanceKinds[] = {  // by AdvanceKind value
    "next_button", "click_target", "input_target", "url_change", "custom_event",
    "element_appears", "element_disappears",
};
static_assert(names_every(kAdvanceKinds, AdvanceKind::element_disappears));

constexpr std::string_view kOutcomes[] = {  // by MissingTargetOutcome value
    "centered", "skip", "end",
};
static_assert(names_every(kOutcomes, MissingTargetOutcome::end));

std::string kind_name(StepKind kind) { return std::string(enum_name(kind, kStepKinds)); }

void read_link(ObjectReader& r, std::string_view key, std::string& out) {
  if (auto url = r.non_empty_string(key, Need::required, kMaxUrlBytes)) {
    if (!is_safe_link_url(*url)) {
      report(r, key, "must be an http(s), mailto or relative URL");
    } else {
      out = std::move(*url);
    }
  }
}

// The guide a button or checklist item launches: any guide but this one.
void read_launched_guide(ObjectReader& r, const StepScope& scope, std::string& out) {
  if (read_id(r, "guide_id", Need::required, out) && out == scope.guide_id) {
    report(r, "guide_id", "must not launch the guide itself");
  }
}

void read_button(const bj::value& value, const std::string& pointer, json::Problems& problems,
                 const StepScope& scope, Button& button) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  read_non_empty(r, "label", Need::required, kMaxTitleBytes, button.label);
  if (auto action = read_enum<ButtonAction>(r, "action", Need::required, kButtonActions)) button.action = *action;
  if (auto style = read_enum<ButtonStyle>(r, "style", Need::optional, kButtonStyles)) button.style = *style;
  if (button.action == ButtonAction::url) {
    read_link(r, "url", button.url);
    read_flag(r, "new_tab", button.new_tab);
  } else {
    refuse(r, "url", "only for action url");
    refuse(r, "new_tab", "only for action url");
  }
  if (button.action == ButtonAction::launch_guide) {
    read_launched_guide(r, scope, button.guide_id);
  } else {
    refuse(r, "guide_id", "only for action launch_guide");
  }
  keep_unknown(r, button.unknown);
}

void read_content(const bj::value& value, const std::string& pointer, json::Problems& problems,
                  const StepScope& scope, StepContent& content) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  read_string(r, "title", Need::optional, kMaxTitleBytes, content.title);
  read_string(r, "body", Need::optional, kMaxBodyBytes, content.body);
  if (const bj::array* buttons = r.array("buttons", Need::optional, kMaxButtonsPerStep)) {
    std::string list = r.pointer_of("buttons");
    for (std::size_t i = 0; i < buttons->size(); ++i) {
      read_button((*buttons)[i], json::pointer_append(list, i), problems, scope,
                  content.buttons.emplace_back());
    }
  }
  if (const bj::value* media_value = r.field("media")) {
    ObjectReader m(*media_value, r.pointer_of("media"), problems);
    if (m.valid()) {
      Media media;
      if (read_non_empty(m, "url", Need::required, kMaxUrlBytes, media.url) &&
          !is_safe_media_url(media.url)) {
        report(m, "url", "must be an absolute http(s) URL");
      }
      if (auto kind = read_enum<MediaKind>(m, "kind", Need::optional, kMediaKinds)) media.kind = *kind;
      read_string(m, "alt", Need::optional, kMaxTitleBytes, media.alt);
      keep_unknown(m, media.unknown);
      content.media = std::move(media);
    }
  }
  if (const bj::object* labels = r.object("labels")) {
    std::string labels_pointer = r.pointer_of("labels");
    if (labels->size() > kMaxChecklistItems + kMaxSurveyOptions) {
      report(r, "labels", "has too many entries");
    } else {
      for (const bj::key_value_pair& kv : *labels) {
        std::string label_pointer = json::pointer_append(labels_pointer, kv.key());
        const bj::string* text = kv.value().if_string();
        if (!text) {
          problems.add(label_pointer, "must be a string");
        } else if (text->size() > kMaxTitleBytes) {
          problems.add(label_pointer, "is longer than " + json::integer_text(kMaxTitleBytes) + " bytes");
        } else {
          content.labels.emplace(std::string(kv.key()), std::string(*text));
        }
      }
    }
  }
  keep_unknown(r, content.unknown);
}

void read_item(const bj::value& value, const std::string& pointer, json::Problems& problems,
               const StepScope& scope, ChecklistItem& item) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  read_id(r, "id", Need::required, item.id);
  if (auto action = read_enum<ChecklistAction>(r, "action", Need::optional, kChecklistActions)) item.action = *action;
  if (item.action == ChecklistAction::launch_guide) {
    read_launched_guide(r, scope, item.guide_id);
  } else {
    refuse(r, "guide_id", "only for action launch_guide");
  }
  if (item.action == ChecklistAction::url) {
    read_link(r, "url", item.url);
  } else {
    refuse(r, "url", "only for action url");
  }
  read_id(r, "completed_by_guide", Need::optional, item.completed_by_guide);
  keep_unknown(r, item.unknown);
}

void read_survey(const bj::value& value, const std::string& pointer, json::Problems& problems,
                 SurveyQuestion& survey) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  if (auto kind = read_enum<SurveyKind>(r, "kind", Need::required, kSurveyKinds)) survey.kind = *kind;
  if (survey.kind == SurveyKind::rating) {
    read_integer(r, "scale", Need::optional, 3, 10, survey.scale);
  } else {
    refuse(r, "scale", "only for kind rating");
  }
  if (survey.kind == SurveyKind::choice) {
    if (const bj::array* options = r.array("options", Need::required, kMaxSurveyOptions)) {
      std::string list = r.pointer_of("options");
      std::set<std::string> seen;
      for (std::size_t i = 0; i < options->size(); ++i) {
        const bj::string* id = (*options)[i].if_string();
        std::string option_pointer = json::pointer_append(list, i);
        if (!id || !is_valid_id(*id)) {
          problems.add(option_pointer, "must be an id (letters, digits, \"_\", \"-\", \".\", \":\")");
        } else if (!seen.emplace(*id).second) {
          problems.add(option_pointer, "duplicate option \"" + std::string(*id) + "\"");
        } else {
          survey.options.emplace_back(*id);
        }
      }
      if (options->size() < 2) report(r, "options", "must list at least 2 options");
    }
    read_flag(r, "multiple", survey.multiple);
  } else {
    refuse(r, "options", "only for kind choice");
    refuse(r, "multiple", "only for kind choice");
  }
  keep_unknown(r, survey.unknown);
}

void read_placement(const bj::value& value, const std::string& pointer, json::Problems& problems,
                    StepKind kind, Placement& placement) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  if (auto side = read_enum<Side>(r, "side", Need::optional, kSides)) {
    placement.side = *side;
    bool horizontal = *side == Side::left || *side == Side::right;
    bool vertical = *side == Side::top || *side == Side::bottom;
    if (kind == StepKind::banner && horizontal) report(r, "side", "must be top, bottom or auto for kind banner");
    if (kind == StepKind::slideout && vertical) report(r, "side", "must be left, right or auto for kind slideout");
  }
  if (auto align = read_enum<Alignment>(r, "align", Need::optional, kAlignments)) placement.align = *align;
  read_integer(r, "offset_px", Need::optional, 0, kMaxOffsetPx, placement.offset_px);
  read_flag(r, "arrow", placement.arrow);
  keep_unknown(r, placement.unknown);
}

void read_advance(const bj::value& value, const std::string& pointer, json::Problems& problems,
                  bool has_target, AdvanceRule& advance) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  if (auto kind = read_enum<AdvanceKind>(r, "kind", Need::required, kAdvanceKinds)) advance.kind = *kind;
  std::string name(enum_name(advance.kind, kAdvanceKinds));
  bool needs_target = advance.kind == AdvanceKind::click_target ||
                      advance.kind == AdvanceKind::input_target;
  if (needs_target && !has_target) r.error("kind", name + " needs the step to have a target");

  if (advance.kind == AdvanceKind::url_change) {
    if (const bj::value* pages = r.field("pages", Need::required)) {
      read_url_rules(*pages, r.pointer_of("pages"), problems, advance.pages);
      if (pages->is_object() && advance.pages.include.empty()) {
        report(r, "pages", "must include at least one URL rule for kind url_change");
      }
    }
  } else {
    refuse(r, "pages", "only for kind url_change");
  }
  if (advance.kind == AdvanceKind::custom_event) {
    read_non_empty(r, "event", Need::required, kMaxNameBytes, advance.event);
  } else {
    refuse(r, "event", "only for kind custom_event");
  }
  bool element_kind = advance.kind == AdvanceKind::element_appears ||
                      advance.kind == AdvanceKind::element_disappears;
  if (element_kind) {
    bool required = advance.kind == AdvanceKind::element_appears || !has_target;
    if (const bj::object* element =
            read_fingerprint_field(r, "element", required ? Need::required : Need::optional)) {
      advance.element = *element;
    }
  } else {
    refuse(r, "element", "only for kinds element_appears and element_disappears");
  }
  keep_unknown(r, advance.unknown);
}

void read_missing_target(const bj::value& value, const std::string& pointer,
                         json::Problems& problems, MissingTargetPolicy& policy) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  read_integer(r, "wait_ms", Need::optional, 0, kMaxWaitMs, policy.wait_ms);
  if (auto then = read_enum<MissingTargetOutcome>(r, "then", Need::optional, kOutcomes)) policy.then = *then;
  keep_unknown(r, policy.unknown);
}

}  // namespace

void read_step(const bj::value& value, const std::string& pointer, json::Problems& problems,
               const StepScope& scope, Step& step) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  read_id(r, "id", Need::required, step.id);
  std::optional<StepKind> kind = read_enum<StepKind>(r, "kind", Need::required, kStepKinds);
  if (kind) step.kind = *kind;

  // Target: which kinds need one is target_need(); an unknown kind is already
  // reported, so the target is then only read.
  if (const bj::value* target_value = r.field("target")) {
    if (kind && target_need(*kind) == TargetNeed::forbidden) {
      r.error("target", "not allowed for kind " + kind_name(*kind));
    } else {
      ObjectReader t(*target_value, r.pointer_of("target"), problems);
      if (t.valid()) {
        Target target;
        if (const bj::object* fingerprint = read_fingerprint_field(t, "fingerprint", Need::required)) {
          target.fingerprint = *fingerprint;
        }
        keep_unknown(t, target.unknown);
        step.target = std::move(target);
      }
    }
  } else if (kind && target_need(*kind) == TargetNeed::required) {
    r.error("target", "required for kind " + kind_name(*kind));
  }

  if (const bj::object* content = r.object("content", Need::required)) {
    std::string content_pointer = r.pointer_of("content");
    if (content->empty()) {
      report(r, "content", "must have content for at least one locale");
    } else if (content->size() > kMaxLocales) {
      r.error("content", "has " + json::integer_text(content->size()) + " locales; the limit is " +
                             json::integer_text(kMaxLocales));
    } else {
      for (const bj::key_value_pair& kv : *content) {
        std::string locale_pointer = json::pointer_append(content_pointer, kv.key());
        if (!is_locale_tag(kv.key())) {
          problems.add(locale_pointer, "is not a locale tag (like \"en\" or \"pt-BR\")");
          continue;
        }
        // Keys of a parsed object are unique, so this always inserts.
        auto slot = step.content.try_emplace(std::string(kv.key())).first;
        read_content(kv.value(), locale_pointer, problems, scope, slot->second);
      }
    }
  }

  bool is_checklist = kind == StepKind::checklist;
  if (is_checklist) {
    if (const bj::array* items = r.array("items", Need::required, kMaxChecklistItems)) {
      std::string list = r.pointer_of("items");
      std::set<std::string> ids;
      for (std::size_t i = 0; i < items->size(); ++i) {
        ChecklistItem& item = step.items.emplace_back();
        read_item((*items)[i], json::pointer_append(list, i), problems, scope, item);
        if (!item.id.empty() && !ids.insert(item.id).second) {
          problems.add(json::pointer_append(json::pointer_append(list, i), "id"),
                       "duplicate item id \"" + item.id + "\"");
        }
      }
      if (items->empty()) report(r, "items", "must list at least one item for kind checklist");
    }
  } else if (kind) {
    refuse(r, "items", "only for kind checklist");
  }

  if (kind == StepKind::survey) {
    if (const bj::value* survey = r.field("survey", Need::required)) {
      read_survey(*survey, r.pointer_of("survey"), problems, step.survey.emplace());
    }
  } else if (kind) {
    refuse(r, "survey", "only for kind survey");
  }

  // Labels name checklist items or survey options; one that names neither is
  // almost certainly a typo the author wants to hear about.
  std::set<std::string> label_ids;
  for (const ChecklistItem& item : step.items) label_ids.insert(item.id);
  if (step.survey) label_ids.insert(step.survey->options.begin(), step.survey->options.end());
  for (const auto& [locale, content] : step.content) {
    for (const auto& [id, text] : content.labels) {
      if (!label_ids.count(id)) {
        problems.add(json::pointer_append(
                         json::pointer_append(json::pointer_append(r.pointer_of("content"), locale),
                                              "labels"),
                         id),
                     "no checklist item or survey option has this id");
      }
    }
  }

  if (const bj::value* placement = r.field("placement")) {
    read_placement(*placement, r.pointer_of("placement"), problems, step.kind, step.placement);
  }
  bool has_target = step.target.has_value();
  if (const bj::value* advance = r.field("advance")) {
    read_advance(*advance, r.pointer_of("advance"), problems, has_target, step.advance);
  }
  if (const bj::value* missing = r.field("missing_target")) {
    read_missing_target(*missing, r.pointer_of("missing_target"), problems,
                        step.missing_target);
  }
  if (const bj::value* page = r.field("page")) {
    read_url_rule(*page, r.pointer_of("page"), problems, step.page.emplace());
  }
  read_flag(r, "backdrop", step.backdrop);
  if (const bj::array* variants = r.array("variants", Need::optional, kMaxVariants)) {
    std::string list = r.pointer_of("variants");
    if (!scope.has_experiment && !variants->empty()) {
      report(r, "variants", "the guide has no experiment");
    } else {
      for (std::size_t i = 0; i < variants->size(); ++i) {
        const bj::string* id = (*variants)[i].if_string();
        if (!id || !scope.variant_ids.count(std::string(*id))) {
          problems.add(json::pointer_append(list, i), "must name a variant of the experiment");
        } else {
          step.variants.emplace_back(*id);
        }
      }
    }
  }
  keep_unknown(r, step.unknown);
}

bj::object write_step(const Step& step) {
  bj::object out;
  out["id"] = step.id;
  out["kind"] = enum_name(step.kind, kStepKinds);
  if (step.target) {
    bj::object target;
    target["fingerprint"] = step.target->fingerprint;
    json::merge_unknown_fields(target, step.target->unknown);
    out["target"] = std::move(target);
  }
  bj::object content;
  for (const auto& [locale, c] : step.content) {
    bj::object text;
    text["title"] = c.title;
    text["body"] = c.body;
    bj::array buttons;
    for (const Button& b : c.buttons) {
      bj::object button;
      button["label"] = b.label;
      button["action"] = enum_name(b.action, kButtonActions);
      button["style"] = enum_name(b.style, kButtonStyles);
      if (b.action == ButtonAction::url) {
        button["url"] = b.url;
        button["new_tab"] = b.new_tab;
      }
      if (b.action == ButtonAction::launch_guide) button["guide_id"] = b.guide_id;
      json::merge_unknown_fields(button, b.unknown);
      buttons.push_back(std::move(button));
    }
    text["buttons"] = std::move(buttons);
    if (c.media) {
      bj::object media;
      media["url"] = c.media->url;
      media["kind"] = enum_name(c.media->kind, kMediaKinds);
      media["alt"] = c.media->alt;
      json::merge_unknown_fields(media, c.media->unknown);
      text["media"] = std::move(media);
    }
    if (!c.labels.empty()) {
      bj::object labels;
      for (const auto& [id, label] : c.labels) labels[id] = label;
      text["labels"] = std::move(labels);
    }
    json::merge_unknown_fields(text, c.unknown);
    content[locale] = std::move(text);
  }
  out["content"] = std::move(content);
  if (step.kind == StepKind::checklist || !step.items.empty()) {
    bj::array items;
    for (const ChecklistItem& item : step.items) {
      bj::object o;
      o["id"] = item.id;
      o["action"] = enum_name(item.action, kChecklistActions);
      if (item.action == ChecklistAction::launch_guide) o["guide_id"] = item.guide_id;
      if (item.action == ChecklistAction::url) o["url"] = item.url;
      if (!item.completed_by_guide.empty()) o["completed_by_guide"] = item.completed_by_guide;
      json::merge_unknown_fields(o, item.unknown);
      items.push_back(std::move(o));
    }
    out["items"] = std::move(items);
  }
  if (step.survey) {
    bj::object survey;
    survey["kind"] = enum_name(step.survey->kind, kSurveyKinds);
    if (step.survey->kind == SurveyKind::rating) survey["scale"] = step.survey->scale;
    if (step.survey->kind == SurveyKind::choice) {
      bj::array options;
      for (const std::string& option : step.survey->options) options.emplace_back(option);
      survey["options"] = std::move(options);
      survey["multiple"] = step.survey->multiple;
    }
    json::merge_unknown_fields(survey, step.survey->unknown);
    out["survey"] = std::move(survey);
  }
  bj::object placement;
  placement["side"] = enum_name(step.placement.side, kSides);
  placement["align"] = enum_name(step.placement.align, kAlignments);
  placement["offset_px"] = step.placement.offset_px;
  placement["arrow"] = step.placement.arrow;
  json::merge_unknown_fields(placement, step.placement.unknown);
  out["placement"] = std::move(placement);

  bj::object advance;
  advance["kind"] = enum_name(step.advance.kind, kAdvanceKinds);
  if (step.advance.kind == AdvanceKind::url_change) advance["pages"] = write_url_rules(step.advance.pages);
  if (step.advance.kind == AdvanceKind::custom_event) advance["event"] = step.advance.event;
  // element_disappears defaults to the target, so its element is written only
  // when set or when there is no target to default to (the reader requires it then).
  bool appears = step.advance.kind == AdvanceKind::element_appears;
  bool disappears = step.advance.kind == AdvanceKind::element_disappears;
  if (appears || (disappears && (!step.advance.element.empty() || !step.target))) {
    advance["element"] = step.advance.element;
  }
  json::merge_unknown_fields(advance, step.advance.unknown);
  out["advance"] = std::move(advance);

  bj::object missing;
  missing["wait_ms"] = step.missing_target.wait_ms;
  missing["then"] = enum_name(step.missing_target.then, kOutcomes);
  json::merge_unknown_fields(missing, step.missing_target.unknown);
  out["missing_target"] = std::move(missing);

  if (step.page) out["page"] = write_url_rule(*step.page);
  out["backdrop"] = step.backdrop;
  if (!step.variants.empty()) {
    bj::array variants;
    for (const std::string& v : step.variants) variants.emplace_back(v);
    out["variants"] = std::move(variants);
  }
  json::merge_unknown_fields(out, step.unknown);
  return out;
}

}  // namespace cairn::guide::codec
