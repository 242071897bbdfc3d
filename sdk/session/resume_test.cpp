// Multi-page guides and resuming after a reload: a new GuideSession restored
// from the last PersistState continues at the same step, without recording
// again what was already recorded.
#include "session/guide_session.h"

#include "session/persisted_state_codec.h"
#include "session/session_test_support.h"

#include <catch2/catch.hpp>

#include <map>

namespace cs = cairn::session;
namespace cg = cairn::guide;
namespace ce = cairn::event;
using namespace cairn::session::testing;

namespace {

constexpr std::int64_t T0 = 1'800'000'000'000;

// Step 0 on /projects, advanced by going to /projects/new; step 1 (a tooltip)
// on /projects/new; step 2 (a modal) on /projects/:id.
cg::Guide onboarding() {
  cg::Step list = modal_step("list");
  list.page = page("/projects");
  list.advance.kind = cg::AdvanceKind::url_change;
  list.advance.pages.include = {page("/projects/new")};
  cg::Step form = tooltip_step("form", "name-field");
  form.page = page("/projects/new");
  cg::Step done = modal_step("done");
  done.page = page("/projects/:id/overview");
  cg::Guide g = make_guide("onboarding", {list, form, done});
  g.trigger.pages.include = {page("/projects")};
  return g;
}

std::map<std::string, int> count_events(const std::vector<cs::Command>& out) {
  std::map<std::string, int> counts;
  for (const std::string& name : event_names(out)) ++counts[name];
  return counts;
}

}  // namespace

TEST_CASE("a multi-page guide follows the user across page changes") {
  cs::GuideSession s;
  s.set_guides(T0, {onboarding()});
  std::vector<cs::Command> all_out = s.page_changed(T0, "https://app.example/projects");
  CHECK(all<cs::ShowStep>(all_out).back().step_index == 0);

  auto out = s.page_changed(T0 + 1, "https://app.example/projects/new");
  append(all_out, out);
  CHECK(events_named(out, ce::kStepCompleted).size() == 1);
  CHECK(all<cs::HideStep>(out).size() == 1);  // step 0 leaves while step 1 waits for its field
  CHECK(s.runs()[0].phase == cs::RunPhase::waiting_for_target);
  append(all_out, s.targets_changed(T0 + 2, {found("onboarding#1", 77)}));
  CHECK(all<cs::ShowStep>(all_out).back().step_index == 1);

  // The user wanders off: the step waits for its page, and comes back with it.
  out = s.page_changed(T0 + 3, "https://app.example/billing");
  append(all_out, out);
  CHECK(all<cs::HideStep>(out).size() == 1);
  CHECK(s.runs()[0].phase == cs::RunPhase::waiting_for_page);
  out = s.page_changed(T0 + 4, "https://app.example/projects/new?from=menu");
  append(all_out, out);
  append(all_out, s.targets_changed(T0 + 5, {found("onboarding#1", 78)}));
  CHECK(all<cs::ShowStep>(all_out).back().element == 78);

  append(all_out, s.user_action(T0 + 6, action(cs::UserActionKind::next, "onboarding")));
  // Step 2 belongs to /projects/:id/overview: nothing on screen on /projects/new.
  CHECK(s.runs()[0].phase == cs::RunPhase::waiting_for_page);
  append(all_out, s.page_changed(T0 + 7, "https://app.example/projects/42/overview"));
  CHECK(all<cs::ShowStep>(all_out).back().step_index == 2);
  append(all_out, s.user_action(T0 + 8, action(cs::UserActionKind::next, "onboarding")));

  const std::map<std::string, int> counts = count_events(all_out);
  CHECK(counts.at(std::string(ce::kGuideSeen)) == 1);
  CHECK(counts.at(std::string(ce::kStepSeen)) == 3);
  CHECK(counts.at(std::string(ce::kStepCompleted)) == 3);
  CHECK(counts.at(std::string(ce::kGuideCompleted)) == 1);
  CHECK(counts.size() == 4);
}

TEST_CASE("after a reload, a restored session continues at the same step") {
  std::string stored;
  {
    cs::GuideSession before;
    before.set_guides(T0, {onboarding()});
    before.page_changed(T0, "/projects");
    auto out = before.page_changed(T0 + 1, "/projects/new");
    stored = last_persisted(out);
    append(out, before.targets_changed(T0 + 2, {found("onboarding#1", 5)}));
    if (!last_persisted(out).empty()) stored = last_persisted(out);
  }
  REQUIRE_FALSE(stored.empty());

  cs::GuideSession after;
  std::vector<cs::Command> out = after.restore(T0 + 1000, stored);
  append(out, after.set_guides(T0 + 1000, {onboarding()}));
  append(out, after.page_changed(T0 + 1001, "/projects/new"));
  CHECK(shown_guides(out).empty());  // waits for the locator, as before the reload
  append(out, after.targets_changed(T0 + 1002, {found("onboarding#1", 9)}));
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
  CHECK(all<cs::ShowStep>(out)[0].element == 9);
  // Guide seen and step seen were recorded before the reload.
  CHECK(all<cs::RecordEvent>(out).empty());
  CHECK(after.state().session_number == 1);
}

TEST_CASE("restore before or after set_guides both resume") {
  cs::GuideSession first;
  first.set_guides(T0, {make_guide("g", {modal_step("a"), modal_step("b")})});
  first.page_changed(T0, "/");
  first.user_action(T0 + 1, action(cs::UserActionKind::next, "g"));
  const std::string stored = first.persisted_json();

  cs::GuideSession late_restore;
  late_restore.set_guides(T0 + 5, {make_guide("g", {modal_step("a"), modal_step("b")})});
  auto out = late_restore.restore(T0 + 5, stored);
  append(out, late_restore.page_changed(T0 + 6, "/"));
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
  CHECK(all<cs::RecordEvent>(out).empty());
}

TEST_CASE("a reload before the guides arrive keeps the progress for the next load") {
  cs::GuideSession first;
  first.set_guides(T0, {make_guide("g", {modal_step("a"), modal_step("b")})});
  first.page_changed(T0, "/");
  first.user_action(T0 + 1, action(cs::UserActionKind::next, "g"));
  cs::GuideSession offline;
  offline.restore(T0 + 10, first.persisted_json());
  offline.page_changed(T0 + 11, "/");
  cs::GuideSession third;
  auto out = third.restore(T0 + 20, offline.persisted_json());
  append(out, third.set_guides(T0 + 20, {make_guide("g", {modal_step("a"), modal_step("b")})}));
  append(out, third.page_changed(T0 + 21, "/"));
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
}

TEST_CASE("a guide edited since the reload is not resumed") {
  cs::GuideSession first;
  first.set_guides(T0, {make_guide("g", {modal_step("a"), modal_step("b")})});
  first.page_changed(T0, "/");
  first.user_action(T0 + 1, action(cs::UserActionKind::next, "g"));
  cg::Guide edited = make_guide("g", {modal_step("a"), modal_step("b")});
  edited.version = 2;
  cs::GuideSession after;
  after.restore(T0 + 10, first.persisted_json());
  after.set_guides(T0 + 10, {edited});
  // Its "once" frequency was spent when it was seen: it does not start over.
  CHECK(shown_guides(after.page_changed(T0 + 11, "/")).empty());
  CHECK(after.runs().empty());
}

TEST_CASE("progress not on screen is dropped when a new browsing session starts") {
  cs::GuideSession first;
  first.set_guides(T0, {onboarding()});
  first.page_changed(T0, "/projects");
  first.page_changed(T0 + 1, "/projects/new");  // step 1 waiting for its target
  cs::GuideSession next_day;
  next_day.restore(T0 + cs::kSessionIdleMs + 2, first.persisted_json());
  next_day.set_guides(T0 + cs::kSessionIdleMs + 2, {onboarding()});
  CHECK(next_day.runs().empty());
  CHECK(next_day.state().session_number == 2);
}

TEST_CASE("corrupt or foreign persisted state starts fresh and never crashes") {
  for (const char* text : {"", "not json", "[]", "{\"version\": 99, \"guides\": {}}",
                           "{\"version\": 1, \"active\": [{\"guide\": 5}]}", "{\"version\":1,",
                           "{\"version\": 1, \"guides\": {\"g\": {\"seen\": \"lots\"}}}"}) {
    cs::GuideSession s;
    auto out = s.restore(T0, text);
    append(out, s.set_guides(T0, {make_guide("g", {modal_step("a")})}));
    append(out, s.page_changed(T0, "/"));
    CHECK(shown_guides(out) == std::vector<std::string>{"g"});
    CHECK(has<cs::PersistState>(out));
  }
}

TEST_CASE("each input persists only when the state changed") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("g", {modal_step("a")})});
  auto out = s.page_changed(T0, "/");
  CHECK(all<cs::PersistState>(out).size() == 1);
  // A tracked event is kept for event-count audiences: a change.
  CHECK(has<cs::PersistState>(s.track(T0 + 10, "report_opened")));
  // Nothing changed but the activity time, recently persisted: no write.
  CHECK_FALSE(has<cs::PersistState>(s.tick(T0 + 20)));
  // Activity is refreshed in storage once a minute at most.
  CHECK(has<cs::PersistState>(s.tick(T0 + 10 + 60 * 1000)));
}
