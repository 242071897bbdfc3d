#include "rules/audience.h"

#include "guide/guide_codec.h"
#include "rules/bucket.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace cr = cairn::rules;
namespace cg = cairn::guide;
namespace bj = boost::json;

namespace {

// Audiences are written as the JSON authors write, through the real codec.
cg::Audience audience(std::string_view json_text) {
  cairn::json::Problems problems;
  std::optional<cg::Audience> a = cg::parse_audience(bj::parse(json_text), "", problems);
  INFO(problems.summary());
  REQUIRE(a);
  return *a;
}

bool matches(std::string_view json_text, const cr::EvaluationContext& context,
             std::string_view guide_id = "g") {
  return cr::audience_matches(audience(json_text), context, guide_id);
}

cr::EvaluationContext user_context() {
  cr::EvaluationContext c;
  c.user_id = "user-1";
  c.now_ms = 1'800'000'000'000;
  static const bj::object attributes = bj::parse(R"({
    "plan": "pro", "seats": 12, "ratio": 0.5, "beta": true, "tags": ["a", "b", 3],
    "email": "ann@acme.test", "signed_up": "2026-03-01", "nothing": null,
    "company": {"size": 40, "name": "Acme"}, "company.size": 7, "count_str": "5"
  })").as_object();
  c.attributes = &attributes;
  return c;
}

const bj::value kFive(5);

}  // namespace

TEST_CASE("eq and neq without type coercion") {
  cr::EvaluationContext c = user_context();
  CHECK(matches(R"({"attribute": "plan", "op": "eq", "value": "pro"})", c));
  CHECK_FALSE(matches(R"({"attribute": "plan", "op": "eq", "value": "Pro"})", c));
  CHECK(matches(R"({"attribute": "seats", "op": "eq", "value": 12})", c));
  CHECK(matches(R"({"attribute": "seats", "op": "eq", "value": 12.0})", c));
  CHECK(matches(R"({"attribute": "beta", "op": "eq", "value": true})", c));
  CHECK_FALSE(matches(R"({"attribute": "count_str", "op": "eq", "value": 5})", c));
  CHECK(matches(R"({"attribute": "count_str", "op": "neq", "value": 5})", c));
  CHECK_FALSE(matches(R"({"attribute": "seats", "op": "eq", "value": "12"})", c));
  CHECK(matches(R"({"attribute": "plan", "op": "neq", "value": "free"})", c));
  CHECK_FALSE(matches(R"({"attribute": "plan", "op": "neq", "value": "pro"})", c));
}

TEST_CASE("missing and null attributes fail every operator except through not") {
  cr::EvaluationContext c = user_context();
  for (const char* op : {"eq", "neq", "contains", "starts_with", "gt", "lt"}) {
    std::string json_text = std::string(R"({"attribute": "absent", "op": ")") + op + R"(", "value": "x"})";
    CHECK_FALSE(matches(json_text, c));
    std::string null_text = std::string(R"({"attribute": "nothing", "op": ")") + op + R"(", "value": "x"})";
    CHECK_FALSE(matches(null_text, c));
  }
  CHECK_FALSE(matches(R"({"attribute": "absent", "op": "in", "value": ["x"]})", c));
  CHECK_FALSE(matches(R"({"attribute": "absent", "op": "exists"})", c));
  CHECK_FALSE(matches(R"({"attribute": "nothing", "op": "exists"})", c));
  CHECK(matches(R"({"attribute": "plan", "op": "exists"})", c));
  CHECK(matches(R"({"not": {"attribute": "absent", "op": "exists"}})", c));
  CHECK(matches(R"({"not": {"attribute": "absent", "op": "eq", "value": "x"}})", c));
}

TEST_CASE("in, contains and starts_with") {
  cr::EvaluationContext c = user_context();
  CHECK(matches(R"({"attribute": "plan", "op": "in", "value": ["team", "pro"]})", c));
  CHECK_FALSE(matches(R"({"attribute": "plan", "op": "in", "value": ["team", "free"]})", c));
  CHECK(matches(R"({"attribute": "seats", "op": "in", "value": [1, 12.0]})", c));
  CHECK_FALSE(matches(R"({"attribute": "seats", "op": "in", "value": ["12"]})", c));
  CHECK(matches(R"({"attribute": "email", "op": "contains", "value": "@acme"})", c));
  CHECK_FALSE(matches(R"({"attribute": "email", "op": "contains", "value": "@other"})", c));
  CHECK(matches(R"({"attribute": "tags", "op": "contains", "value": "b"})", c));
  CHECK(matches(R"({"attribute": "tags", "op": "contains", "value": 3})", c));
  CHECK_FALSE(matches(R"({"attribute": "tags", "op": "contains", "value": "c"})", c));
  CHECK_FALSE(matches(R"({"attribute": "seats", "op": "contains", "value": "1"})", c));
  CHECK_FALSE(matches(R"({"attribute": "email", "op": "contains", "value": 1})", c));
  CHECK(matches(R"({"attribute": "email", "op": "starts_with", "value": "ann@"})", c));
  CHECK_FALSE(matches(R"({"attribute": "email", "op": "starts_with", "value": "acme"})", c));
  CHECK_FALSE(matches(R"({"attribute": "seats", "op": "starts_with", "value": "1"})", c));
}

TEST_CASE("gt and lt compare numbers numerically and strings bytewise, never a mix") {
  cr::EvaluationContext c = user_context();
  CHECK(matches(R"({"attribute": "seats", "op": "gt", "value": 11})", c));
  CHECK_FALSE(matches(R"({"attribute": "seats", "op": "gt", "value": 12})", c));
  CHECK(matches(R"({"attribute": "seats", "op": "lt", "value": 12.5})", c));
  CHECK(matches(R"({"attribute": "ratio", "op": "lt", "value": 1})", c));
  CHECK_FALSE(matches(R"({"attribute": "seats", "op": "lt", "value": 12})", c));
  CHECK(matches(R"({"attribute": "signed_up", "op": "gt", "value": "2026-01-01"})", c));
  CHECK_FALSE(matches(R"({"attribute": "signed_up", "op": "lt", "value": "2026-01-01"})", c));
  CHECK_FALSE(matches(R"({"attribute": "count_str", "op": "gt", "value": 1})", c));
  CHECK_FALSE(matches(R"({"attribute": "count_str", "op": "lt", "value": 10})", c));
  CHECK_FALSE(matches(R"({"attribute": "seats", "op": "gt", "value": "1"})", c));
  CHECK_FALSE(matches(R"({"attribute": "beta", "op": "gt", "value": 0})", c));
}

TEST_CASE("large integers compare exactly") {
  bj::value big = bj::parse("9007199254740993");   // 2^53 + 1: not a double
  bj::value near = bj::parse("9007199254740992");
  CHECK(cr::attribute_matches(&big, cg::AttributeOp::gt, near));
  CHECK_FALSE(cr::attribute_matches(&big, cg::AttributeOp::eq, near));
  CHECK_FALSE(cr::attribute_matches(nullptr, cg::AttributeOp::exists, kFive));
}

TEST_CASE("attribute names: exact first, then a dotted path into objects") {
  cr::EvaluationContext c = user_context();
  CHECK(matches(R"({"attribute": "company.size", "op": "eq", "value": 7})", c));  // exact key wins
  CHECK(matches(R"({"attribute": "company.name", "op": "eq", "value": "Acme"})", c));
  CHECK_FALSE(matches(R"({"attribute": "company.name.first", "op": "exists"})", c));
  CHECK_FALSE(matches(R"({"attribute": "plan.x", "op": "exists"})", c));
  CHECK_FALSE(matches(R"({"attribute": "company.", "op": "exists"})", c));
  CHECK(cr::find_attribute(*c.attributes, "company")->is_object());
}

TEST_CASE("boolean nesting: all, any, not") {
  cr::EvaluationContext c = user_context();
  CHECK(matches(R"({"all": []})", c));
  CHECK_FALSE(matches(R"({"any": []})", c));
  CHECK(matches(R"({"all": [{"attribute": "plan", "op": "eq", "value": "pro"},
                          {"any": [{"attribute": "seats", "op": "gt", "value": 100},
                                   {"not": {"attribute": "beta", "op": "eq", "value": false}}]}]})", c));
  CHECK_FALSE(matches(R"({"all": [{"attribute": "plan", "op": "eq", "value": "pro"},
                                {"any": [{"attribute": "seats", "op": "gt", "value": 100},
                                         {"not": {"attribute": "beta", "op": "eq", "value": true}}]}]})", c));
  CHECK(matches(R"({"not": {"not": {"attribute": "plan", "op": "exists"}}})", c));
  // A negate node built in code without its child is false, never a crash.
  cg::Audience broken;
  broken.kind = cg::AudienceKind::negate;
  CHECK_FALSE(cr::audience_matches(broken, c, "g"));
}

TEST_CASE("a tree built in code deeper than the limit evaluates to false, not a crash") {
  cg::Audience node;
  node.kind = cg::AudienceKind::all;
  for (int i = 0; i < 100; ++i) {
    cg::Audience parent;
    parent.kind = cg::AudienceKind::all;
    parent.children.push_back(std::move(node));
    node = std::move(parent);
  }
  CHECK_FALSE(cr::audience_matches(node, user_context(), "g"));
}

TEST_CASE("event counts in a window, both ends inclusive") {
  cr::EvaluationContext c = user_context();
  cr::EventLog log;
  const std::int64_t week = 7LL * 24 * 3600 * 1000;
  log.add("export_clicked", c.now_ms - week);      // exactly at the window's start
  log.add("export_clicked", c.now_ms - week - 1);  // just outside
  log.add("export_clicked", c.now_ms - 10);
  log.add("export_clicked", c.now_ms);             // exactly now
  log.add("export_clicked", c.now_ms + 1);         // the future is not counted
  c.events = &log;
  CHECK(matches(R"({"event": "export_clicked", "at_least": 3, "within_ms": 604800000})", c));
  CHECK_FALSE(matches(R"({"event": "export_clicked", "at_least": 4, "within_ms": 604800000})", c));
  CHECK(matches(R"({"event": "export_clicked", "at_least": 4})", c));  // no window: all past events
  CHECK(matches(R"({"event": "export_clicked", "at_least": 2, "within_ms": 10})", c));
  CHECK_FALSE(matches(R"({"event": "export_clicked", "at_least": 0, "at_most": 2, "within_ms": 604800000})", c));
  CHECK(matches(R"({"event": "export_clicked", "at_least": 0, "at_most": 3, "within_ms": 604800000})", c));
  CHECK(matches(R"({"event": "never_done", "at_least": 0, "at_most": 0})", c));
  CHECK_FALSE(matches(R"({"event": "never_done"})", c));  // at_least defaults to 1
  c.events = nullptr;
  CHECK_FALSE(matches(R"({"event": "export_clicked"})", c));
  CHECK(matches(R"({"event": "export_clicked", "at_least": 0})", c));
}

TEST_CASE("guide history predicates") {
  cr::EvaluationContext c = user_context();
  cr::GuideHistory history;
  cr::note_seen(history.guides["tour"], "s1", 1);
  cr::note_seen(history.guides["done"], "s1", 1);
  cr::note_completed(history.guides["done"], 2);
  cr::note_dismissed(history.guides["nope"], 3);
  c.history = &history;
  CHECK(matches(R"({"guide": "tour", "history": "seen"})", c));
  CHECK_FALSE(matches(R"({"guide": "tour", "history": "completed"})", c));
  CHECK(matches(R"({"guide": "done", "history": "completed"})", c));
  CHECK(matches(R"({"guide": "nope", "history": "dismissed"})", c));
  CHECK_FALSE(matches(R"({"guide": "other", "history": "seen"})", c));
  CHECK(matches(R"({"not": {"guide": "other", "history": "seen"}})", c));
  // Held out of an experiment: started for the caps, never shown.
  cr::note_seen(history.guides["held"], "s1", 4, true);
  CHECK_FALSE(matches(R"({"guide": "held", "history": "seen"})", c));
  CHECK(matches(R"({"not": {"guide": "held", "history": "seen"}})", c));
  cr::note_seen(history.guides["held"], "s2", 5);  // shown later (another variant)
  CHECK(matches(R"({"guide": "held", "history": "seen"})", c));
  c.history = nullptr;
  CHECK_FALSE(matches(R"({"guide": "tour", "history": "seen"})", c));
}

TEST_CASE("guide running predicate: the session's runs now, whatever the history") {
  cr::EvaluationContext c;
  cr::GuideHistory history;
  cr::note_seen(history.guides["tour"], "s1", 1);
  cr::note_dismissed(history.guides["tour"], 2);  // dismissed, then started again
  c.history = &history;
  const std::vector<std::string> running = {"checklist", "tour"};
  CHECK_FALSE(matches(R"({"guide": "tour", "history": "running"})", c));  // no list: nothing runs
  c.running = &running;
  CHECK(matches(R"({"guide": "tour", "history": "running"})", c));
  CHECK(matches(R"({"guide": "tour", "history": "dismissed"})", c));
  CHECK_FALSE(matches(R"({"not": {"guide": "tour", "history": "running"}})", c));
  CHECK_FALSE(matches(R"({"guide": "hint", "history": "running"})", c));
  c.history = nullptr;  // never seen, yet running (its first step still waits for its page)
  CHECK(matches(R"({"guide": "tour", "history": "running"})", c));
}

TEST_CASE("rollout predicates use the guide id or the salt as seed") {
  cr::EvaluationContext c = user_context();
  std::uint32_t by_guide = cr::bucket(c.user_id, "guide-a");
  std::uint32_t by_salt = cr::bucket(c.user_id, "pool");
  cg::Audience rollout;
  rollout.kind = cg::AudienceKind::rollout;
  rollout.percent = (by_guide + 1) / 100.0;
  CHECK(cr::audience_matches(rollout, c, "guide-a"));
  rollout.percent = by_guide / 100.0;
  CHECK_FALSE(cr::audience_matches(rollout, c, "guide-a"));
  rollout.salt = "pool";
  rollout.percent = (by_salt + 1) / 100.0;
  CHECK(cr::audience_matches(rollout, c, "any-guide"));
  CHECK(matches(R"({"rollout": 100})", c));
  CHECK_FALSE(matches(R"({"rollout": 0})", c));
  c.user_id.clear();
  CHECK_FALSE(matches(R"({"rollout": 50})", c));
}
