#include "rules/eligibility.h"

#include "guide/guide_codec.h"

#include <catch2/catch.hpp>

namespace cr = cairn::rules;
namespace cg = cairn::guide;

namespace {

constexpr std::int64_t kHour = 3600 * 1000;

cg::Guide published_guide() {
  cg::GuideParseResult r = cg::parse_guide(R"({
    "schema": 1, "id": "g", "name": "G", "status": "published",
    "trigger": {"kind": "page_load"},
    "steps": [{"id": "s", "kind": "modal", "content": {"en": {"title": "T"}}}]})");
  REQUIRE(r.ok());
  return *r.guide;
}

}  // namespace

TEST_CASE("schedule: start inclusive, end exclusive, open bounds") {
  cg::Schedule s;
  CHECK(cr::schedule_allows(s, 0));
  s.start_ms = 1000;
  CHECK_FALSE(cr::schedule_allows(s, 999));
  CHECK(cr::schedule_allows(s, 1000));
  s.end_ms = 2000;
  CHECK(cr::schedule_allows(s, 1999));
  CHECK_FALSE(cr::schedule_allows(s, 2000));
  s.start_ms.reset();
  CHECK(cr::schedule_allows(s, -5));
}

TEST_CASE("frequency once, until_completed and every_session") {
  cg::Frequency f;
  cr::GuideRecord record;
  f.kind = cg::FrequencyKind::once;
  CHECK(cr::frequency_allows(f, nullptr, "s1", 0));
  CHECK(cr::frequency_allows(f, &record, "s1", 0));
  cr::note_seen(record, "s1", 10);
  CHECK_FALSE(cr::frequency_allows(f, &record, "s2", 20));

  f.kind = cg::FrequencyKind::every_session;
  CHECK_FALSE(cr::frequency_allows(f, &record, "s1", 20));
  CHECK(cr::frequency_allows(f, &record, "s2", 20));
  CHECK(cr::frequency_allows(f, &record, "", 20));  // no session id: never "this session"

  f.kind = cg::FrequencyKind::until_completed;
  CHECK_FALSE(cr::frequency_allows(f, &record, "s1", 20));
  CHECK(cr::frequency_allows(f, &record, "s2", 20));
  cr::note_completed(record, 30);
  CHECK_FALSE(cr::frequency_allows(f, &record, "s3", 40));
}

TEST_CASE("frequency at_most N per window, window edges inclusive") {
  cg::Frequency f;
  f.kind = cg::FrequencyKind::at_most;
  f.times = 2;
  f.window_ms = 24 * kHour;
  cr::GuideRecord record;
  const std::int64_t now = 100 * 24 * kHour;
  cr::note_seen(record, "a", now - 24 * kHour);  // exactly at the window's start: counts
  CHECK(cr::frequency_allows(f, &record, "x", now));
  cr::note_seen(record, "b", now - kHour);
  CHECK_FALSE(cr::frequency_allows(f, &record, "x", now));
  CHECK(cr::frequency_allows(f, &record, "x", now + 1));  // the first start left the window
  f.window_ms.reset();  // no window: two starts ever
  CHECK_FALSE(cr::frequency_allows(f, &record, "x", now + 1000 * kHour));
  f.times = 3;
  CHECK(cr::frequency_allows(f, &record, "x", now));
}

TEST_CASE("guide records keep a bounded, sorted list of recent starts") {
  cr::GuideRecord record;
  for (int i = 0; i < 150; ++i) cr::note_seen(record, "s", 1000 - i);  // out of order
  CHECK(record.seen_count == 150);
  CHECK(record.recent_starts_ms.size() == cr::GuideRecord::kMaxRecentStarts);
  CHECK(std::is_sorted(record.recent_starts_ms.begin(), record.recent_starts_ms.end()));
  CHECK(record.recent_starts_ms.back() == 1000);
  CHECK(record.last_seen_ms == 1000 - 149);  // the latest call, not the latest time
}

TEST_CASE("eligibility checks status, environment, schedule, frequency, audience, holdout in order") {
  cg::Guide guide = published_guide();
  cr::EvaluationContext c;
  c.user_id = "u1";
  c.session_id = "s1";
  c.now_ms = 5000;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::eligible);

  guide.status = cg::GuideStatus::draft;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::not_published);
  guide.status = cg::GuideStatus::archived;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::not_published);
  guide.status = cg::GuideStatus::scheduled;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::eligible);

  guide.environments = {cg::Environment::staging};
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::wrong_environment);
  c.environment = cg::Environment::staging;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::eligible);

  guide.schedule.start_ms = 6000;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::outside_schedule);
  c.now_ms = 6000;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::eligible);

  cr::GuideHistory history;
  cr::note_seen(history.guides["g"], "old", 1);
  c.history = &history;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::frequency_capped);
  guide.frequency.kind = cg::FrequencyKind::every_session;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::eligible);

  cg::Audience pro;
  pro.kind = cg::AudienceKind::attribute;
  pro.attribute = "plan";
  pro.op = cg::AttributeOp::eq;
  pro.value = "pro";
  guide.audience = pro;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::audience_mismatch);
  boost::json::object attributes;
  attributes["plan"] = "pro";
  c.attributes = &attributes;
  cr::Eligibility e = cr::check_eligibility(guide, c);
  CHECK(e.verdict == cr::Verdict::eligible);
  CHECK_FALSE(e.assignment);

  cg::Experiment experiment;
  experiment.variants = {cg::Variant{"a", 1, {}}, cg::Variant{"b", 1, {}}};
  experiment.holdout_percent = 50;
  guide.experiment = experiment;
  int holdouts = 0;
  for (int i = 0; i < 1000; ++i) {
    c.user_id = "user-";
    c.user_id += std::to_string(i);
    cr::Eligibility result = cr::check_eligibility(guide, c);
    REQUIRE(result.assignment);
    CHECK(result.assignment->holdout == (result.verdict == cr::Verdict::holdout));
    CHECK(*result.assignment == cr::assign_variant(experiment, "g", c.user_id));
    if (result.verdict == cr::Verdict::holdout) ++holdouts;
  }
  CHECK(holdouts > 430);
  CHECK(holdouts < 570);
  // No user id: no variant to assign, and not the holdout either.
  c.user_id.clear();
  cr::Eligibility unknown = cr::check_eligibility(guide, c);
  CHECK(unknown.verdict == cr::Verdict::unknown_user);
  CHECK_FALSE(unknown.assignment);
  guide.experiment.reset();
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::eligible);
}

TEST_CASE("a launch overrides schedule, frequency and audience, not status, environment or experiment") {
  cg::Guide guide = published_guide();
  guide.schedule.end_ms = 1000;
  cg::Audience nobody;
  nobody.kind = cg::AudienceKind::attribute;
  nobody.attribute = "plan";
  nobody.op = cg::AttributeOp::exists;
  guide.audience = nobody;
  cr::GuideHistory history;
  cr::note_seen(history.guides["g"], "old", 1);  // the once-only cap is spent
  cr::EvaluationContext c;
  c.user_id = "u1";
  c.now_ms = 5000;
  c.history = &history;
  CHECK(cr::check_eligibility(guide, c).verdict == cr::Verdict::outside_schedule);
  CHECK(cr::check_eligibility(guide, c, cr::Start::launched).verdict == cr::Verdict::eligible);

  cg::Experiment experiment;
  experiment.variants = {cg::Variant{"a", 1, {}}, cg::Variant{"b", 1, {}}};
  guide.experiment = experiment;
  const cr::Eligibility launched = cr::check_eligibility(guide, c, cr::Start::launched);
  CHECK(launched.verdict == cr::Verdict::eligible);
  REQUIRE(launched.assignment);
  CHECK(*launched.assignment == cr::assign_variant(experiment, "g", "u1"));
  guide.experiment->holdout_percent = 99.99;
  c.user_id = "held";  // in the holdout: a launch shows nothing
  REQUIRE(cr::assign_variant(*guide.experiment, "g", c.user_id).holdout);
  CHECK(cr::check_eligibility(guide, c, cr::Start::launched).verdict == cr::Verdict::holdout);
  c.user_id.clear();
  CHECK(cr::check_eligibility(guide, c, cr::Start::launched).verdict == cr::Verdict::unknown_user);

  c.user_id = "u1";
  guide.environments = {cg::Environment::staging};
  CHECK(cr::check_eligibility(guide, c, cr::Start::launched).verdict == cr::Verdict::wrong_environment);
  guide.status = cg::GuideStatus::draft;
  CHECK(cr::check_eligibility(guide, c, cr::Start::launched).verdict == cr::Verdict::not_published);
}

TEST_CASE("verdicts have stable names") {
  CHECK(cr::verdict_name(cr::Verdict::eligible) == "eligible");
  CHECK(cr::verdict_name(cr::Verdict::not_published) == "not_published");
  CHECK(cr::verdict_name(cr::Verdict::wrong_environment) == "wrong_environment");
  CHECK(cr::verdict_name(cr::Verdict::outside_schedule) == "outside_schedule");
  CHECK(cr::verdict_name(cr::Verdict::frequency_capped) == "frequency_capped");
  CHECK(cr::verdict_name(cr::Verdict::audience_mismatch) == "audience_mismatch");
  CHECK(cr::verdict_name(cr::Verdict::holdout) == "holdout");
  CHECK(cr::verdict_name(cr::Verdict::unknown_user) == "unknown_user");
}
