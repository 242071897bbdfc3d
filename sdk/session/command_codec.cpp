#include "session/command_codec.h"

#include "guide/enum_field.h"
#include "guide/markdown.h"
#include "guide/step_names.h"
#include "json/reader.h"
#include "json/writer.h"

#include <variant>

namespace cairn::session {
namespace {

namespace bj = boost::json;
using guide::codec::enum_name;
using json::put_name;
using json::put_text;
using json::put_value;

// The step's names are the guide codec's tables (guide/step_names.h): a
// name is an index, not a search per enum type.
using guide::codec::kAlignments;
using guide::codec::kButtonActions;
using guide::codec::kButtonStyles;
using guide::codec::kChecklistActions;
using guide::codec::kMediaKinds;
using guide::codec::kSides;
using guide::codec::kStepKinds;
using guide::codec::kSurveyKinds;

bj::object write_content(const guide::StepContent& content) {
  bj::object out;
  put_text(out, "title", content.title);
  // The adapter builds DOM from the node list; it never parses author text.
  bj::object document = guide::markdown_to_json(guide::parse_markdown(content.body));
  bj::value* children = document.if_contains("children");
  out["body_nodes"] = children ? std::move(*children) : bj::array{};
  bj::array buttons;
  for (std::size_t i = 0; i < content.buttons.size(); ++i) {
    const guide::Button& b = content.buttons[i];
    bj::object button;
    put_value(button, "index", i);
    put_text(button, "label", b.label);
    put_name(button, "action", enum_name(b.action, kButtonActions));
    put_name(button, "style", enum_name(b.style, kButtonStyles));
    if (b.action == guide::ButtonAction::url) {
      put_text(button, "url", b.url);
      put_value(button, "new_tab", b.new_tab);
    }
    if (b.action == guide::ButtonAction::launch_guide) put_text(button, "guide_id", b.guide_id);
    buttons.push_back(std::move(button));
  }
  out["buttons"] = std::move(buttons);
  if (content.media) {
    bj::object media;
    put_text(media, "url", content.media->url);
    put_name(media, "kind", enum_name(content.media->kind, kMediaKinds));
    put_text(media, "alt", content.media->alt);
    out["media"] = std::move(media);
  }
  // Display labels by id (survey choices); the adapter looks ids up here.
  bj::object labels;
  for (const auto& [id, label] : content.labels) labels[id] = label;
  out["labels"] = std::move(labels);
  return out;
}

bj::object write_theme(const guide::Theme& theme) {
  bj::object out;
  auto put = [&](const char* key, const std::optional<std::string>& v) {
    if (v) out[key] = *v;
  };
  put("accent_color", theme.accent_color);
  put("background_color", theme.background_color);
  put("text_color", theme.text_color);
  put("border_color", theme.border_color);
  put("font_family", theme.font_family);
  if (theme.font_size_px) put_value(out, "font_size_px", *theme.font_size_px);
  if (theme.radius_px) put_value(out, "radius_px", *theme.radius_px);
  return out;
}

bj::object write_show(const ShowStep& s) {
  bj::object out;
  put_name(out, "type", "show_step");
  put_text(out, "guide_id", s.guide_id);
  put_value(out, "guide_version", s.guide_version);
  put_value(out, "step_index", s.step_index);
  put_value(out, "step_count", s.step_count);
  put_text(out, "step_id", s.step_id);
  put_name(out, "kind", enum_name(s.kind, kStepKinds));
  if (s.element) {
    put_value(out, "element", *s.element);
    put_text(out, "target_key", s.target_key);
  } else {
    out["element"] = nullptr;
  }
  put_value(out, "fallback", s.fallback);
  put_text(out, "locale", s.locale);
  out["content"] = write_content(s.content != nullptr ? *s.content : guide::StepContent());
  bj::object placement;
  put_name(placement, "side", enum_name(s.placement.side, kSides));
  put_name(placement, "align", enum_name(s.placement.align, kAlignments));
  put_value(placement, "offset_px", s.placement.offset_px);
  put_value(placement, "arrow", s.placement.arrow);
  out["placement"] = std::move(placement);
  out["theme"] = s.theme != nullptr ? write_theme(*s.theme) : bj::object();
  put_value(out, "backdrop", s.backdrop);
  put_value(out, "can_go_back", s.can_go_back);
  if (!s.checklist.empty()) {
    bj::array items;
    for (const ChecklistItemView& item : s.checklist) {
      bj::object o;
      put_text(o, "id", item.id);
      put_text(o, "label", item.label);
      put_value(o, "done", item.done);
      put_name(o, "action", enum_name(item.action, kChecklistActions));
      if (item.action == guide::ChecklistAction::launch_guide) put_text(o, "guide_id", item.guide_id);
      if (item.action == guide::ChecklistAction::url) put_text(o, "url", item.url);
      items.push_back(std::move(o));
    }
    out["checklist"] = std::move(items);
  }
  if (s.survey) {
    bj::object survey;
    put_name(survey, "kind", enum_name(s.survey->kind, kSurveyKinds));
    if (s.survey->kind == guide::SurveyKind::rating) put_value(survey, "scale", s.survey->scale);
    if (s.survey->kind == guide::SurveyKind::choice) {
      // Option ids; their labels are in content.labels.
      bj::array options;
      for (const std::string& id : s.survey->options) options.push_back(bj::string(id));
      survey["options"] = std::move(options);
      put_value(survey, "multiple", s.survey->multiple);
    }
    out["survey"] = std::move(survey);
  }
  // The fallback's words first, the chosen table's over them.
  bj::object words;
  for (const UiWords* table : {s.ui_text.fallback, s.ui_text.chosen}) {
    if (table) {
      for (const auto& [key, text] : *table) words[key] = text;
    }
  }
  if (!words.empty()) out["ui_text"] = std::move(words);
  return out;
}

}  // namespace

bj::object write_command(const Command& command) {
  if (const ShowStep* show = std::get_if<ShowStep>(&command)) return write_show(*show);
  bj::object out;
  if (const WatchTargets* watch = std::get_if<WatchTargets>(&command)) {
    put_name(out, "type", "watch_targets");
    bj::array targets;
    for (const WatchedTarget& t : watch->targets) {
      bj::object target;
      put_text(target, "key", t.key);
      target["fingerprint"] = t.fingerprint;
      targets.push_back(std::move(target));
    }
    out["targets"] = std::move(targets);
  } else if (const HideStep* hide = std::get_if<HideStep>(&command)) {
    put_name(out, "type", "hide_step");
    put_text(out, "guide_id", hide->guide_id);
  } else if (const RecordEvent* record = std::get_if<RecordEvent>(&command)) {
    put_name(out, "type", "record_event");
    out["event"] = event::write_event(record->event);
  } else if (const PersistState* persist = std::get_if<PersistState>(&command)) {
    put_name(out, "type", "persist_state");
    put_text(out, "json", persist->json);
  } else if (const ScheduleTick* tick = std::get_if<ScheduleTick>(&command)) {
    put_name(out, "type", "schedule_tick");
    if (tick->at_ms) {
      put_value(out, "at_ms", *tick->at_ms);
    } else {
      out["at_ms"] = nullptr;
    }
  } else {
    const OpenUrl& u = std::get<OpenUrl>(command);
    put_name(out, "type", "open_url");
    put_text(out, "url", u.url);
    put_value(out, "new_tab", u.new_tab);
  }
  return out;
}

bj::array write_commands(const std::vector<Command>& commands) {
  bj::array out;
  for (const Command& c : commands) out.push_back(write_command(c));
  return out;
}

}  // namespace cairn::session
