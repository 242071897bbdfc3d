// The text interface of the session for the WASM adapter: inputs from JSON,
// commands to JSON.
#include "session/command_codec.h"
#include "session/guide_session.h"
#include "session/input_codec.h"
#include "session/session_test_support.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace cs = cairn::session;
namespace cg = cairn::guide;
namespace cj = cairn::json;
using namespace cairn::session::testing;

namespace {
constexpr std::int64_t T0 = 1'800'000'000'000;
}  // namespace

TEST_CASE("target reports are read from JSON") {
  cj::Problems problems;
  auto reports = cs::read_target_reports(
      R"([{"key": "g#0", "state": "found", "element": 7, "candidate_index": 3},
          {"key": "g#1", "state": "ambiguous"}])",
      problems);
  REQUIRE(reports);
  REQUIRE(reports->size() == 2);
  CHECK((*reports)[0].state == cs::TargetState::found);
  CHECK((*reports)[0].element == 7);
  CHECK((*reports)[0].candidate_index == 3);
  CHECK((*reports)[1].state == cs::TargetState::ambiguous);
}

TEST_CASE("malformed target reports give every problem with its pointer") {
  cj::Problems problems;
  CHECK_FALSE(cs::read_target_reports(
      R"([{"key": "", "state": "found"}, {"key": "k", "state": "lost"}, 5])", problems));
  CHECK(problems.summary() ==
        "/0/key: must not be empty; /0/element: required; "
        "/1/state: unknown value \"lost\"; must be one of: found, missing, ambiguous; "
        "/2: must be an object");
  cj::Problems not_array;
  CHECK_FALSE(cs::read_target_reports("{}", not_array));
  CHECK(not_array.summary() == "(document): must be an array of target reports");
  cj::Problems syntax;
  CHECK_FALSE(cs::read_target_reports("[", syntax));
  CHECK_FALSE(syntax.empty());
}

TEST_CASE("user actions are read from JSON, each kind with its fields") {
  cj::Problems problems;
  auto a = cs::read_user_action(R"({"kind": "dismiss", "guide_id": "g", "reason": "escape_key"})",
                                problems);
  REQUIRE(a);
  CHECK(a->reason == cairn::event::DismissReason::escape_key);
  a = cs::read_user_action(R"({"kind": "target_clicked", "key": "g#0"})", problems);
  REQUIRE(a);
  CHECK(a->key == "g#0");
  a = cs::read_user_action(R"({"kind": "survey_answer", "guide_id": "g", "answer": [1]})",
                           problems);
  REQUIRE(a);
  CHECK(a->answer.is_array());
  a = cs::read_user_action(R"({"kind": "button", "guide_id": "g", "button": 2})", problems);
  REQUIRE(a);
  CHECK(a->button == 2);
  CHECK(problems.empty());
}

TEST_CASE("malformed user actions are refused with their problems") {
  struct Case {
    const char* text;
    const char* summary;
  };
  for (const Case& c : {
           Case{R"({"kind": "jump", "guide_id": "g"})",
                "/kind: unknown value \"jump\"; must be one of: next, back, dismiss, complete, "
                "button, target_clicked, target_input, survey_answer, checklist_item"},
           Case{R"({"kind": "next"})", "/guide_id: required"},
           Case{R"({"kind": "target_input", "guide_id": "g"})", "/key: required"},
           Case{R"({"kind": "button", "guide_id": "g", "button": -1})",
                "/button: must be between 0 and 1000"},
           Case{R"({"kind": "survey_answer", "guide_id": "g"})", "/answer: required"},
           Case{R"({"kind": "checklist_item", "guide_id": "g"})", "/item_id: required"},
           Case{R"({"kind": "dismiss", "guide_id": "g", "reason": 3})", "/reason: must be a string"},
           Case{"[]", "(document): must be an object"},
       }) {
    cj::Problems problems;
    CHECK_FALSE(cs::read_user_action(c.text, problems));
    CHECK(problems.summary() == c.summary);
  }
}

TEST_CASE("commands are written as JSON the adapter can execute") {
  cg::Guide g = make_guide("g", {tooltip_step("a"), modal_step("b")});
  g.steps[0].content["en"].body = "Click **Save**";
  cg::Button next;
  next.label = "Next";
  g.steps[0].content["en"].buttons.push_back(next);
  cs::GuideSession s;
  s.set_guides(T0, {g});
  auto out = s.page_changed(T0, "/");
  append(out, s.targets_changed(T0 + 1, {found("g#0", 42)}));
  const boost::json::array json = cs::write_commands(out);
  REQUIRE(json.size() == out.size());
  bool saw_watch = false, saw_show = false, saw_event = false, saw_persist = false, saw_tick = false;
  for (const boost::json::value& v : json) {
    const boost::json::object& o = v.as_object();
    const boost::json::string type = o.at("type").as_string();
    if (type == "watch_targets") {
      saw_watch = true;
      CHECK(o.at("targets").as_array()[0].as_object().at("key") == "g#0");
    } else if (type == "show_step") {
      saw_show = true;
      CHECK(o.at("element") == 42);
      CHECK(o.at("kind") == "tooltip");
      CHECK(o.at("placement").as_object().at("side") == "auto");
      const boost::json::object& content = o.at("content").as_object();
      CHECK(content.at("title") == "Title a");
      CHECK(content.at("body_nodes").is_array());
      CHECK(content.at("labels").is_object());
      CHECK(content.at("buttons").as_array()[0].as_object().at("action") == "next");
    } else if (type == "record_event") {
      saw_event = true;
      CHECK(o.at("event").as_object().at("type") == "track");
    } else if (type == "persist_state") {
      saw_persist = true;
      CHECK(o.at("json").is_string());
    } else if (type == "schedule_tick") {
      saw_tick = true;
    }
  }
  CHECK(saw_watch);
  CHECK(saw_show);
  CHECK(saw_event);
  CHECK(saw_persist);
  CHECK(saw_tick);
  CHECK(cs::write_command(cs::ScheduleTick{}).at("at_ms").is_null());
  CHECK(cs::write_command(cs::HideStep{"g"}).at("guide_id") == "g");
  CHECK(cs::write_command(cs::OpenUrl{"/x", true}).at("new_tab") == true);
}

TEST_CASE("show_step JSON carries the body as nodes and survey options as labelled ids") {
  cs::ShowStep show;
  show.guide_id = "g";
  show.kind = cg::StepKind::survey;
  cg::StepContent step_content;
  step_content.title = "Which?";
  step_content.body = "Pick **one**.";
  step_content.labels = {{"a", "Apples"}, {"b", "Pears"}};
  show.content = &step_content;
  cg::SurveyQuestion question;
  question.kind = cg::SurveyKind::choice;
  question.options = {"a", "b"};
  show.survey = &question;
  const boost::json::object o = cs::write_command(show);
  CHECK(o.at("element").is_null());
  CHECK_FALSE(o.contains("target_key"));
  const boost::json::object& content = o.at("content").as_object();
  const boost::json::array& nodes = content.at("body_nodes").as_array();
  REQUIRE(nodes.size() == 1);
  CHECK(nodes[0].as_object().at("type") == "paragraph");
  CHECK(content.at("labels").as_object().at("b") == "Pears");
  const boost::json::object& survey = o.at("survey").as_object();
  CHECK(survey.at("kind") == "choice");
  CHECK(survey.at("options") == boost::json::array{"a", "b"});
  CHECK(survey.at("multiple") == false);
  CHECK_FALSE(survey.contains("scale"));
}

TEST_CASE("show_step JSON of a step without content or theme has empty ones") {
  const boost::json::object o = cs::write_command(cs::ShowStep{});
  const boost::json::object& content = o.at("content").as_object();
  CHECK(content.at("title") == "");
  CHECK(content.at("body_nodes").as_array().empty());
  CHECK(content.at("buttons").as_array().empty());
  CHECK(content.at("labels").as_object().empty());
  CHECK_FALSE(content.contains("media"));
  CHECK(o.at("theme").as_object().empty());
  CHECK_FALSE(o.contains("survey"));
}

TEST_CASE("inputs inside a larger document are reported with their full pointers") {
  cj::Problems problems;
  const boost::json::value envelope = boost::json::parse(
      R"({"reports": [{"key": "g#0", "state": "found", "element": 4}, {"key": "g#1"}],
          "action": {"kind": "button", "guide_id": "g"}})");
  const boost::json::object& o = envelope.as_object();
  CHECK_FALSE(cs::read_target_reports(o.at("reports"), "/reports", problems));
  CHECK_FALSE(cs::read_user_action(o.at("action"), "/action", problems));
  CHECK(problems.summary() == "/reports/1/state: required; /action/button: required");
  cj::Problems fine;
  auto report = cs::read_target_report(o.at("reports").as_array()[0], "/reports/0", fine);
  REQUIRE(report);
  CHECK(report->element == 4);
  CHECK(fine.empty());
}
