// The missing-target policy: wait up to T ms for the step's element, then show
// the step centered, skip it, or end the guide; each outcome recorded once as
// cairn_target_missing. Time comes only from inputs, so the edges are exact.
#include "session/guide_session.h"

#include "session/session_test_support.h"

#include <catch2/catch.hpp>

namespace cs = cairn::session;
namespace cg = cairn::guide;
namespace ce = cairn::event;
using namespace cairn::session::testing;

namespace {

constexpr std::int64_t T0 = 1'800'000'000'000;
constexpr std::int64_t kWait = 3000;

// A two-step guide whose first step waits kWait for "save", then applies `then`.
cs::GuideSession& started(cs::GuideSession& s, cg::MissingTargetOutcome then,
                          std::vector<cs::Command>* out = nullptr) {
  s.set_guides(T0, {make_guide("g", {tooltip_step("a", "save", kWait, then), modal_step("b")})});
  auto commands = s.page_changed(T0, "/");
  if (out != nullptr) *out = commands;
  return s;
}

}  // namespace

TEST_CASE("missing target: a tick is asked for at the deadline") {
  cs::GuideSession s;
  std::vector<cs::Command> out;
  started(s, cg::MissingTargetOutcome::centered, &out);
  REQUIRE(all<cs::ScheduleTick>(out).size() == 1);
  CHECK(all<cs::ScheduleTick>(out)[0].at_ms == T0 + kWait);
}

TEST_CASE("missing target: nothing happens one millisecond before the deadline") {
  for (cg::MissingTargetOutcome then : {cg::MissingTargetOutcome::centered,
                                        cg::MissingTargetOutcome::skip,
                                        cg::MissingTargetOutcome::end}) {
    cs::GuideSession s;
    started(s, then);
    CHECK(s.targets_changed(T0 + 10, {missing("g#0")}).empty());
    CHECK(s.tick(T0 + kWait - 1).empty());
    CHECK(s.runs()[0].phase == cs::RunPhase::waiting_for_target);
  }
}

TEST_CASE("missing target: centered fallback at exactly the deadline") {
  cs::GuideSession s;
  started(s, cg::MissingTargetOutcome::centered);
  s.targets_changed(T0 + 10, {missing("g#0")});
  auto out = s.tick(T0 + kWait);
  const auto missing_events = events_named(out, ce::kTargetMissing);
  REQUIRE(missing_events.size() == 1);
  CHECK(missing_events[0].event.properties.at("waited_ms") == kWait);
  CHECK(missing_events[0].event.properties.at("outcome") == "centered_fallback");
  CHECK(missing_events[0].event.properties.at("step_index") == 0);
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  const cs::ShowStep show = all<cs::ShowStep>(out)[0];
  CHECK(show.fallback);
  CHECK_FALSE(show.element);
  CHECK(show.kind == cg::StepKind::tooltip);
  // The fallback is the step being seen.
  CHECK(events_named(out, ce::kGuideSeen).size() == 1);
  CHECK(events_named(out, ce::kStepSeen).size() == 1);
  // A later tick changes nothing; the element appearing re-anchors the step.
  CHECK(s.tick(T0 + kWait + 5000).empty());
  out = s.targets_changed(T0 + kWait + 6000, {found("g#0", 12)});
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].element == 12);
  CHECK_FALSE(all<cs::ShowStep>(out)[0].fallback);
  CHECK(all<cs::RecordEvent>(out).empty());
}

TEST_CASE("missing target: skip goes to the next step without completing this one") {
  cs::GuideSession s;
  started(s, cg::MissingTargetOutcome::skip);
  auto out = s.tick(T0 + kWait);
  const auto missing_events = events_named(out, ce::kTargetMissing);
  REQUIRE(missing_events.size() == 1);
  CHECK(missing_events[0].event.properties.at("outcome") == "skipped");
  CHECK(events_named(out, ce::kStepCompleted).empty());
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
}

TEST_CASE("missing target: skip on the last step ends the guide") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {tooltip_step("a", "save", kWait, cg::MissingTargetOutcome::skip)})});
  s.page_changed(T0, "/");
  auto out = s.tick(T0 + kWait);
  CHECK(event_names(out) == std::vector<std::string>{std::string(ce::kTargetMissing),
                                                     std::string(ce::kGuideDismissed)});
  CHECK(s.runs().empty());
}

TEST_CASE("missing target: end dismisses the guide with reason target_missing") {
  cs::GuideSession s;
  started(s, cg::MissingTargetOutcome::end);
  auto out = s.tick(T0 + kWait);
  CHECK(event_names(out) == std::vector<std::string>{std::string(ce::kTargetMissing),
                                                     std::string(ce::kGuideDismissed)});
  CHECK(events_named(out, ce::kTargetMissing)[0].event.properties.at("outcome") == "ended");
  CHECK(events_named(out, ce::kGuideDismissed)[0].event.properties.at("reason") == "target_missing");
  CHECK(shown_guides(out).empty());
  CHECK(s.runs().empty());
  // Never seen, so "once" does not hold it back on the next page view.
  CHECK(s.state().history.find("g")->seen_count == 0);
  CHECK(s.runs().empty());
  s.page_changed(T0 + kWait + 1, "/again");
  CHECK(s.runs().size() == 1);
}

TEST_CASE("missing target: found one millisecond before the deadline wins") {
  cs::GuideSession s;
  started(s, cg::MissingTargetOutcome::end);
  auto out = s.targets_changed(T0 + kWait - 1, {found("g#0", 3)});
  CHECK(all<cs::ShowStep>(out)[0].element == 3);
  CHECK(events_named(s.tick(T0 + kWait), ce::kTargetMissing).empty());
  // No deadline is left to wait for.
  CHECK(s.runs()[0].phase == cs::RunPhase::showing);
}

TEST_CASE("missing target: a found report after the deadline but before the tick still wins") {
  cs::GuideSession s;
  started(s, cg::MissingTargetOutcome::end);
  auto out = s.targets_changed(T0 + kWait + 50, {found("g#0", 3)});
  CHECK(all<cs::ShowStep>(out)[0].element == 3);
  CHECK(events_named(out, ce::kTargetMissing).empty());
}

TEST_CASE("missing target: ambiguous counts as missing") {
  cs::GuideSession s;
  started(s, cg::MissingTargetOutcome::centered);
  auto out = s.targets_changed(T0 + 10, {cs::TargetReport{"g#0", cs::TargetState::ambiguous, 5, 2}});
  CHECK(all<cs::ShowStep>(out).empty());
  out = s.tick(T0 + kWait);
  CHECK(all<cs::ShowStep>(out)[0].fallback);
}

TEST_CASE("missing target: with no wait, the locator's first 'missing' applies the policy") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {tooltip_step("a", "save", 0, cg::MissingTargetOutcome::centered)})});
  auto out = s.page_changed(T0, "/");
  // Not before the adapter had a chance to look: no show, and no tick that
  // could overtake the locator's first answer.
  CHECK(all<cs::ShowStep>(out).empty());
  CHECK_FALSE(has<cs::ScheduleTick>(out));
  out = s.targets_changed(T0, {missing("g#0")});
  const auto events = events_named(out, ce::kTargetMissing);
  REQUIRE(events.size() == 1);
  CHECK(events[0].event.properties.at("waited_ms") == 0);
  CHECK(all<cs::ShowStep>(out)[0].fallback);
}

TEST_CASE("missing target: recorded once per step visit, again on a new visit") {
  cg::Guide g = make_guide("g", {tooltip_step("a", "save", 100, cg::MissingTargetOutcome::centered),
                                 modal_step("b")});
  cs::GuideSession s;
  s.set_guides(T0, {g});
  s.page_changed(T0, "/");
  std::vector<cs::Command> all_out = s.tick(T0 + 100);
  // The element shows up, then goes away again: a new wait, but the same visit.
  append(all_out, s.targets_changed(T0 + 200, {found("g#0", 1)}));
  append(all_out, s.targets_changed(T0 + 300, {missing("g#0")}));
  append(all_out, s.tick(T0 + 400));
  CHECK(events_named(all_out, ce::kTargetMissing).size() == 1);
  CHECK(all<cs::ShowStep>(all_out).back().fallback);
  // Next, then back: a new visit of step 0 may record again.
  append(all_out, s.user_action(T0 + 500, action(cs::UserActionKind::next, "g")));
  append(all_out, s.user_action(T0 + 600, action(cs::UserActionKind::back, "g")));
  append(all_out, s.tick(T0 + 700));
  CHECK(events_named(all_out, ce::kTargetMissing).size() == 2);
}
