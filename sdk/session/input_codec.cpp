#include "session/input_codec.h"

#include "guide/enum_field.h"
#include "json/compact_writer.h"
#include "json/reader.h"

#include <limits>

namespace cairn::session {
namespace {

using guide::codec::read_enum;
using json::Need;
using json::ObjectReader;

constexpr std::size_t kMaxKeyBytes = 512;
constexpr std::int64_t kMaxHandle = std::numeric_limits<std::int64_t>::max();

// By enumerator value (guide/enum_field.h): one non-template reader for all.
constexpr std::string_view kTargetStates[] = {"found", "missing", "ambiguous"};
static_assert(guide::codec::names_every(kTargetStates, TargetState::ambiguous));

constexpr std::string_view kActionKinds[] = {
    "next",           "back",         "dismiss",       "complete",       "button",
    "target_clicked", "target_input", "survey_answer", "checklist_item",
};
static_assert(guide::codec::names_every(kActionKinds, UserActionKind::checklist_item));

constexpr std::string_view kReasons[] = {
    "close_button",   "escape_key", "outside_click", "skip_button",
    "target_missing", "superseded", "api",
};
static_assert(guide::codec::names_every(kReasons, event::DismissReason::api));

}  // namespace

std::optional<TargetReport> read_target_report(const boost::json::value& value,
                                               std::string pointer, json::Problems& problems) {
  const std::size_t before = problems.total();
  ObjectReader r(value, std::move(pointer), problems);
  if (!r.valid()) return std::nullopt;
  TargetReport report;
  report.key = r.non_empty_string("key", Need::required, kMaxKeyBytes).value_or("");
  report.state = read_enum<TargetState>(r, "state", Need::required, kTargetStates).value_or(TargetState::missing);
  const bool found = report.state == TargetState::found;
  report.element = r.integer("element", found ? Need::required : Need::optional, 0, kMaxHandle)
                       .value_or(0);
  report.candidate_index =
      r.integer("candidate_index", Need::optional, 0, kMaxHandle).value_or(0);
  if (problems.total() != before) return std::nullopt;
  return report;
}

std::optional<std::vector<TargetReport>> read_target_reports(const boost::json::value& value,
                                                             const std::string& pointer,
                                                             json::Problems& problems) {
  const boost::json::array* list = value.if_array();
  if (list == nullptr) {
    problems.add(pointer, "must be an array of target reports");
    return std::nullopt;
  }
  if (list->size() > kMaxReportsPerCall) {
    problems.add(pointer, "more than " + json::integer_text(kMaxReportsPerCall) + " reports");
    return std::nullopt;
  }
  std::vector<TargetReport> out;
  bool all_valid = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::optional<TargetReport> report =
        read_target_report((*list)[i], json::pointer_append(pointer, i), problems);
    if (report) {
      out.push_back(std::move(*report));
    } else {
      all_valid = false;
    }
  }
  if (!all_valid) return std::nullopt;
  return out;
}

std::optional<std::vector<TargetReport>> read_target_reports(std::string_view text,
                                                             json::Problems& problems) {
  std::optional<boost::json::value> doc = json::parse_document(text, problems);
  if (!doc) return std::nullopt;
  return read_target_reports(*doc, "", problems);
}

std::optional<UserAction> read_user_action(const boost::json::value& value, std::string pointer,
                                           json::Problems& problems) {
  const std::size_t before = problems.total();
  ObjectReader r(value, std::move(pointer), problems);
  if (!r.valid()) return std::nullopt;
  UserAction a;
  const std::optional<UserActionKind> kind = read_enum<UserActionKind>(r, "kind", Need::required, kActionKinds);
  if (!kind) return std::nullopt;
  a.kind = *kind;
  const bool on_element = a.kind == UserActionKind::target_clicked ||
                          a.kind == UserActionKind::target_input;
  if (on_element) {
    a.key = r.non_empty_string("key", Need::required, kMaxKeyBytes).value_or("");
  } else {
    a.guide_id = r.non_empty_string("guide_id", Need::required, kMaxKeyBytes).value_or("");
  }
  if (a.kind == UserActionKind::dismiss) {
    a.reason = read_enum<event::DismissReason>(r, "reason", Need::optional, kReasons)
                   .value_or(event::DismissReason::close_button);
  }
  if (a.kind == UserActionKind::button) {
    a.button = r.integer("button", Need::required, 0, 1000).value_or(0);
  }
  if (a.kind == UserActionKind::survey_answer) {
    if (const boost::json::value* answer = r.field("answer", Need::required)) a.answer = *answer;
  }
  if (a.kind == UserActionKind::checklist_item) {
    a.item_id = r.non_empty_string("item_id", Need::required, kMaxKeyBytes).value_or("");
  }
  if (problems.total() != before) return std::nullopt;
  return a;
}

std::optional<UserAction> read_user_action(std::string_view text, json::Problems& problems) {
  std::optional<boost::json::value> doc = json::parse_document(text, problems);
  if (!doc) return std::nullopt;
  return read_user_action(*doc, "", problems);
}

}  // namespace cairn::session
