// Guide performance, stuck points and trends on small hand-built timelines.
#include "analytics/element_summary.h"
#include "analytics/guide_report.h"
#include "analytics/report_json.h"
#include "analytics/stuck_report.h"
#include "analytics/trend_report.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace cairn::analytics {
namespace {

using Props = std::vector<std::pair<std::string, PropertyValue>>;

PropertyValue s(const char* t) { return PropertyValue(std::string(t)); }

struct Data {
  EventIndex index{stuck_report_property_keys()};
  void add(const char* user, std::int64_t t, const char* event, Props props = {}) {
    index.append(EventRow{user, t, event, std::move(props)});
  }
};

Props guide(const char* id, double step, const char* variant = "control") {
  return {{"guide_id", s(id)}, {"step_index", PropertyValue(step)}, {"variant", s(variant)}};
}

TEST_CASE("guide report: seen, steps, dismissals by reason, target missing, time on step") {
  Data d;
  // u1 sees g1, step 0 (10 ms), step 1, completes.
  d.add("u1", 0, "cairn_guide_seen", guide("g1", 0));
  d.add("u1", 0, "cairn_step_seen", guide("g1", 0));
  d.add("u1", 10, "cairn_step_completed", guide("g1", 0));
  d.add("u1", 10, "cairn_step_seen", guide("g1", 1));
  d.add("u1", 40, "cairn_step_completed", guide("g1", 1));
  d.add("u1", 40, "cairn_guide_completed", guide("g1", 1));
  // u2 sees step 0, its target goes missing, closes it after 100 ms.
  d.add("u2", 0, "cairn_guide_seen", guide("g1", 0));
  d.add("u2", 0, "cairn_step_seen", guide("g1", 0));
  d.add("u2", 50, "cairn_target_missing", guide("g1", 0));
  Props dismiss = guide("g1", 0);
  dismiss.emplace_back("reason", s("close_button"));
  d.add("u2", 100, "cairn_guide_dismissed", dismiss);
  std::string error;
  auto r = run_guide_report(d.index, GuideQuery{}, &error);
  REQUIRE(r);
  REQUIRE(r->guides.size() == 1);
  const GuideStats& g = r->guides[0];
  CHECK(g.guide_id == "g1");
  CHECK(g.seen_users == 2);
  CHECK(g.completed_users == 1);
  CHECK(g.dismissed_users_by_reason == std::map<std::string, std::uint64_t>{{"close_button", 1}});
  CHECK(g.target_missing_events == 1);
  REQUIRE(g.steps.size() == 2);
  CHECK(g.steps[0].seen_users == 2);
  CHECK(g.steps[0].completed_users == 1);
  CHECK(g.steps[0].dismissed_users == 1);
  CHECK(g.steps[0].target_missing_users == 1);
  CHECK(g.steps[0].median_ms_on_step == 10);   // {10, 100}: nearest-rank median 10.
  CHECK(g.steps[0].p90_ms_on_step == 100);
  CHECK(g.steps[0].median_ms_before_dismiss == 100);
  CHECK(g.steps[1].median_ms_on_step == 30);
  CHECK(g.completion_funnel == std::vector<std::uint64_t>{2, 1, 1});

  StuckQuery sq;
  auto stuck = run_stuck_report(d.index, sq, &error);
  REQUIRE(stuck);
  REQUIRE(stuck->steps_by_drop_off.size() == 2);
  CHECK(stuck->steps_by_drop_off[0].step_index == 0);
  CHECK(stuck->steps_by_drop_off[0].drop_off_rate == Approx(0.5));
  CHECK(stuck->steps_by_target_missing[0].target_missing_rate == Approx(0.5));
}

TEST_CASE("stuck steps rank by the rate's Wilson lower bound, not the rate alone") {
  Data d;
  // "tiny": 1 user saw step 0 and left (100%). "big": 100 users saw step 0 and
  // 40 left (40%). "half": 2 users, 1 left (50%). The 1-user 100% must not
  // outrank 40 of 100.
  // "Left" is closing the guide on the step (close button).
  auto closed = [](const char* id) {
    Props p = guide(id, 0);
    p.emplace_back("reason", s("close_button"));
    return p;
  };
  d.add("t1", 0, "cairn_step_seen", guide("tiny", 0));
  d.add("t1", 5, "cairn_target_missing", guide("tiny", 0));
  d.add("t1", 9, "cairn_guide_dismissed", closed("tiny"));
  for (int i = 0; i < 100; ++i) {
    const std::string u = "b" + std::to_string(i);
    d.add(u.c_str(), 0, "cairn_step_seen", guide("big", 0));
    if (i < 60) d.add(u.c_str(), 10, "cairn_step_completed", guide("big", 0));
    else d.add(u.c_str(), 10, "cairn_guide_dismissed", closed("big"));
    if (i < 30) d.add(u.c_str(), 5, "cairn_target_missing", guide("big", 0));
  }
  d.add("h1", 0, "cairn_step_seen", guide("half", 0));
  d.add("h2", 0, "cairn_step_seen", guide("half", 0));
  d.add("h1", 10, "cairn_step_completed", guide("half", 0));
  d.add("h2", 10, "cairn_guide_dismissed", closed("half"));
  std::string error;
  auto stuck = run_stuck_report(d.index, StuckQuery{}, &error);
  REQUIRE(stuck);
  std::vector<std::string> by_drop, by_missing;
  for (const StuckStep& s : stuck->steps_by_drop_off) by_drop.push_back(s.guide_id);
  for (const StuckStep& s : stuck->steps_by_target_missing) by_missing.push_back(s.guide_id);
  CHECK(by_drop == std::vector<std::string>{"big", "tiny", "half"});
  CHECK(by_missing == std::vector<std::string>{"big", "tiny", "half"});
  const StuckStep& big = stuck->steps_by_drop_off[0];
  CHECK(big.drop_off_rate == Approx(0.4));
  CHECK(big.drop_off_low == Approx(0.3094).epsilon(0.001));  // Wilson 95% for 40/100: [0.3094, 0.4980].
  const StuckStep& tiny = stuck->steps_by_drop_off[1];
  CHECK(tiny.drop_off_rate == Approx(1.0));
  CHECK(tiny.drop_off_low == Approx(0.2065).epsilon(0.001));
  CHECK(stuck->steps_by_target_missing[0].target_missing_low == Approx(0.2189).epsilon(0.001));  // 30/100.
  const boost::json::object json = write_stuck_report(*stuck);
  const boost::json::object& row = json.at("steps_by_drop_off").as_array()[0].as_object();
  CHECK(row.at("drop_off_rate_low").as_double() == Approx(0.3094).epsilon(0.001));
  CHECK(row.contains("target_missing_rate_low"));
}

TEST_CASE("stuck steps: given up means closed by the user and never completed, not merely not completed") {
  Data d;
  auto dismissed = [](const char* id, double step, const char* reason) {
    Props p = guide(id, step);
    p.emplace_back("reason", s(reason));
    return p;
  };
  // A checklist (one step) 10 users saw: 6 ticked a few items and left it on
  // screen, 2 ticked them all, 2 closed it.
  for (int i = 0; i < 10; ++i) {
    const std::string u = "c" + std::to_string(i);
    d.add(u.c_str(), 0, "cairn_step_seen", guide("checklist", 0));
    if (i >= 6 && i < 8) d.add(u.c_str(), 50, "cairn_step_completed", guide("checklist", 0));
    if (i >= 8) d.add(u.c_str(), 50, "cairn_guide_dismissed", dismissed("checklist", 0, "escape_key"));
  }
  // A hint 10 users saw (its beacon): none needed it, nobody closed it.
  for (int i = 0; i < 10; ++i) d.add(("h" + std::to_string(i)).c_str(), 0, "cairn_step_seen", guide("hint", 0));
  // A tour step 10 users saw: 3 closed it themselves, one of whom came back
  // and completed it; 2 had it taken over by another guide or closed by the
  // app; 1 lost its target; the rest completed it.
  for (int i = 0; i < 10; ++i) {
    const std::string u = "t" + std::to_string(i);
    d.add(u.c_str(), 0, "cairn_step_seen", guide("tour", 1));
    if (i == 0) d.add(u.c_str(), 10, "cairn_guide_dismissed", dismissed("tour", 1, "close_button"));
    if (i == 1) d.add(u.c_str(), 10, "cairn_guide_dismissed", dismissed("tour", 1, "skip_button"));
    if (i == 2) {
      d.add(u.c_str(), 10, "cairn_guide_dismissed", dismissed("tour", 1, "outside_click"));
      d.add(u.c_str(), 20, "cairn_step_seen", guide("tour", 1));
      d.add(u.c_str(), 30, "cairn_step_completed", guide("tour", 1));
    }
    if (i == 3) d.add(u.c_str(), 10, "cairn_guide_dismissed", dismissed("tour", 1, "superseded"));
    if (i == 4) d.add(u.c_str(), 10, "cairn_guide_dismissed", dismissed("tour", 1, "api"));
    if (i == 5) d.add(u.c_str(), 10, "cairn_guide_dismissed", dismissed("tour", 1, "target_missing"));
    if (i >= 6) d.add(u.c_str(), 10, "cairn_step_completed", guide("tour", 1));
  }
  std::string error;
  auto stuck = run_stuck_report(d.index, StuckQuery{}, &error);
  REQUIRE(stuck);
  std::map<std::string, StuckStep> by_guide;
  for (const StuckStep& s : stuck->steps_by_drop_off) by_guide[s.guide_id] = s;
  REQUIRE(by_guide.size() == 3);
  CHECK(by_guide["checklist"].gave_up_users == 2);
  CHECK(by_guide["checklist"].drop_off_rate == Approx(0.2));  // Not 0.8: 6 simply left items unticked.
  CHECK(by_guide["hint"].gave_up_users == 0);
  CHECK(by_guide["hint"].drop_off_rate == 0);  // Not 1: a hint nobody needed was not given up on.
  CHECK(by_guide["tour"].gave_up_users == 2);  // close_button, skip_button; not the one who came back.
  CHECK(by_guide["tour"].drop_off_rate == Approx(0.2));
  // Ranked by the lower bound: the tour and the checklist (2 of 10) above the hint.
  CHECK(stuck->steps_by_drop_off.back().guide_id == "hint");
  const boost::json::object json = write_stuck_report(*stuck);
  CHECK(json.at("steps_by_drop_off").as_array()[0].as_object().at("gave_up_users").to_number<std::int64_t>() == 2);
  // The guide report says the same per step.
  auto guides = run_guide_report(d.index, GuideQuery{}, &error);
  REQUIRE(guides);
  for (const GuideStats& g : guides->guides) {
    INFO(g.guide_id);
    CHECK(g.steps.at(0).gave_up_users == by_guide[g.guide_id].gave_up_users);
  }
  // And so does its JSON: a guide's page shows who gave up on each step.
  const boost::json::object guides_json = write_guide_report(*guides);
  for (const boost::json::value& g : guides_json.at("guides").as_array()) {
    const std::string id(g.at("guide_id").as_string());
    INFO(id);
    const boost::json::object& step = g.at("steps").as_array().at(0).as_object();
    REQUIRE(step.contains("gave_up_users"));
    CHECK(step.at("gave_up_users").to_number<std::int64_t>() == static_cast<std::int64_t>(by_guide[id].gave_up_users));
  }
}

TEST_CASE("stuck elements: top page path with its share and the element's descriptor summary") {
  Data d;
  // The click events as stored: `target` is the adapter's full descriptor.
  auto click = [&](const char* user, std::int64_t t, const char* event, const char* url, const char* target) {
    EventRow row{user, t, event, {}};
    const std::string json = std::string(R"({"selector":"button 'Save'","url":")") + url + R"(","target":)" + target + "}";
    decode_event_properties(json, d.index.property_keys(), &row);
    d.index.append(row);
  };
  const char* save = R"({"tag":"button","id":"save","classes":["btn"],"role":"button","name":"Save","text":"Save",)"
                     R"("rect":{"x":1,"y":2,"width":3,"height":4},"attributes":{"type":"submit","data-testid":"save-btn"},)"
                     R"("ancestors":[{"tag":"form","index":0}],"neighbors":["Cancel"]})";
  const char* moved = R"({"tag":"button","id":"save","role":"button","name":"Save","text":"Save",)"
                      R"("rect":{"x":9,"y":9,"width":3,"height":4},"attributes":{"data-testid":"save-btn"}})";
  click("u1", 10, "cairn_rage_click", "https://app.example/projects/new?step=2", save);
  click("u1", 20, "cairn_rage_click", "https://app.example/projects/new", moved);
  click("u2", 30, "cairn_dead_click", "https://app.example/projects/new#top", save);
  click("u2", 40, "cairn_dead_click", "https://app.example/settings", R"({"tag":"a","text":"Other"})");
  click("u3", 50, "cairn_rage_click", "https://app.example/projects/new", "7");  // Not a descriptor.
  d.add("u3", 60, "cairn_rage_click", {{"selector", s("button 'Save'")}});    // No url, no target.

  std::string error;
  auto r = run_stuck_report(d.index, StuckQuery{}, &error);
  REQUIRE(r);
  REQUIRE(r->elements.size() == 1);
  const ClickHotspot& e = r->elements[0];
  CHECK(e.rage_clicks == 4);
  CHECK(e.dead_clicks == 2);
  REQUIRE(e.top_path);
  CHECK(e.top_path->path == "/projects/new");
  CHECK(e.top_path->url == "https://app.example/projects/new");  // 2 clicks; the others 1 each.
  CHECK(e.top_path->clicks == 4);
  CHECK(e.top_path->share == Approx(0.8));  // 4 of the 5 clicks with a url.
  // Both descriptors of the button summarise alike (rect, classes, ancestors
  // dropped); the link's single click loses to them.
  CHECK(e.element == R"({"tag":"button","id":"save","role":"button","name":"Save","text":"Save",)"
                     R"("attributes":{"data-testid":"save-btn"}})");
  const boost::json::object json = write_stuck_report(*r);
  const boost::json::object& element = json.at("elements").as_array()[0].as_object();
  CHECK(element.at("element").as_object().at("attributes").as_object().at("data-testid").as_string() == "save-btn");
  CHECK(element.at("top_path").as_object().at("path").as_string() == "/projects/new");
  CHECK(json.at("pages").as_array()[0].as_object().if_contains("top_path") == nullptr);
}

TEST_CASE("stuck report: clicks on Cairn's own UI rank neither their page nor their element") {
  Data d;
  auto click = [&](const char* user, std::int64_t t, const char* event, const char* selector, const char* target) {
    EventRow row{user, t, event, {}};
    const std::string json = std::string(R"({"selector":")") + selector +
                             R"(","url":"https://app.example/settings","target":)" + target + "}";
    decode_event_properties(json, d.index.property_keys(), &row);
    d.index.append(row);
  };
  // A checklist item in our shadow root, as SDKs before the fix recorded it
  // (dead: its changes were in the shadow root), and the app's own button.
  const char* item = R"({"tag":"button","role":"button","name":"Create your first project",)"
                     R"("ancestors":[{"tag":"li","index":0},{"tag":"div","index":0,"classes":["r"]},{"tag":"cairn-ui","index":0}]})";
  const char* save = R"({"tag":"button","id":"save","name":"Save","ancestors":[{"tag":"form","index":0},{"tag":"body","index":0}]})";
  for (const char* user : {"u1", "u2", "u3"}) click(user, 10, "cairn_dead_click", "button 'Create your first project'", item);
  click("u1", 20, "cairn_rage_click", "button 'Create your first project'", item);
  click("u1", 30, "cairn_dead_click", "button 'Save'", save);

  CHECK(*element_summary(boost::json::parse(item)) ==
        R"({"tag":"button","role":"button","name":"Create your first project","cairn_ui":true})");
  CHECK(is_cairn_ui_summary(*element_summary(boost::json::parse(item))));
  CHECK_FALSE(is_cairn_ui_summary(*element_summary(boost::json::parse(save))));
  std::string error;
  auto r = run_stuck_report(d.index, StuckQuery{}, &error);
  REQUIRE(r);
  REQUIRE(r->elements.size() == 1);
  CHECK(r->elements[0].key == "button 'Save'");
  REQUIRE(r->pages.size() == 1);
  CHECK(r->pages[0].dead_clicks == 1);
  CHECK(r->pages[0].rage_clicks == 0);
}

TEST_CASE("stuck elements without urls or descriptors, and url paths") {
  Data d;
  d.add("u1", 0, "cairn_dead_click", {{"selector", s("div")}});
  std::string error;
  auto r = run_stuck_report(d.index, StuckQuery{}, &error);
  REQUIRE(r);
  REQUIRE(r->elements.size() == 1);
  CHECK_FALSE(r->elements[0].top_path);
  CHECK(r->elements[0].element.empty());
  const boost::json::object json = write_stuck_report(*r);
  const boost::json::object& element = json.at("elements").as_array()[0].as_object();
  CHECK(element.at("element").is_null());
  CHECK(element.at("top_path").is_null());

  CHECK(url_path("https://a.example") == "/");
  CHECK(url_path("https://a.example?x=1") == "/");
  CHECK(url_path("http://a.example:8080/p/q/?x=1#y") == "/p/q/");
  CHECK(url_path("/billing?tab=2") == "/billing");
  CHECK(url_path("") == "/");
}

TEST_CASE("element summary: identity fields only, cut on a UTF-8 boundary") {
  const std::string long_text = std::string(kMaxSummaryFieldBytes - 1, 'x') + "\u00e9";  // é straddles the cut.
  auto summary = element_summary(boost::json::parse(R"({"tag":"input","label":"Email","name":"",)"
                                                    R"("text":")" + long_text + R"(","attributes":{"name":"email"}})"));
  REQUIRE(summary);
  CHECK(*summary == R"({"tag":"input","text":")" + std::string(kMaxSummaryFieldBytes - 1, 'x') + R"(","label":"Email"})");
  CHECK_FALSE(element_summary(boost::json::parse(R"({"id":"x"})")));  // No tag.
  CHECK_FALSE(element_summary(boost::json::parse(R"("button 'Save'")")));
}

TEST_CASE("guide report: a holdout exposure is not a view; it is counted apart") {
  Data d;
  // Two users are shown the guide (one completes it, one dismisses it); three
  // held-out users only record their exposure, one of them twice.
  for (const char* u : {"s1", "s2"}) {
    d.add(u, 0, "cairn_guide_seen", guide("g", 0));
    d.add(u, 0, "cairn_step_seen", guide("g", 0));
  }
  d.add("s1", 10, "cairn_step_completed", guide("g", 0));
  d.add("s1", 10, "cairn_guide_completed", guide("g", 0));
  Props dismiss = guide("g", 0);
  dismiss.emplace_back("reason", s("close_button"));
  d.add("s2", 20, "cairn_guide_dismissed", dismiss);
  for (const char* u : {"h1", "h2", "h3"}) d.add(u, 0, "cairn_guide_seen", guide("g", 0, "holdout"));
  d.add("h1", 50, "cairn_guide_seen", guide("g", 0, "holdout"));
  std::string error;
  auto r = run_guide_report(d.index, GuideQuery{}, &error);
  REQUIRE(r);
  REQUIRE(r->guides.size() == 1);
  const GuideStats& g = r->guides[0];
  CHECK(g.seen_users == 2);  // Completion and dismissal rates are over 2, not 5: 50% each.
  CHECK(g.seen_events == 2);
  CHECK(g.holdout_users == 3);
  CHECK(g.completed_users == 1);
  CHECK(g.completion_funnel == std::vector<std::uint64_t>{2, 1});
  const boost::json::object json = write_guide_report(*r);
  const boost::json::object& written = json.at("guides").as_array()[0].as_object();
  CHECK(written.at("seen_users") == 2);
  CHECK(written.at("holdout_users") == 3);
}

TEST_CASE("guide impact: exposed vs holdout with Wilson and Newcomb intervals") {
  Data d;
  // 4 exposed users, 3 convert within the window; 4 holdout users, 1 converts.
  const char* exposed[] = {"e1", "e2", "e3", "e4"};
  const char* holdout[] = {"h1", "h2", "h3", "h4"};
  for (int i = 0; i < 4; ++i) {
    d.add(exposed[i], 0, "cairn_guide_seen", guide("g", 0, "treatment"));
    d.add(holdout[i], 0, "cairn_guide_seen", guide("g", 0, "holdout"));
  }
  for (int i = 0; i < 3; ++i) d.add(exposed[i], 1000, "buy");
  d.add("e4", 5000, "buy");  // After the window: not a conversion.
  d.add("h1", 10, "buy");
  GuideQuery q;
  q.guide_id = "g";
  q.goal = EventCondition{"buy", {}};
  q.goal_window_ms = 1000;
  std::string error;
  auto r = run_guide_report(d.index, q, &error);
  REQUIRE(r);
  REQUIRE(r->guides.size() == 1);
  const GuideImpact& impact = *r->guides[0].impact;
  CHECK(impact.comparable);
  CHECK(impact.exposed.converted == 3);
  CHECK(impact.holdout.converted == 1);
  CHECK(impact.difference == Approx(0.5));
  // Wilson 95% for 3/4: [0.3006, 0.9544]; for 1/4: [0.0456, 0.6994].
  CHECK(impact.exposed.low == Approx(0.3006).epsilon(0.001));
  CHECK(impact.exposed.high == Approx(0.9544).epsilon(0.001));
  CHECK(impact.holdout.low == Approx(0.0456).epsilon(0.01));
  // Newcomb: 0.5 -/+ sqrt((0.75-0.3006)^2 + (0.6994-0.25)^2), sqrt((0.9544-0.75)^2 + (0.25-0.0456)^2).
  CHECK(impact.low == Approx(0.5 - 0.6356).epsilon(0.01));
  CHECK(impact.high == Approx(0.5 + 0.2891).epsilon(0.01));
  q.guide_id = "unknown";
  CHECK(run_guide_report(d.index, q, &error)->guides.empty());
}

TEST_CASE("guide and stuck reports refuse an index without their columns") {
  EventIndex bare;
  std::string error;
  CHECK_FALSE(run_guide_report(bare, GuideQuery{}, &error));
  CHECK(error.find("guide_id") != std::string::npos);
  CHECK_FALSE(run_stuck_report(bare, StuckQuery{}, &error));
}

TEST_CASE("stuck report ranks pages and elements by rage and dead clicks") {
  Data d;
  d.add("u1", 0, "cairn_rage_click", {{"url", s("/billing")}, {"selector", s("Pay button")}});
  d.add("u1", 1, "cairn_rage_click", {{"url", s("/billing")}, {"selector", s("Pay button")}});
  d.add("u2", 2, "cairn_dead_click", {{"url", s("/billing")}, {"selector", s("Logo")}});
  d.add("u2", 3, "cairn_dead_click", {{"url", s("/")}});
  StuckQuery q;
  q.limit = 1;
  std::string error;
  auto r = run_stuck_report(d.index, q, &error);
  REQUIRE(r);
  REQUIRE(r->pages.size() == 1);
  CHECK(r->pages[0].key == "/billing");
  CHECK(r->pages[0].rage_clicks == 2);
  CHECK(r->pages[0].rage_users == 1);
  CHECK(r->pages[0].dead_clicks == 1);
  REQUIRE(r->elements.size() == 1);
  CHECK(r->elements[0].key == "Pay button");
  q.from_ms = 2;
  r = run_stuck_report(d.index, q, &error);
  CHECK(r->pages[0].rage_clicks == 0);
}

TEST_CASE("trends: events and users per bucket, time zone aligned, empty buckets kept") {
  Data d;
  const std::int64_t hour = 3600000;
  d.add("u1", 0, "$page");
  d.add("u1", 10, "$page");
  d.add("u2", hour + 5, "$page");
  d.add("u2", 2 * hour + 1, "other");
  TrendQuery q;
  q.series = {EventCondition{"$page", {}}};
  q.interval = TrendInterval::hour;
  q.from_ms = 0;
  q.to_ms = 3 * hour;
  REQUIRE(validate_trend_query(q).empty());
  std::string error;
  auto r = run_trend_report(d.index, q, &error);
  REQUIRE(r);
  const TrendSeries& series = r->series[0];
  REQUIRE(series.buckets.size() == 3);
  CHECK(series.buckets[0] == TrendBucket{0, 2, 1});
  CHECK(series.buckets[1] == TrendBucket{hour, 1, 1});
  CHECK(series.buckets[2] == TrendBucket{2 * hour, 0, 0});
  CHECK(series.events == 3);
  CHECK(series.users == 2);
  q.interval = TrendInterval::day;
  q.utc_offset_minutes = 60;  // Days start at 23:00 UTC.
  r = run_trend_report(d.index, q, &error);
  REQUIRE(r->series[0].buckets.size() == 1);
  CHECK(r->series[0].buckets[0].start_ms == -hour);
}

TEST_CASE("trend validation names every problem") {
  TrendQuery q;
  q.from_ms = 10;
  q.to_ms = 5;
  q.utc_offset_minutes = 900;
  const std::string all = validate_trend_query(q).summary();
  CHECK(all.find("/series:") != std::string::npos);
  CHECK(all.find("/to_ms:") != std::string::npos);
  CHECK(all.find("/utc_offset_minutes:") != std::string::npos);
  q = TrendQuery{{EventCondition{"x", {}}}, TrendInterval::hour, 0, 20000LL * 3600000, 0, {}, {}};
  CHECK(validate_trend_query(q).summary().find("limit is 10000") != std::string::npos);
}

}  // namespace
}  // namespace cairn::analytics
