#include "session/guide_session.h"
#include "session/command_codec.h"

#include "session/session_test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>

namespace cs = cairn::session;
namespace cg = cairn::guide;
namespace ce = cairn::event;
using namespace cairn::session::testing;

namespace {

constexpr std::int64_t T0 = 1'800'000'000'000;

}  // namespace

TEST_CASE("nothing is shown before the page is known") {
  cs::GuideSession s;
  auto out = s.set_guides(T0, {make_guide("g", {modal_step("a")})});
  CHECK(shown_guides(out).empty());
  out = s.page_changed(T0 + 1, "https://app.example/home");
  REQUIRE(shown_guides(out) == std::vector<std::string>{"g"});
  const cs::ShowStep show = all<cs::ShowStep>(out)[0];
  CHECK(show.step_index == 0);
  CHECK(show.step_count == 1);
  CHECK(show.kind == cg::StepKind::modal);
  CHECK_FALSE(show.element);
  REQUIRE(show.content != nullptr);
  CHECK(show.content->title == "Title a");
  CHECK(show.locale == "en");
  CHECK_FALSE(show.can_go_back);
}

TEST_CASE("a first show records guide seen then step seen, with ids and time") {
  cs::GuideSession s({cg::Environment::production, "en", "anon-1"});
  s.set_guides(T0, {make_guide("g", {modal_step("a")})});
  auto out = s.page_changed(T0 + 5, "/home");
  CHECK(event_names(out) == std::vector<std::string>{std::string(ce::kGuideSeen),
                                                     std::string(ce::kStepSeen)});
  const cs::RecordEvent seen = all<cs::RecordEvent>(out)[0];
  CHECK(seen.event.anonymous_id == "anon-1");
  CHECK(seen.event.timestamp_ms == T0 + 5);
  CHECK(seen.event.properties.at("guide_id") == "g");
  CHECK(s.state().history.find("g")->seen_count == 1);
  CHECK(has<cs::PersistState>(out));
}

TEST_CASE("next walks the steps and completes the guide on the last one") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {modal_step("a"), modal_step("b")})});
  s.page_changed(T0, "/");
  auto out = s.user_action(T0 + 1, action(cs::UserActionKind::next, "g"));
  CHECK(event_names(out) == std::vector<std::string>{std::string(ce::kStepCompleted),
                                                     std::string(ce::kStepSeen)});
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
  CHECK(all<cs::ShowStep>(out)[0].can_go_back);
  out = s.user_action(T0 + 2, action(cs::UserActionKind::next, "g"));
  CHECK(event_names(out) == std::vector<std::string>{std::string(ce::kStepCompleted),
                                                     std::string(ce::kGuideCompleted)});
  REQUIRE(all<cs::HideStep>(out).size() == 1);
  CHECK(all<cs::HideStep>(out)[0].guide_id == "g");
  CHECK(s.runs().empty());
  CHECK(s.state().history.find("g")->completed_count == 1);
}

TEST_CASE("back returns to the previous step; on the first step it does nothing") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {modal_step("a"), modal_step("b")})});
  s.page_changed(T0, "/");
  CHECK(s.user_action(T0, action(cs::UserActionKind::back, "g")).empty());
  s.user_action(T0, action(cs::UserActionKind::next, "g"));
  auto out = s.user_action(T0, action(cs::UserActionKind::back, "g"));
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 0);
  // Back is not completion; the revisited step is a new visit.
  CHECK(event_names(out) == std::vector<std::string>{std::string(ce::kStepSeen)});
}

TEST_CASE("actions for guides that are not on screen are ignored") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {modal_step("a")})});
  s.page_changed(T0, "/");
  CHECK(s.user_action(T0, action(cs::UserActionKind::next, "other")).empty());
  CHECK(s.user_action(T0, action(cs::UserActionKind::dismiss, "")).empty());
  cs::UserAction b = action(cs::UserActionKind::button, "g");
  b.button = 7;
  CHECK(s.user_action(T0, b).empty());
}

TEST_CASE("priority decides which modal-type guide runs; ties go to the smaller id") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("low", {modal_step("a")}, 1), make_guide("high", {modal_step("a")}, 5),
                    make_guide("b-tie", {modal_step("a")}, 5)});
  auto out = s.page_changed(T0, "/");
  CHECK(shown_guides(out) == std::vector<std::string>{"b-tie"});
  // When it ends, the next in order may start on the same page view.
  out = s.user_action(T0 + 1, action(cs::UserActionKind::next, "b-tie"));
  CHECK(shown_guides(out) == std::vector<std::string>{"high"});
  out = s.user_action(T0 + 2, action(cs::UserActionKind::dismiss, "high"));
  CHECK(shown_guides(out) == std::vector<std::string>{"low"});
}

TEST_CASE("the order guides are published in does not change the choice") {
  for (bool reversed : {false, true}) {
    std::vector<cg::Guide> guides{make_guide("x", {modal_step("a")}, 3),
                                  make_guide("y", {modal_step("a")}, 3)};
    if (reversed) std::reverse(guides.begin(), guides.end());
    cs::GuideSession s;
    s.set_guides(T0, guides);
    CHECK(shown_guides(s.page_changed(T0, "/")) == std::vector<std::string>{"x"});
  }
}

TEST_CASE("guides that fire together start by priority, then id, whatever their number") {
  std::vector<cg::Guide> guides;
  std::vector<std::pair<int, std::string>> expected;
  for (int i = 0; i < 12; ++i) {
    const int priority = (i * 7) % 5;
    std::string id = "banner" + std::to_string(11 - i);
    guides.push_back(make_guide(id, {banner_step("b")}, priority));
    expected.emplace_back(-priority, id);
  }
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> order;
  for (const auto& e : expected) order.push_back(e.second);
  cs::GuideSession s;
  s.set_guides(T0, guides);
  CHECK(shown_guides(s.page_changed(T0, "/")) == order);
}

TEST_CASE("one modal-type guide at a time while banners and hotspots stack") {
  cg::Guide hotspot = make_guide("hot", {tooltip_step("h")});
  hotspot.steps[0].kind = cg::StepKind::hotspot;
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("tour", {tooltip_step("t")}, 9), make_guide("modal", {modal_step("m")}, 1),
                    make_guide("news", {banner_step("b")}), make_guide("promo", {banner_step("p")}),
                    hotspot});
  auto out = s.page_changed(T0, "/");
  std::vector<std::string> shown = shown_guides(out);
  std::sort(shown.begin(), shown.end());
  CHECK(shown == std::vector<std::string>{"news", "promo"});
  // The tour (tooltip) holds the modal slot while it waits for its target, so
  // the lower-priority modal does not start.
  std::vector<cs::RunView> runs = s.runs();
  CHECK(std::count_if(runs.begin(), runs.end(), [](const cs::RunView& r) {
          return r.guide_id == "modal";
        }) == 0);
  out = s.targets_changed(T0 + 10, {found("tour#0", 41), found("hot#0", 42)});
  shown = shown_guides(out);
  std::sort(shown.begin(), shown.end());
  CHECK(shown == std::vector<std::string>{"hot", "tour"});
  // Dismissing a banner does not affect the tour.
  out = s.user_action(T0 + 20, action(cs::UserActionKind::dismiss, "news"));
  CHECK(all<cs::HideStep>(out).size() == 1);
  CHECK(s.runs().size() == 3);
}

TEST_CASE("a tooltip is anchored to the element the locator found") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {tooltip_step("a", "save")})});
  auto out = s.page_changed(T0, "/");
  REQUIRE(all<cs::WatchTargets>(out).size() == 1);
  const cs::WatchTargets watch = all<cs::WatchTargets>(out)[0];
  REQUIRE(watch.targets.size() == 1);
  CHECK(watch.targets[0].key == "g#0");
  CHECK(watch.targets[0].fingerprint == fingerprint("save"));
  CHECK(shown_guides(out).empty());
  out = s.targets_changed(T0 + 50, {found("g#0", 7)});
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].element == 7);
  CHECK(all<cs::ShowStep>(out)[0].target_key == "g#0");
  CHECK_FALSE(all<cs::ShowStep>(out)[0].fallback);
  // Reports for keys that are not watched are ignored.
  CHECK(s.targets_changed(T0 + 60, {found("nope", 1)}).empty());
}

TEST_CASE("manual launch ignores trigger and frequency but not publication") {
  cg::Guide manual = make_guide("help", {modal_step("a")});
  manual.trigger.kind = cg::TriggerKind::manual;
  cg::Guide draft = make_guide("draft", {modal_step("a")});
  draft.status = cg::GuideStatus::draft;
  draft.trigger.kind = cg::TriggerKind::manual;
  cg::Guide staging = make_guide("staging", {modal_step("a")});
  staging.trigger.kind = cg::TriggerKind::manual;
  staging.environments = {cg::Environment::staging};
  cs::GuideSession s;
  s.set_guides(T0, {manual, draft, staging});
  CHECK(shown_guides(s.page_changed(T0, "/")).empty());
  CHECK(s.launch(T0, "draft").empty());
  CHECK(s.launch(T0, "staging").empty());
  CHECK(s.launch(T0, "unknown").empty());
  CHECK(shown_guides(s.launch(T0 + 1, "help")) == std::vector<std::string>{"help"});
  s.user_action(T0 + 2, action(cs::UserActionKind::complete, "help"));
  // Frequency "once" is spent, but a manual launch still shows it.
  CHECK(shown_guides(s.launch(T0 + 3, "help")) == std::vector<std::string>{"help"});
}

TEST_CASE("launch says why an id launched nothing") {
  using O = cs::LaunchOutcome;
  cg::Guide draft = make_guide("draft", {modal_step("a")});
  draft.status = cg::GuideStatus::draft;
  cg::Guide staging = make_guide("staging", {modal_step("a")});
  staging.environments = {cg::Environment::staging};
  cg::Guide held = make_guide("held", {banner_step("a")});
  held.trigger.kind = cg::TriggerKind::manual;
  held.experiment = cg::Experiment{};
  held.experiment->holdout_percent = 100;
  held.experiment->variants = {cg::Variant{"treatment", 1, {}}};
  cg::Guide help = make_guide("help", {modal_step("a")});
  help.trigger.kind = cg::TriggerKind::manual;
  cs::GuideSession s;
  s.set_guides(T0, {draft, staging, held, help});
  s.identify(T0, "u1", {});  // a user id, so the experiment can hold them out
  s.page_changed(T0, "/");
  s.launch(T0, "nope");
  CHECK(s.launch_outcome() == O::unknown_guide);
  s.launch(T0, "draft");
  CHECK(s.launch_outcome() == O::not_published);
  s.launch(T0, "staging");
  CHECK(s.launch_outcome() == O::wrong_environment);
  // The holdout records its exposure and shows nothing, like any holdout start.
  auto out = s.launch(T0 + 1, "held");
  CHECK(s.launch_outcome() == O::holdout);
  CHECK(shown_guides(out).empty());
  CHECK(events_named(out, ce::kGuideSeen).size() == 1);
  CHECK(shown_guides(s.launch(T0 + 2, "help")) == std::vector<std::string>{"help"});
  CHECK(s.launch_outcome() == O::started);
  s.launch(T0 + 3, "help");
  CHECK(s.launch_outcome() == O::running);
}

TEST_CASE("manual launch of a modal guide supersedes the running one") {
  cg::Guide manual = make_guide("help", {modal_step("a")});
  manual.trigger.kind = cg::TriggerKind::manual;
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("tour", {modal_step("a")}), manual});
  s.page_changed(T0, "/");
  auto out = s.launch(T0 + 1, "help");
  const auto dismissed = events_named(out, ce::kGuideDismissed);
  REQUIRE(dismissed.size() == 1);
  CHECK(dismissed[0].event.properties.at("guide_id") == "tour");
  CHECK(dismissed[0].event.properties.at("reason") == "superseded");
  CHECK(shown_guides(out) == std::vector<std::string>{"help"});
  // Launching a guide that is already running shows it again, no new events.
  out = s.launch(T0 + 2, "help");
  CHECK(shown_guides(out) == std::vector<std::string>{"help"});
  CHECK(all<cs::RecordEvent>(out).empty());
}

TEST_CASE("dismissal records its reason and the guide stays dismissed") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {modal_step("a"), modal_step("b")})});
  s.page_changed(T0, "/");
  cs::UserAction dismiss = action(cs::UserActionKind::dismiss, "g");
  dismiss.reason = ce::DismissReason::escape_key;
  auto out = s.user_action(T0 + 1, dismiss);
  const auto dismissed = events_named(out, ce::kGuideDismissed);
  REQUIRE(dismissed.size() == 1);
  CHECK(dismissed[0].event.properties.at("reason") == "escape_key");
  CHECK(dismissed[0].event.properties.at("step_index") == 0);
  CHECK(all<cs::HideStep>(out).size() == 1);
  CHECK(s.state().history.find("g")->dismissed_count == 1);
  CHECK(shown_guides(s.page_changed(T0 + 2, "/other")).empty());
}

TEST_CASE("buttons do what their action says") {
  cg::Guide g = make_guide("g", {modal_step("a"), modal_step("b"), modal_step("c")});
  auto add_button = [&](std::size_t step, cg::ButtonAction a) {
    cg::Button b;
    b.label = "x";
    b.action = a;
    b.url = "https://example.com/docs";
    b.new_tab = true;
    g.steps[step].content["en"].buttons.push_back(b);
  };
  add_button(0, cg::ButtonAction::url);
  add_button(1, cg::ButtonAction::back);
  add_button(1, cg::ButtonAction::next);
  add_button(2, cg::ButtonAction::dismiss);
  cs::GuideSession s;
  s.set_guides(T0, {g});
  s.page_changed(T0, "/");
  cs::UserAction press = action(cs::UserActionKind::button, "g");
  press.button = 0;
  auto out = s.user_action(T0, press);
  REQUIRE(all<cs::OpenUrl>(out).size() == 1);
  CHECK(all<cs::OpenUrl>(out)[0].url == "https://example.com/docs");
  CHECK(all<cs::OpenUrl>(out)[0].new_tab);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
  out = s.user_action(T0, press);  // back
  CHECK(all<cs::ShowStep>(out)[0].step_index == 0);
  s.user_action(T0, press);  // url -> step 1
  press.button = 1;
  out = s.user_action(T0, press);  // next
  CHECK(all<cs::ShowStep>(out)[0].step_index == 2);
  press.button = 0;
  out = s.user_action(T0, press);  // dismiss
  CHECK(events_named(out, ce::kGuideDismissed)[0].event.properties.at("reason") == "close_button");
  press.button = -1;
  CHECK(s.user_action(T0, press).empty());
}

TEST_CASE("a launch_guide button completes this guide and starts the other") {
  cg::Guide g = make_guide("g", {modal_step("a")});
  cg::Button b;
  b.label = "Take the tour";
  b.action = cg::ButtonAction::launch_guide;
  b.guide_id = "tour";
  g.steps[0].content["en"].buttons.push_back(b);
  cg::Guide tour = make_guide("tour", {modal_step("t")});
  tour.trigger.kind = cg::TriggerKind::manual;
  cs::GuideSession s;
  s.set_guides(T0, {g, tour});
  s.page_changed(T0, "/");
  cs::UserAction press = action(cs::UserActionKind::button, "g");
  auto out = s.user_action(T0, press);
  CHECK(events_named(out, ce::kGuideCompleted).size() == 1);
  CHECK(shown_guides(out) == std::vector<std::string>{"tour"});
}

TEST_CASE("advance on click or input on the target, not on other actions") {
  cg::Guide g = make_guide("g", {tooltip_step("a"), tooltip_step("b", "field")});
  g.steps[0].advance.kind = cg::AdvanceKind::click_target;
  g.steps[1].advance.kind = cg::AdvanceKind::input_target;
  cs::GuideSession s;
  s.set_guides(T0, {g});
  s.page_changed(T0, "/");
  s.targets_changed(T0, {found("g#0", 1)});
  cs::UserAction input = action(cs::UserActionKind::target_input, "");
  input.key = "g#0";
  CHECK(s.user_action(T0, input).empty());
  cs::UserAction click = action(cs::UserActionKind::target_clicked, "");
  click.key = "g#0";
  auto out = s.user_action(T0, click);
  CHECK(events_named(out, ce::kStepCompleted).size() == 1);
  out = s.targets_changed(T0, {found("g#1", 2)});
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
  click.key = "g#1";
  CHECK(s.user_action(T0, click).empty());
  input.key = "g#1";
  out = s.user_action(T0, input);
  CHECK(events_named(out, ce::kGuideCompleted).size() == 1);
}

TEST_CASE("advance on a custom event and on an element appearing") {
  cg::Guide g = make_guide("g", {modal_step("a"), modal_step("b"), modal_step("c")});
  g.steps[0].advance.kind = cg::AdvanceKind::custom_event;
  g.steps[0].advance.event = "project_created";
  g.steps[1].advance.kind = cg::AdvanceKind::element_appears;
  g.steps[1].advance.element = fingerprint("dialog");
  cs::GuideSession s;
  s.set_guides(T0, {g});
  s.page_changed(T0, "/");
  CHECK(events_named(s.track(T0, "other_event"), ce::kStepCompleted).empty());
  auto out = s.track(T0, "project_created");
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
  REQUIRE(all<cs::WatchTargets>(out).size() == 1);
  CHECK(all<cs::WatchTargets>(out)[0].targets[0].key == "g#1/advance");
  out = s.targets_changed(T0, {missing("g#1/advance")});
  CHECK(all<cs::ShowStep>(out).empty());
  out = s.targets_changed(T0, {found("g#1/advance", 9)});
  CHECK(all<cs::ShowStep>(out)[0].step_index == 2);
}

TEST_CASE("advance when the target disappears, and only after it was there") {
  cg::Guide g = make_guide("g", {tooltip_step("a"), modal_step("b")});
  g.steps[0].advance.kind = cg::AdvanceKind::element_disappears;
  cs::GuideSession s;
  s.set_guides(T0, {g});
  s.page_changed(T0, "/");
  CHECK(events_named(s.targets_changed(T0, {missing("g#0")}), ce::kStepCompleted).empty());
  s.targets_changed(T0 + 1, {found("g#0", 3)});
  auto out = s.targets_changed(T0 + 2, {missing("g#0")});
  CHECK(events_named(out, ce::kStepCompleted).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
}

TEST_CASE("a shown step whose target vanishes waits for it again") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {tooltip_step("a", "save", 1000, cg::MissingTargetOutcome::end)})});
  s.page_changed(T0, "/");
  s.targets_changed(T0, {found("g#0", 3)});
  auto out = s.targets_changed(T0 + 100, {missing("g#0")});
  CHECK(all<cs::HideStep>(out).size() == 1);
  CHECK(s.runs()[0].phase == cs::RunPhase::waiting_for_target);
  REQUIRE(all<cs::ScheduleTick>(out).size() == 1);
  CHECK(all<cs::ScheduleTick>(out)[0].at_ms == T0 + 1100);
  // It comes back (a re-render): shown again, no second step_seen.
  out = s.targets_changed(T0 + 200, {found("g#0", 4)});
  CHECK(all<cs::ShowStep>(out)[0].element == 4);
  CHECK(all<cs::RecordEvent>(out).empty());
}

TEST_CASE("survey answers of the right shape complete the step with the answer") {
  cg::Step nps = modal_step("q");
  nps.kind = cg::StepKind::survey;
  nps.survey = cg::SurveyQuestion{};
  nps.survey->kind = cg::SurveyKind::nps;
  cg::Step choice = modal_step("c");
  choice.kind = cg::StepKind::survey;
  choice.survey = cg::SurveyQuestion{};
  choice.survey->kind = cg::SurveyKind::choice;
  choice.survey->options = {"red", "blue"};
  choice.survey->multiple = true;
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {nps, choice})});
  s.page_changed(T0, "/");
  cs::UserAction answer = action(cs::UserActionKind::survey_answer, "g");
  for (boost::json::value bad : {boost::json::value(11), boost::json::value(-1),
                                 boost::json::value("9"), boost::json::value(4.5)}) {
    answer.answer = bad;
    CHECK(s.user_action(T0, answer).empty());
  }
  answer.answer = 9;
  auto out = s.user_action(T0, answer);
  const auto completed = events_named(out, ce::kStepCompleted);
  REQUIRE(completed.size() == 1);
  CHECK(completed[0].event.properties.at("answer") == 9);
  for (boost::json::value bad : {boost::json::value("green"), boost::json::value(boost::json::array{}),
                                 boost::json::value(boost::json::array{"red", "red"})}) {
    answer.answer = bad;
    CHECK(s.user_action(T0, answer).empty());
  }
  answer.answer = boost::json::array{"blue", "red"};
  CHECK(events_named(s.user_action(T0, answer), ce::kGuideCompleted).size() == 1);
}

TEST_CASE("a checklist ticks items, steps aside for a guide it launches, and completes") {
  cg::Step list = modal_step("list");
  list.kind = cg::StepKind::checklist;
  cg::ChecklistItem profile;
  profile.id = "profile";
  cg::ChecklistItem tour_item;
  tour_item.id = "tour";
  tour_item.action = cg::ChecklistAction::launch_guide;
  tour_item.guide_id = "tour";
  tour_item.completed_by_guide = "tour";
  list.items = {profile, tour_item};
  list.content["en"].labels = {{"profile", "Fill in your profile"}, {"tour", "Take the tour"}};
  cg::Guide checklist = make_guide("onboarding", {list});
  cg::Guide tour = make_guide("tour", {modal_step("t")});
  tour.trigger.kind = cg::TriggerKind::manual;
  cs::GuideSession s;
  s.set_guides(T0, {checklist, tour});
  auto out = s.page_changed(T0, "/");
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].checklist.size() == 2);
  CHECK(all<cs::ShowStep>(out)[0].checklist[0].label == "Fill in your profile");
  CHECK_FALSE(all<cs::ShowStep>(out)[0].checklist[0].done);

  cs::UserAction tick = action(cs::UserActionKind::checklist_item, "onboarding");
  tick.item_id = "profile";
  out = s.user_action(T0 + 1, tick);
  CHECK(all<cs::ShowStep>(out)[0].checklist[0].done);
  tick.item_id = "nope";
  CHECK(s.user_action(T0 + 1, tick).empty());

  tick.item_id = "tour";
  out = s.user_action(T0 + 2, tick);
  CHECK(shown_guides(out) == std::vector<std::string>{"tour"});
  CHECK(events_named(out, ce::kGuideDismissed).empty());  // suspended, not superseded
  CHECK(s.runs()[0].phase == cs::RunPhase::suspended);

  // The tour's completion ticks the last open item: the checklist comes back
  // and, every item done, completes.
  out = s.user_action(T0 + 3, action(cs::UserActionKind::complete, "tour"));
  const auto completed = events_named(out, ce::kGuideCompleted);
  REQUIRE(completed.size() == 2);
  CHECK(completed[0].event.properties.at("guide_id") == "tour");
  CHECK(completed[1].event.properties.at("guide_id") == "onboarding");
  CHECK(shown_guides(out) == std::vector<std::string>{"onboarding"});
  CHECK(all<cs::ShowStep>(out)[0].checklist[1].done);
  CHECK(s.runs().empty());
}

namespace {

// A checklist whose one item launches the manual guide "tour", which runs an
// experiment: variant "guided", or the holdout for everyone when held_out.
std::vector<cg::Guide> checklist_and_experiment_tour(bool held_out) {
  cg::Step list = modal_step("list");
  list.kind = cg::StepKind::checklist;
  cg::ChecklistItem tour_item;
  tour_item.id = "tour";
  tour_item.action = cg::ChecklistAction::launch_guide;
  tour_item.guide_id = "tour";
  cg::ChecklistItem profile;  // left open, so the checklist stays
  profile.id = "profile";
  list.items = {tour_item, profile};
  cg::Guide tour = make_guide("tour", {modal_step("t1"), modal_step("t2")});
  tour.trigger.kind = cg::TriggerKind::manual;
  tour.experiment = cg::Experiment{};
  tour.experiment->holdout_percent = held_out ? 100 : 0;
  tour.experiment->variants = {cg::Variant{"guided", 1, {}}};
  return {make_guide("onboarding", {list}), tour};
}

cs::UserAction tick_item(std::string item) {
  cs::UserAction tick = action(cs::UserActionKind::checklist_item, "onboarding");
  tick.item_id = std::move(item);
  return tick;
}

}  // namespace

TEST_CASE("a tour launched from a checklist item carries the user's experiment variant") {
  // Guide impact splits the tour's events by variant. The item is clicked a
  // second time after the user dismissed the tour: the tour's once-only cap is
  // spent, which a launch ignores, but its experiment must still apply.
  cs::GuideSession s;
  s.set_guides(T0, checklist_and_experiment_tour(false));
  s.identify(T0, "u1", {});
  s.page_changed(T0, "/");
  std::vector<cs::Command> out = s.user_action(T0 + 1, tick_item("tour"));
  REQUIRE(shown_guides(out) == std::vector<std::string>{"tour"});
  append(out, s.user_action(T0 + 2, action(cs::UserActionKind::dismiss, "tour")));
  REQUIRE(s.runs().size() == 1);  // the checklist came back
  append(out, s.user_action(T0 + 3, tick_item("tour")));
  append(out, s.user_action(T0 + 4, action(cs::UserActionKind::next, "tour")));
  append(out, s.user_action(T0 + 5, action(cs::UserActionKind::complete, "tour")));
  std::size_t tour_events = 0;
  for (const cs::RecordEvent& r : all<cs::RecordEvent>(out)) {
    if (r.event.properties.at("guide_id") != "tour") continue;
    ++tour_events;
    INFO(r.event.event);
    CHECK(r.event.properties.if_contains("variant") != nullptr);
    if (const boost::json::value* variant = r.event.properties.if_contains("variant")) {
      CHECK(*variant == "guided");
    }
  }
  // seen, step seen, dismissed; seen, step seen, step completed, step seen,
  // step completed, completed.
  CHECK(tour_events == 9);
}

TEST_CASE("a user held out of a tour is not shown it by a checklist item, even a second time") {
  cs::GuideSession s;
  s.set_guides(T0, checklist_and_experiment_tour(true));
  s.identify(T0, "u1", {});
  s.page_changed(T0, "/");
  for (int click = 0; click < 2; ++click) {
    INFO("click " << click);
    const std::vector<cs::Command> out = s.user_action(T0 + 1 + click, tick_item("tour"));
    CHECK(shown_guides(out) == std::vector<std::string>{"onboarding"});  // back at once
    const auto seen = events_named(out, ce::kGuideSeen);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].event.properties.at("variant") == "holdout");
  }
  CHECK(s.state().history.find("tour")->held_out_count == 2);
}

TEST_CASE("a checklist whose items are all ticked by clicks completes") {
  cg::Step list = modal_step("list");
  list.kind = cg::StepKind::checklist;
  cg::ChecklistItem a;
  a.id = "a";
  cg::ChecklistItem b;
  b.id = "b";
  b.action = cg::ChecklistAction::url;
  b.url = "/settings";
  list.items = {a, b};
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("c", {list})});
  s.page_changed(T0, "/");
  cs::UserAction tick = action(cs::UserActionKind::checklist_item, "c");
  tick.item_id = "b";
  auto out = s.user_action(T0, tick);
  REQUIRE(all<cs::OpenUrl>(out).size() == 1);
  CHECK(all<cs::OpenUrl>(out)[0].url == "/settings");
  CHECK(events_named(out, ce::kGuideCompleted).empty());
  CHECK(s.state().checked_items.at("c") == std::vector<std::string>{"b"});
  tick.item_id = "a";
  CHECK(events_named(s.user_action(T0, tick), ce::kGuideCompleted).size() == 1);
}

TEST_CASE("locale: content is resolved for the user and re-shown on change") {
  cg::Guide g = make_guide("g", {modal_step("a")});
  g.steps[0].content["fr"].title = "Bonjour";
  cs::GuideSession s({cg::Environment::production, "fr-CA", ""});
  s.set_guides(T0, {g});
  auto out = s.page_changed(T0, "/");
  CHECK(all<cs::ShowStep>(out)[0].content->title == "Bonjour");
  CHECK(all<cs::ShowStep>(out)[0].locale == "fr");
  out = s.set_locale(T0 + 1, "de");
  CHECK(all<cs::ShowStep>(out)[0].content->title == "Title a");
  CHECK(all<cs::RecordEvent>(out).empty());
}

TEST_CASE("locale: the SDK's words follow the content's language, word by word to the fallback's") {
  cg::Guide g = make_guide("g", {modal_step("a")});
  g.steps[0].content["de"].title = "Hallo";
  g.ui_text["en"] = {{"submit", "Send it"}, {"nps_low", "Nope"}};
  g.ui_text["de-AT"] = {{"submit", "Absenden"}, {"close", "Schließen"}};
  g.ui_text["fr"] = {{"submit", "Envoyer"}};
  cs::GuideSession s({cg::Environment::production, "de-DE", ""});
  s.set_guides(T0, {g});
  auto out = s.page_changed(T0, "/");
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  // de-DE: content "de"; words: the other region's table "de-AT", then "en" for nps_low.
  const boost::json::object german{{"close", "Schließen"}, {"nps_low", "Nope"}, {"submit", "Absenden"}};
  CHECK(cs::write_command(all<cs::ShowStep>(out)[0]).at("ui_text") == german);
  // fr: no French content, so the card is English and so are its words
  // (a French "Envoyer" under English text would be read with an English voice).
  out = s.set_locale(T0 + 1, "fr");
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].locale == "en");
  const boost::json::object english_words{{"nps_low", "Nope"}, {"submit", "Send it"}};
  CHECK(cs::write_command(all<cs::ShowStep>(out)[0]).at("ui_text") == english_words);
  // Words only in another language are not shown under English text: the
  // adapter's English is.
  cg::Guide french = make_guide("french", {modal_step("a")});
  french.ui_text["fr"] = {{"submit", "Envoyer"}};
  cs::GuideSession japanese({cg::Environment::production, "ja", ""});
  japanese.set_guides(T0, {french});
  out = japanese.page_changed(T0, "/");
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK_FALSE(cs::write_command(all<cs::ShowStep>(out)[0]).contains("ui_text"));
  // Without translations the command carries none: the adapter's English.
  cg::Guide plain = make_guide("plain", {modal_step("a")});
  cs::GuideSession english;
  english.set_guides(T0, {plain});
  out = english.page_changed(T0, "/");
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK_FALSE(cs::write_command(all<cs::ShowStep>(out)[0]).contains("ui_text"));
}

TEST_CASE("environment and audience decide eligibility; identify can make a guide eligible") {
  cg::Guide staging = make_guide("staging-only", {banner_step("a")});
  staging.environments = {cg::Environment::staging};
  cg::Guide admins = make_guide("admins", {banner_step("a")});
  cg::Audience audience;
  audience.kind = cg::AudienceKind::attribute;
  audience.attribute = "role";
  audience.op = cg::AttributeOp::eq;
  audience.value = "admin";
  admins.audience = audience;
  cs::GuideSession s;
  s.set_guides(T0, {staging, admins});
  CHECK(shown_guides(s.page_changed(T0, "/")).empty());
  auto out = s.identify(T0 + 1, "u1", boost::json::object{{"role", "admin"}});
  CHECK(shown_guides(out) == std::vector<std::string>{"admins"});
  CHECK(all<cs::RecordEvent>(out)[0].event.user_id == "u1");
}

TEST_CASE("a different user on the same device gets a fresh history") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {modal_step("a")})});
  s.identify(T0, "alice", {});
  s.page_changed(T0, "/");
  s.user_action(T0, action(cs::UserActionKind::complete, "g"));
  CHECK(s.state().history.find("g") != nullptr);
  // Bob has not seen it: it starts for him on the page he is on.
  auto out = s.identify(T0 + 1, "bob", {});
  CHECK(s.state().user_id == "bob");
  CHECK(shown_guides(out) == std::vector<std::string>{"g"});
  CHECK(s.state().history.find("g")->completed_count == 0);
  // Going from anonymous to identified keeps the history.
  cs::GuideSession anon;
  anon.set_guides(T0, {make_guide("g", {modal_step("a")})});
  anon.page_changed(T0, "/");
  anon.user_action(T0, action(cs::UserActionKind::complete, "g"));
  CHECK(shown_guides(anon.identify(T0 + 1, "carol", {})).empty());
  CHECK(anon.state().history.find("g")->completed_count == 1);
}

TEST_CASE("the holdout group is recorded as exposed but never shown") {
  cg::Guide g = make_guide("exp", {modal_step("a")});
  g.experiment = cg::Experiment{};
  g.experiment->holdout_percent = 100;
  g.experiment->variants = {cg::Variant{"treatment", 1, {}}};
  cs::GuideSession s;
  s.set_guides(T0, {g});
  s.identify(T0, "u1", {});
  auto out = s.page_changed(T0, "/");
  CHECK(shown_guides(out).empty());
  const auto seen = events_named(out, ce::kGuideSeen);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].event.properties.at("variant") == "holdout");
  CHECK(s.state().history.find("exp")->seen_count == 1);
  CHECK(events_named(s.page_changed(T0 + 1, "/x"), ce::kGuideSeen).empty());  // once
}

TEST_CASE("a guide on screen is hidden when its schedule ends, and not resumed after it") {
  // A promotion banner that must be gone at its end date, even for a user
  // who keeps the page open or reloads it.
  cg::Guide promo = make_guide("promo", {banner_step("a")});
  promo.schedule.end_ms = T0 + 1000;
  cs::GuideSession s;
  s.set_guides(T0, {promo});
  auto out = s.page_changed(T0, "/");
  CHECK(shown_guides(out) == std::vector<std::string>{"promo"});
  REQUIRE_FALSE(all<cs::ScheduleTick>(out).empty());
  CHECK(all<cs::ScheduleTick>(out).back().at_ms == T0 + 1000);
  const std::string stored = s.persisted_json();
  CHECK(all<cs::HideStep>(s.tick(T0 + 999)).empty());
  out = s.tick(T0 + 1000);
  REQUIRE(all<cs::HideStep>(out).size() == 1);
  CHECK(all<cs::HideStep>(out)[0].guide_id == "promo");
  CHECK(all<cs::RecordEvent>(out).empty());  // not the user's dismissal
  CHECK(s.runs().empty());
  // The state stored while it ran, read after the end: not resumed.
  cs::GuideSession reload;
  reload.restore(T0 + 2000, stored);
  CHECK(shown_guides(reload.set_guides(T0 + 2000, {promo})).empty());
  CHECK(shown_guides(reload.page_changed(T0 + 2000, "/")).empty());
  CHECK(reload.runs().empty());
  // A launch ignores the schedule, and the end does not take it back.
  CHECK(shown_guides(reload.launch(T0 + 3000, "promo")) == std::vector<std::string>{"promo"});
  CHECK(all<cs::HideStep>(reload.tick(T0 + 4000)).empty());
  CHECK(reload.runs().size() == 1);
}

TEST_CASE("an experiment waits for a user id instead of holding the user out for good") {
  // No consent yet (or Do Not Track): the SDK has neither a user nor an
  // anonymous id. The experiment must not record a holdout start then: with
  // a once-only cap the user would never get the variant assigned later.
  cg::Guide g = make_guide("exp", {modal_step("a")});
  g.experiment = cg::Experiment{};
  g.experiment->variants = {cg::Variant{"treatment", 1, {}}};
  cs::GuideSession s;  // no anonymous id
  s.set_guides(T0, {g});
  auto out = s.page_changed(T0, "/");
  CHECK(shown_guides(out).empty());
  CHECK(events_named(out, ce::kGuideSeen).empty());
  CHECK(s.state().history.find("exp") == nullptr);
  CHECK(shown_guides(s.launch(T0 + 1, "exp")).empty());
  CHECK(s.launch_outcome() == cs::LaunchOutcome::holdout);
  // An id arrives (consent given, then identify): the user gets the variant.
  out = s.identify(T0 + 2, "u1", {});
  CHECK(shown_guides(out) == std::vector<std::string>{"exp"});
  const auto seen = events_named(out, ce::kGuideSeen);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].event.properties.at("variant") == "treatment");
}

TEST_CASE("a guide's holdout has not seen it for other guides' audiences") {
  // The follow-up targets users who saw the tour; the tour's holdout never did.
  cg::Guide tour = make_guide("tour", {modal_step("a")});
  tour.priority = 10;  // evaluated first, so its holdout start is recorded first
  tour.experiment = cg::Experiment{};
  tour.experiment->holdout_percent = 100;
  tour.experiment->variants = {cg::Variant{"treatment", 1, {}}};
  cg::Guide follow_up = make_guide("follow-up", {banner_step("b")});
  follow_up.audience = cg::Audience{};
  follow_up.audience->kind = cg::AudienceKind::guide_history;
  follow_up.audience->guide_id = "tour";
  follow_up.audience->history = cg::HistoryOp::seen;
  cs::GuideSession s;
  s.set_guides(T0, {tour, follow_up});
  s.identify(T0, "u1", {});
  auto out = s.page_changed(T0, "/");
  CHECK(events_named(out, ce::kGuideSeen).size() == 1);  // the holdout exposure
  CHECK(shown_guides(out).empty());
  CHECK(shown_guides(s.page_changed(T0 + 1, "/next")).empty());
  // The same audience holds for a user who was shown the tour.
  tour.experiment->holdout_percent = 0;
  cs::GuideSession shown;
  shown.set_guides(T0, {tour, follow_up});
  shown.identify(T0, "u1", {});
  CHECK(shown_guides(shown.page_changed(T0, "/")) == std::vector<std::string>{"tour", "follow-up"});
}

TEST_CASE("experiment variants choose their steps and are carried on events") {
  cg::Guide g = make_guide("exp", {modal_step("a"), modal_step("b")});
  g.experiment = cg::Experiment{};
  g.experiment->variants = {cg::Variant{"short", 1, {}}};
  g.steps[0].variants = {"long"};
  cs::GuideSession s;
  s.set_guides(T0, {g});
  s.identify(T0, "u1", {});
  auto out = s.page_changed(T0, "/");
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
  CHECK_FALSE(all<cs::ShowStep>(out)[0].can_go_back);
  CHECK(events_named(out, ce::kGuideSeen)[0].event.properties.at("variant") == "short");
}

TEST_CASE("trigger kinds: element appears, element clicked, custom event, delay") {
  cg::Guide appears = make_guide("appears", {banner_step("a")});
  appears.trigger.kind = cg::TriggerKind::element_appears;
  appears.trigger.element = fingerprint("chart");
  cg::Guide clicked = make_guide("clicked", {banner_step("a")});
  clicked.trigger.kind = cg::TriggerKind::element_clicked;
  clicked.trigger.element = fingerprint("help");
  cg::Guide evented = make_guide("evented", {banner_step("a")});
  evented.trigger.kind = cg::TriggerKind::custom_event;
  evented.trigger.event = "export_failed";
  cg::Guide delayed = make_guide("delayed", {banner_step("a")});
  delayed.trigger.delay_ms = 2000;
  cs::GuideSession s;
  s.set_guides(T0, {appears, clicked, evented, delayed});
  auto out = s.page_changed(T0, "/");
  CHECK(shown_guides(out).empty());
  REQUIRE(all<cs::WatchTargets>(out).size() == 1);
  CHECK(all<cs::WatchTargets>(out)[0].targets.size() == 2);
  REQUIRE(all<cs::ScheduleTick>(out).size() == 1);
  CHECK(all<cs::ScheduleTick>(out)[0].at_ms == T0 + 2000);

  CHECK(shown_guides(s.tick(T0 + 1999)).empty());
  CHECK(shown_guides(s.tick(T0 + 2000)) == std::vector<std::string>{"delayed"});
  CHECK(shown_guides(s.targets_changed(T0 + 2001, {found("appears#trigger", 5)})) ==
        std::vector<std::string>{"appears"});
  cs::UserAction click = action(cs::UserActionKind::target_clicked, "");
  click.key = "clicked#trigger";
  CHECK(shown_guides(s.user_action(T0 + 2002, click)) == std::vector<std::string>{"clicked"});
  CHECK(shown_guides(s.track(T0 + 2003, "export_failed")) == std::vector<std::string>{"evented"});
}

TEST_CASE("a delayed start is dropped when the user left the trigger's pages") {
  cg::Guide delayed = make_guide("delayed", {banner_step("a")});
  delayed.trigger.delay_ms = 1000;
  delayed.trigger.pages.include = {page("/reports")};
  cs::GuideSession s;
  s.set_guides(T0, {delayed});
  s.page_changed(T0, "/reports");
  s.page_changed(T0 + 500, "/settings");
  CHECK(shown_guides(s.tick(T0 + 1000)).empty());
}

TEST_CASE("a schedule opening later asks for a tick and starts the guide then") {
  cg::Guide g = make_guide("launch", {banner_step("a")});
  g.schedule.start_ms = T0 + 60000;
  cs::GuideSession s;
  auto out = s.set_guides(T0, {g});
  append(out, s.page_changed(T0, "/"));
  CHECK(shown_guides(out).empty());
  REQUIRE(all<cs::ScheduleTick>(out).size() == 1);
  CHECK(all<cs::ScheduleTick>(out)[0].at_ms == T0 + 60000);
  CHECK(shown_guides(s.tick(T0 + 59999)).empty());
  out = s.tick(T0 + 60000);
  CHECK(shown_guides(out) == std::vector<std::string>{"launch"});
  REQUIRE(all<cs::ScheduleTick>(out).size() == 1);
  CHECK_FALSE(all<cs::ScheduleTick>(out)[0].at_ms);  // nothing left to wait for
}

TEST_CASE("unpublishing or editing a running guide removes it without events") {
  cs::GuideSession s;
  cg::Guide g = make_guide("g", {modal_step("a")});
  s.set_guides(T0, {g});
  s.page_changed(T0, "/");
  g.version = 2;
  auto out = s.set_guides(T0 + 1, {g});
  CHECK(all<cs::HideStep>(out).size() == 1);
  CHECK(all<cs::RecordEvent>(out).empty());
  CHECK(s.runs().empty());
}

TEST_CASE("a clock that steps back does not move deadlines") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {tooltip_step("a", "save", 1000)})});
  s.page_changed(T0, "/");
  CHECK(all<cs::RecordEvent>(s.tick(T0 - 5000)).empty());
  CHECK(s.runs()[0].phase == cs::RunPhase::waiting_for_target);
  CHECK(events_named(s.tick(T0 + 1000), ce::kTargetMissing).size() == 1);
}

TEST_CASE("tracked events feed event-count audiences, also after a reload") {
  cg::Guide g = make_guide("power", {banner_step("a")});
  cg::Audience audience;
  audience.kind = cg::AudienceKind::event_count;
  audience.event = "report_exported";
  audience.at_least = 2;
  audience.within_ms = 60 * 60 * 1000;
  g.audience = audience;
  cs::GuideSession s;
  s.set_guides(T0, {g});
  s.page_changed(T0, "/");
  CHECK(shown_guides(s.track(T0 + 1, "report_exported")).empty());
  cs::GuideSession reloaded;
  reloaded.restore(T0 + 2, s.persisted_json());
  reloaded.set_guides(T0 + 2, {g});
  reloaded.page_changed(T0 + 2, "/");
  // The second export (the first one survived the reload) makes the audience
  // match: the page_load guide, which had not started on this page view, starts.
  CHECK(shown_guides(reloaded.track(T0 + 3, "report_exported")) ==
        std::vector<std::string>{"power"});
  // Outside the window the count drops again.
  cs::GuideSession later;
  later.restore(T0 + 2 * 60 * 60 * 1000, s.persisted_json());
  later.set_guides(T0 + 2 * 60 * 60 * 1000, {g});
  later.page_changed(T0 + 2 * 60 * 60 * 1000, "/");
  CHECK(shown_guides(later.track(T0 + 2 * 60 * 60 * 1000 + 1, "report_exported")).empty());
}
