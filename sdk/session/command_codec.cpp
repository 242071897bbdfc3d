#include "session/command_codec.h"

#include "guide/enum_field.h"
#include "guide/markdown.h"
#include "guide/step_names.h"
#include "json/reader.h"

#include <type_traits>

namespace cairn::session {
namespace {

namespace bj = boost::json;
using guide::codec::enum_name;

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
  out["title"] = content.title;
  // The adapter builds DOM from the node list; it never parses author text.
  bj::object document = guide::markdown_to_json(guide::parse_markdown(content.body));
  bj::value* children = document.if_contains("children");
  out["body_nodes"] = children ? std::move(*children) : bj::array{};
  bj::array buttons;
  for (std::size_t i = 0; i < content.buttons.size(); ++i) {
    const guide::Button& b = content.buttons[i];
    bj::object button;
    button["index"] = i;
    button["label"] = b.label;
    button["action"] = enum_name(b.action, kButtonActions);
    button["style"] = enum_name(b.style, kButtonStyles);
    if (b.action == guide::ButtonAction::url) {
      button["url"] = b.url;
      button["new_tab"] = b.new_tab;
    }
    if (b.action == guide::ButtonAction::launch_guide) button["guide_id"] = b.guide_id;
    buttons.push_back(std::move(button));
  }
  out["buttons"] = std::move(buttons);
  if (content.media) {
    bj::object media;
    media["url"] = content.media->url;
    media["kind"] = enum_name(content.media->kind, kMediaKinds);
    media["alt"] = content.media->alt;
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
  if (theme.font_size_px) out["font_size_px"] = *theme.font_size_px;
  if (theme.radius_px) out["radius_px"] = *theme.radius_px;
  return out;
}

bj::object write_show(const ShowStep& s) {
  bj::object out;
  out["type"] = "show_step";
  out["guide_id"] = s.guide_id;
  out["guide_version"] = s.guide_version;
  out["step_index"] = s.step_index;
  out["step_count"] = s.step_count;
  out["step_id"] = s.step_id;
  out["kind"] = enum_name(s.kind, kStepKinds);
  if (s.element) {
    out["element"] = *s.element;
    out["target_key"] = s.target_key;
  } else {
    out["element"] = nullptr;
  }
  out["fallback"] = s.fallback;
  out["locale"] = s.locale;
  out["content"] = write_content(s.content);
  bj::object placement;
  placement["side"] = enum_name(s.placement.side, kSides);
  placement["align"] = enum_name(s.placement.align, kAlignments);
  placement["offset_px"] = s.placement.offset_px;
  placement["arrow"] = s.placement.arrow;
  out["placement"] = std::move(placement);
  out["theme"] = write_theme(s.theme);
  out["backdrop"] = s.backdrop;
  out["can_go_back"] = s.can_go_back;
  if (!s.checklist.empty()) {
    bj::array items;
    for (const ChecklistItemView& item : s.checklist) {
      bj::object o;
      o["id"] = item.id;
      o["label"] = item.label;
      o["done"] = item.done;
      o["action"] = enum_name(item.action, kChecklistActions);
      if (item.action == guide::ChecklistAction::launch_guide) o["guide_id"] = item.guide_id;
      if (item.action == guide::ChecklistAction::url) o["url"] = item.url;
      items.push_back(std::move(o));
    }
    out["checklist"] = std::move(items);
  }
  if (s.survey) {
    bj::object survey;
    survey["kind"] = enum_name(s.survey->kind, kSurveyKinds);
    if (s.survey->kind == guide::SurveyKind::rating) survey["scale"] = s.survey->scale;
    if (s.survey->kind == guide::SurveyKind::choice) {
      // Option ids; their labels are in content.labels.
      bj::array options;
      for (const std::string& id : s.survey->options) options.push_back(bj::string(id));
      survey["options"] = std::move(options);
      survey["multiple"] = s.survey->multiple;
    }
    out["survey"] = std::move(survey);
  }
  return out;
}

}  // namespace

bj::object write_command(const Command& command) {
  return std::visit(
      [](const auto& c) -> bj::object {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, ShowStep>) {
          return write_show(c);
        } else {
          bj::object out;
          if constexpr (std::is_same_v<T, WatchTargets>) {
            out["type"] = "watch_targets";
            bj::array targets;
            for (const WatchedTarget& t : c.targets) {
              bj::object target;
              target["key"] = t.key;
              target["fingerprint"] = t.fingerprint;
              targets.push_back(std::move(target));
            }
            out["targets"] = std::move(targets);
          } else if constexpr (std::is_same_v<T, HideStep>) {
            out["type"] = "hide_step";
            out["guide_id"] = c.guide_id;
          } else if constexpr (std::is_same_v<T, RecordEvent>) {
            out["type"] = "record_event";
            out["event"] = event::write_event(c.event);
          } else if constexpr (std::is_same_v<T, PersistState>) {
            out["type"] = "persist_state";
            out["json"] = c.json;
          } else if constexpr (std::is_same_v<T, ScheduleTick>) {
            out["type"] = "schedule_tick";
            if (c.at_ms) {
              out["at_ms"] = *c.at_ms;
            } else {
              out["at_ms"] = nullptr;
            }
          } else {
            static_assert(std::is_same_v<T, OpenUrl>);
            out["type"] = "open_url";
            out["url"] = c.url;
            out["new_tab"] = c.new_tab;
          }
          return out;
        }
      },
      command);
}

bj::array write_commands(const std::vector<Command>& commands) {
  bj::array out;
  for (const Command& c : commands) out.push_back(write_command(c));
  return out;
}

}  // namespace cairn::session
