// GuideSession::preview(): the editor runs a draft in the author's tab whatever
// its rules say, from any step; page rules and step flow behave as usual.
#include "session/guide_session.h"

#include "session/session_test_support.h"

#include <catch2/catch.hpp>

namespace cs = cairn::session;
namespace cg = cairn::guide;
using namespace cairn::session::testing;

namespace {

constexpr std::int64_t T0 = 1'800'000'000'000;

// A draft no rule would let start: unpublished, staging only, a schedule in
// the past, an audience of nobody, already seen under a "once" cap.
cg::Guide unstartable_draft() {
  cg::Guide g = make_guide("draft", {modal_step("a"), tooltip_step("b"), modal_step("c")});
  g.status = cg::GuideStatus::draft;
  g.environments = {cg::Environment::staging};
  g.schedule.end_ms = T0 - 1000;
  cg::Audience nobody;
  nobody.kind = cg::AudienceKind::rollout;
  nobody.percent = 0;
  g.audience = nobody;
  return g;
}

}  // namespace

TEST_CASE("preview: runs a draft whatever its status, environment, schedule and audience") {
  cs::GuideSession s;
  s.page_changed(T0, "https://app.example/projects");
  auto out = s.preview(T0, unstartable_draft(), 0);
  CHECK(shown_guides(out) == std::vector<std::string>{"draft"});
  REQUIRE(s.runs().size() == 1);
  CHECK(s.runs()[0].step_index == 0);
  // The preview is not started again by its own trigger once it ends.
  auto done = s.user_action(T0 + 10, action(cs::UserActionKind::dismiss, "draft"));
  CHECK(s.runs().empty());
  CHECK(shown_guides(s.page_changed(T0 + 20, "https://app.example/other")).empty());
  CHECK(s.runs().empty());
}

TEST_CASE("preview: starts at the given step, which waits for its target as usual") {
  cs::GuideSession s;
  s.page_changed(T0, "/");
  auto out = s.preview(T0, unstartable_draft(), 1);
  CHECK(!has<cs::ShowStep>(out));
  REQUIRE(has<cs::WatchTargets>(out));
  CHECK(all<cs::WatchTargets>(out)[0].targets.at(0).key == "draft#1");
  out = s.targets_changed(T0 + 5, {found("draft#1", 7)});
  REQUIRE(all<cs::ShowStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out)[0].step_index == 1);
  CHECK(all<cs::ShowStep>(out)[0].element == 7);
}

TEST_CASE("preview: a step's page rule still decides where it shows") {
  cg::Guide g = unstartable_draft();
  g.steps[0].page = page("/settings");
  cs::GuideSession s;
  s.page_changed(T0, "https://app.example/projects");
  CHECK(!has<cs::ShowStep>(s.preview(T0, g, 0)));
  CHECK(s.runs().at(0).phase == cs::RunPhase::waiting_for_page);
  CHECK(shown_guides(s.page_changed(T0 + 5, "https://app.example/settings")) ==
        std::vector<std::string>{"draft"});
}

TEST_CASE("preview: replaces the published guides and an earlier preview") {
  cs::GuideSession s;
  s.set_guides(T0, {make_guide("live", {modal_step("x")})});
  REQUIRE(shown_guides(s.page_changed(T0, "/")) == std::vector<std::string>{"live"});
  auto out = s.preview(T0 + 1, unstartable_draft(), 2);
  REQUIRE(all<cs::HideStep>(out).size() == 1);
  CHECK(all<cs::HideStep>(out)[0].guide_id == "live");
  CHECK(shown_guides(out) == std::vector<std::string>{"draft"});
  CHECK(all<cs::ShowStep>(out)[0].step_index == 2);

  out = s.preview(T0 + 2, unstartable_draft(), 0);
  CHECK(all<cs::HideStep>(out).size() == 1);
  CHECK(all<cs::ShowStep>(out).at(0).step_index == 0);

  // Past the last step: only clears.
  out = s.preview(T0 + 3, unstartable_draft(), 3);
  CHECK(all<cs::HideStep>(out).size() == 1);
  CHECK(s.runs().empty());
}
