// Frequency caps as the session applies them: history is written on seen /
// completed / dismissed, browsing sessions end after kSessionIdleMs idle, and
// page views are the unit a page_load trigger fires in.
#include "session/guide_session.h"

#include "session/session_test_support.h"

#include <catch2/catch.hpp>

namespace cs = cairn::session;
namespace cg = cairn::guide;
namespace ce = cairn::event;
using namespace cairn::session::testing;

namespace {

constexpr std::int64_t T0 = 1'800'000'000'000;
constexpr std::int64_t kHour = 3600 * 1000;

cg::Guide with_frequency(cg::FrequencyKind kind, std::int64_t times = 1,
                         std::optional<std::int64_t> window = std::nullopt) {
  cg::Guide g = make_guide("g", {modal_step("a")});
  g.frequency.kind = kind;
  g.frequency.times = times;
  g.frequency.window_ms = window;
  return g;
}

bool shows_on_page_view(cs::GuideSession& s, std::int64_t now, const char* url = "/") {
  return !shown_guides(s.page_changed(now, url)).empty();
}

}  // namespace

TEST_CASE("frequency once: never again once seen, also in later sessions and page loads") {
  cs::GuideSession s;
  s.set_guides(T0, {with_frequency(cg::FrequencyKind::once)});
  CHECK(shows_on_page_view(s, T0));
  s.user_action(T0 + 1, action(cs::UserActionKind::dismiss, "g"));
  CHECK_FALSE(shows_on_page_view(s, T0 + 2));
  CHECK_FALSE(shows_on_page_view(s, T0 + 10 * kHour));
  cs::GuideSession reloaded;
  reloaded.restore(T0 + 11 * kHour, s.persisted_json());
  reloaded.set_guides(T0 + 11 * kHour, {with_frequency(cg::FrequencyKind::once)});
  CHECK_FALSE(shows_on_page_view(reloaded, T0 + 11 * kHour));
}

TEST_CASE("frequency until_completed: once per session, until the user completes it") {
  cs::GuideSession s;
  s.set_guides(T0, {with_frequency(cg::FrequencyKind::until_completed)});
  CHECK(shows_on_page_view(s, T0));
  s.user_action(T0 + 1, action(cs::UserActionKind::dismiss, "g"));
  CHECK_FALSE(shows_on_page_view(s, T0 + 1000));  // same session
  // Just within the idle limit: still the same session.
  CHECK_FALSE(shows_on_page_view(s, T0 + 1000 + cs::kSessionIdleMs));
  // Idle longer than the limit: a new session, shown again.
  const std::int64_t later = T0 + 1000 + 2 * cs::kSessionIdleMs + 2;
  CHECK(shows_on_page_view(s, later));
  s.user_action(later + 1, action(cs::UserActionKind::complete, "g"));
  CHECK_FALSE(shows_on_page_view(s, later + 3 * cs::kSessionIdleMs));
}

TEST_CASE("frequency every_session: once per browsing session, even when completed") {
  cs::GuideSession s;
  s.set_guides(T0, {with_frequency(cg::FrequencyKind::every_session)});
  CHECK(shows_on_page_view(s, T0));
  s.user_action(T0 + 1, action(cs::UserActionKind::complete, "g"));
  CHECK_FALSE(shows_on_page_view(s, T0 + 2));
  CHECK(shows_on_page_view(s, T0 + 2 + cs::kSessionIdleMs + 1));
  CHECK(s.state().session_number == 2);
}

TEST_CASE("frequency at_most N per window: counts starts inside the window") {
  cs::GuideSession s;
  s.set_guides(T0, {with_frequency(cg::FrequencyKind::at_most, 2, kHour)});
  CHECK(shows_on_page_view(s, T0));
  s.user_action(T0 + 1, action(cs::UserActionKind::dismiss, "g"));
  // The same page view does not fire a page_load trigger twice.
  CHECK(s.runs().empty());
  CHECK(shows_on_page_view(s, T0 + 1000));
  s.user_action(T0 + 1001, action(cs::UserActionKind::dismiss, "g"));
  CHECK_FALSE(shows_on_page_view(s, T0 + 2000));
  // The window is [now - window, now], inclusive: the first start still counts at T0 + 1h.
  CHECK_FALSE(shows_on_page_view(s, T0 + kHour));
  CHECK(shows_on_page_view(s, T0 + kHour + 1));
}

TEST_CASE("frequency at_most N with no window is a lifetime cap") {
  cs::GuideSession s;
  s.set_guides(T0, {with_frequency(cg::FrequencyKind::at_most, 1)});
  CHECK(shows_on_page_view(s, T0));
  s.user_action(T0 + 1, action(cs::UserActionKind::dismiss, "g"));
  CHECK_FALSE(shows_on_page_view(s, T0 + 1000 * kHour));
}
