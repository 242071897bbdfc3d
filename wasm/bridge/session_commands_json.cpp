#include "bridge/session_commands_json.h"

#include "event/event.h"
#include "guide/markdown.h"
#include "json/reader.h"

#include <type_traits>
#include <variant>

namespace cairn::wasm {
namespace {

using json::EnumName;
using json::Need;

constexpr EnumName<guide::StepKind> kKinds[] = {
    {"tooltip", guide::StepKind::tooltip},   {"modal", guide::StepKind::modal},
    {"hotspot", guide::StepKind::hotspot},   {"banner", guide::StepKind::banner},
    {"slideout", guide::StepKind::slideout}, {"checklist", guide::StepKind::checklist},
    {"launcher", guide::StepKind::launcher}, {"survey", guide::StepKind::survey}};
constexpr EnumName<guide::Side> kSides[] = {{"auto", guide::Side::automatic},
                                            {"top", guide::Side::top},
                                            {"bottom", guide::Side::bottom},
                                            {"left", guide::Side::left},
                                            {"right", guide::Side::right}};
constexpr EnumName<guide::Alignment> kAlignments[] = {{"center", guide::Alignment::center},
                                                      {"start", guide::Alignment::start},
                                                      {"end", guide::Alignment::end}};
constexpr EnumName<guide::ButtonAction> kButtonActions[] = {
    {"next", guide::ButtonAction::next},         {"back", guide::ButtonAction::back},
    {"dismiss", guide::ButtonAction::dismiss},   {"complete", guide::ButtonAction::complete},
    {"url", guide::ButtonAction::url},           {"launch_guide", guide::ButtonAction::launch_guide}};
constexpr EnumName<guide::ButtonStyle> kButtonStyles[] = {{"primary", guide::ButtonStyle::primary},
                                                          {"secondary", guide::ButtonStyle::secondary},
                                                          {"link", guide::ButtonStyle::link}};
constexpr EnumName<guide::SurveyKind> kSurveyKinds[] = {{"nps", guide::SurveyKind::nps},
                                                        {"rating", guide::SurveyKind::rating},
                                                        {"choice", guide::SurveyKind::choice}};
constexpr EnumName<guide::ChecklistAction> kChecklistActions[] = {
    {"none", guide::ChecklistAction::none},
    {"launch_guide", guide::ChecklistAction::launch_guide},
    {"url", guide::ChecklistAction::url}};
constexpr EnumName<session::TargetState> kTargetStates[] = {
    {"found", session::TargetState::found},
    {"missing", session::TargetState::missing},
    {"ambiguous", session::TargetState::ambiguous}};
constexpr EnumName<session::UserActionKind> kActionKinds[] = {
    {"next", session::UserActionKind::next},
    {"back", session::UserActionKind::back},
    {"dismiss", session::UserActionKind::dismiss},
    {"complete", session::UserActionKind::complete},
    {"button", session::UserActionKind::button},
    {"target_clicked", session::UserActionKind::target_clicked},
    {"target_input", session::UserActionKind::target_input},
    {"survey_answer", session::UserActionKind::survey_answer},
    {"checklist_item", session::UserActionKind::checklist_item}};
constexpr EnumName<event::DismissReason> kDismissReasons[] = {
    {"close_button", event::DismissReason::close_button},
    {"escape_key", event::DismissReason::escape_key},
    {"outside_click", event::DismissReason::outside_click},
    {"skip_button", event::DismissReason::skip_button},
    {"api", event::DismissReason::api}};

boost::json::object content_json(const guide::StepContent& c) {
  boost::json::object out;
  out["title"] = c.title;
  boost::json::object document = guide::markdown_to_json(guide::parse_markdown(c.body));
  boost::json::value* children = document.if_contains("children");
  out["body_nodes"] = children ? std::move(*children) : boost::json::array{};
  boost::json::array buttons;
  for (const guide::Button& b : c.buttons) {
    boost::json::object button;
    button["label"] = b.label;
    button["action"] = json::enum_name(b.action, kButtonActions);
    button["style"] = json::enum_name(b.style, kButtonStyles);
    buttons.push_back(std::move(button));
  }
  out["buttons"] = std::move(buttons);
  if (c.media) {
    boost::json::object media;
    media["url"] = c.media->url;
    media["kind"] = c.media->kind == guide::MediaKind::video ? "video" : "image";
    media["alt"] = c.media->alt;
    out["media"] = std::move(media);
  }
  boost::json::object labels;
  for (const auto& [id, label] : c.labels) labels[id] = label;
  out["labels"] = std::move(labels);
  return out;
}

boost::json::object theme_json(const guide::Theme& t) {
  boost::json::object out;
  auto put = [&out](const char* key, const std::optional<std::string>& v) {
    if (v) out[key] = *v;
  };
  put("accent_color", t.accent_color);
  put("background_color", t.background_color);
  put("text_color", t.text_color);
  put("border_color", t.border_color);
  put("font_family", t.font_family);
  if (t.font_size_px) out["font_size_px"] = *t.font_size_px;
  if (t.radius_px) out["radius_px"] = *t.radius_px;
  return out;
}

boost::json::object show_step_json(const session::ShowStep& s) {
  boost::json::object out;
  out["type"] = "show_step";
  out["guide_id"] = s.guide_id;
  out["guide_version"] = s.guide_version;
  out["step_index"] = s.step_index;
  out["step_count"] = s.step_count;
  out["step_id"] = s.step_id;
  out["kind"] = json::enum_name(s.kind, kKinds);
  if (s.element) out["element"] = *s.element;
  out["target_key"] = s.target_key;
  out["fallback"] = s.fallback;
  out["locale"] = s.locale;
  out["content"] = content_json(s.content);
  boost::json::object placement;
  placement["side"] = json::enum_name(s.placement.side, kSides);
  placement["align"] = json::enum_name(s.placement.align, kAlignments);
  placement["offset_px"] = s.placement.offset_px;
  placement["arrow"] = s.placement.arrow;
  out["placement"] = std::move(placement);
  out["theme"] = theme_json(s.theme);
  out["backdrop"] = s.backdrop;
  out["can_go_back"] = s.can_go_back;
  boost::json::array checklist;
  for (const session::ChecklistItemView& item : s.checklist) {
    boost::json::object i;
    i["id"] = item.id;
    i["label"] = item.label;
    i["done"] = item.done;
    i["action"] = json::enum_name(item.action, kChecklistActions);
    checklist.push_back(std::move(i));
  }
  out["checklist"] = std::move(checklist);
  if (s.survey) {
    boost::json::object survey;
    survey["kind"] = json::enum_name(s.survey->kind, kSurveyKinds);
    survey["scale"] = s.survey->scale;
    boost::json::array options;
    for (const std::string& o : s.survey->options) options.push_back(boost::json::string(o));
    survey["options"] = std::move(options);
    survey["multiple"] = s.survey->multiple;
    out["survey"] = std::move(survey);
  }
  return out;
}

}  // namespace

boost::json::object command_to_json(const session::Command& command) {
  return std::visit(
      [](const auto& c) -> boost::json::object {
        using T = std::decay_t<decltype(c)>;
        boost::json::object out;
        if constexpr (std::is_same_v<T, session::WatchTargets>) {
          out["type"] = "watch_targets";
          boost::json::array targets;
          for (const session::WatchedTarget& t : c.targets) {
            boost::json::object target;
            target["key"] = t.key;
            target["fingerprint"] = t.fingerprint;
            targets.push_back(std::move(target));
          }
          out["targets"] = std::move(targets);
        } else if constexpr (std::is_same_v<T, session::ShowStep>) {
          out = show_step_json(c);
        } else if constexpr (std::is_same_v<T, session::HideStep>) {
          out["type"] = "hide_step";
          out["guide_id"] = c.guide_id;
        } else if constexpr (std::is_same_v<T, session::RecordEvent>) {
          out["type"] = "record_event";
          out["event"] = event::write_event(c.event);
        } else if constexpr (std::is_same_v<T, session::PersistState>) {
          out["type"] = "persist_state";
          out["json"] = c.json;
        } else if constexpr (std::is_same_v<T, session::ScheduleTick>) {
          out["type"] = "schedule_tick";
          if (c.at_ms) out["at_ms"] = *c.at_ms;
          else out["at_ms"] = nullptr;
        } else if constexpr (std::is_same_v<T, session::OpenUrl>) {
          out["type"] = "open_url";
          out["url"] = c.url;
          out["new_tab"] = c.new_tab;
        }
        return out;
      },
      command);
}

boost::json::array commands_to_json(const std::vector<session::Command>& commands) {
  boost::json::array out;
  for (const session::Command& c : commands) out.push_back(command_to_json(c));
  return out;
}

std::optional<session::TargetReport> read_target_report(const boost::json::value& value,
                                                        const std::string& pointer,
                                                        json::Problems& problems) {
  json::ObjectReader r(value, pointer, problems);
  session::TargetReport report;
  const std::size_t before = problems.total();
  report.key = r.string("key", Need::required, 256).value_or("");
  report.state = r.enumeration("state", Need::required, kTargetStates).value_or(session::TargetState::missing);
  report.element = r.integer("element", Need::optional, 0, INT64_MAX).value_or(0);
  report.candidate_index = r.integer("candidate_index", Need::optional, 0, INT64_MAX).value_or(0);
  if (problems.total() != before || !r.valid()) return std::nullopt;
  return report;
}

std::optional<session::UserAction> read_user_action(const boost::json::value& value,
                                                    const std::string& pointer,
                                                    json::Problems& problems) {
  json::ObjectReader r(value, pointer, problems);
  session::UserAction action;
  const std::size_t before = problems.total();
  action.kind = r.enumeration("kind", Need::required, kActionKinds).value_or(session::UserActionKind::next);
  action.guide_id = r.string("guide_id", Need::optional, 256).value_or("");
  if (r.has("reason")) {
    action.reason = r.enumeration("reason", Need::optional, kDismissReasons).value_or(event::DismissReason::close_button);
  }
  action.button = r.integer("button", Need::optional, 0, 64).value_or(0);
  action.key = r.string("key", Need::optional, 256).value_or("");
  if (const boost::json::value* answer = r.field("answer")) action.answer = *answer;
  action.item_id = r.string("item_id", Need::optional, 256).value_or("");
  if (problems.total() != before || !r.valid()) return std::nullopt;
  return action;
}

}  // namespace cairn::wasm
