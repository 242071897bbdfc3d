// The query codecs: round trips and every rejection path with its pointer.
#include "analytics/funnel_json.h"
#include "analytics/report_json.h"
#include "json/reader.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

namespace cairn::analytics {
namespace {

std::string problems_of_funnel(const char* text) {
  json::Problems p;
  CHECK_FALSE(parse_funnel_query(text, p));
  return p.summary();
}

TEST_CASE("funnel query JSON round trip") {
  const char* text = R"({"steps":[{"event":"a"},{"event":"b","filters":[
      {"property":"plan","op":"in","values":["pro",3,true]},{"property":"url","op":"contains","value":"/x"}]}],
      "window_ms":1000,"order":"strict","count":"unique_users",
      "exclusions":[{"event":"x","filters":[{"property":"p","op":"neq","value":1}],"after_step":1}],
      "from_ms":5,"to_ms":50,"breakdown":{"property":"plan","limit":3},"dropped":{"step":1,"offset":2,"limit":5}})";
  json::Problems p;
  std::optional<FunnelQuery> q = parse_funnel_query(text, p);
  INFO(p.summary());
  REQUIRE(q);
  CHECK(q->order == FunnelOrder::strict);
  CHECK(q->steps[1].filters[0].values[2] == PropertyValue(std::string("true")));
  CHECK(q->dropped_at_step == 1u);
  const std::string written = boost::json::serialize(write_funnel_query(*q));
  std::optional<FunnelQuery> again = parse_funnel_query(written, p);
  REQUIRE(again);
  CHECK(*again == *q);
}

TEST_CASE("funnel query JSON: every problem with its pointer") {
  const std::string all = problems_of_funnel(R"({"steps":[{"event":"a"},{},{"event":"c","filters":[
      {"property":"p","op":"like","value":1},{"op":"in","values":[]},{"property":"q","op":"contains","value":2},
      {"property":"r","op":"eq","value":{}}]}],
      "window_ms":-1,"order":"sideways","exclusions":[{"after_step":0}],"breakdown":{"limit":500},
      "dropped":{"step":"x"},"extra":1})");
  for (const char* expected :
       {"/steps/1/event: required", "/steps/2/filters/0/op: unknown value", "/steps/2/filters/1/property: required",
        "/steps/2/filters/1/values: must have at least one value", "/steps/2/filters/2/value: must be a string for op contains",
        "/steps/2/filters/3/value: must be a string, a number or a boolean", "/window_ms: must be between",
        "/order: unknown value", "/exclusions/0/event: required", "/exclusions/0/after_step: must be between",
        "/breakdown/property: required", "/breakdown/limit: must be between", "/dropped/step: must be an integer",
        "/extra: unknown field"}) {
    INFO(all);
    CHECK(all.find(expected) != std::string::npos);
  }
  CHECK(problems_of_funnel(R"({"steps":[{"event":"a"}]})") == "/steps: must have between 2 and 20 steps");
  CHECK(problems_of_funnel(R"({"steps":[{"event":"a"},{"event":"b"}],"order":"any","exclusions":[{"event":"x","after_step":1}]})")
            .find("/exclusions: not supported") != std::string::npos);
  CHECK(problems_of_funnel(R"({"steps":[{"event":"a"},{"event":"b"}],"from_ms":9,"to_ms":3})") ==
        "/to_ms: must be after from_ms");
  CHECK(problems_of_funnel("[1]") == "(document): must be an object");
  CHECK_FALSE(problems_of_funnel("{").empty());
  CHECK(problems_of_funnel(R"({"steps":[{"event":"a"},{"event":"b"}],"count":"totals","dropped":{"step":1}})") ==
        "/dropped: only with count \"unique_users\"");
}

// Whatever ingest stores can be asked for: a 256-byte event name (the longest
// a track event may have) and a long property key were refused over 200 bytes.
TEST_CASE("funnel query JSON: names and keys as long as ingest accepts") {
  const std::string name(256, 'e'), key(300, 'k');
  const std::string text = R"({"steps":[{"event":")" + name + R"(","filters":[{"property":")" + key +
                           R"(","op":"eq","value":1}]},{"event":"b"}],"breakdown":{"property":")" + key + R"("}})";
  json::Problems p;
  std::optional<FunnelQuery> q = parse_funnel_query(text, p);
  INFO(p.summary());
  REQUIRE(q);
  CHECK(q->steps[0].event == name);
  CHECK(q->steps[0].filters[0].property == key);
  CHECK(problems_of_funnel((R"({"steps":[{"event":")" + std::string(257, 'e') + R"("},{"event":"b"}]})").c_str()) ==
        "/steps/0/event: is 257 bytes; the limit is 256");
}

TEST_CASE("funnel result JSON carries steps, breakdown and the dropped page") {
  FunnelQuery q;
  q.steps = {EventCondition{"a", {}}, EventCondition{"b", {}}};
  q.breakdown = FunnelBreakdown{"plan", 1};
  q.dropped_at_step = 1;
  FunnelResult r;
  r.steps.resize(2);
  r.steps[0].entered = 2;
  r.steps[1].median_ms_to_convert = 5;
  FunnelSeries other;
  other.is_other = true;
  r.breakdown.push_back(other);
  r.dropped_users = {"u"};
  r.dropped_users_total = 1;
  const boost::json::object o = write_funnel_result(r, q);
  CHECK(boost::json::serialize(o.at("steps").at(0).at("event")) == "\"a\"");
  CHECK(o.at("steps").at(0).at("median_ms_to_convert").is_null());
  CHECK(o.at("steps").at(1).at("median_ms_to_convert").as_int64() == 5);
  CHECK(o.at("breakdown").at(0).at("other").as_bool());
  CHECK(o.at("dropped").at("users").at(0).as_string() == "u");
}

TEST_CASE("report query codecs") {
  json::Problems p;
  auto g = read_guide_query(boost::json::parse(R"({"guide_id":"g","goal":{"event":"buy"},"goal_window_ms":10})"), p);
  REQUIRE(g);
  CHECK(g->goal->event == "buy");
  p = {};
  CHECK_FALSE(read_guide_query(boost::json::parse(R"({"guide_id":"","goal":{},"from_ms":5,"to_ms":1,"x":1})"), p));
  const std::string gs = p.summary();
  for (const char* e : {"/guide_id:", "/goal/event: required", "/to_ms: must be after", "/x: unknown field"}) {
    CHECK(gs.find(e) != std::string::npos);
  }
  p = {};
  CHECK(read_stuck_query(boost::json::parse(R"({"limit":5})"), p)->limit == 5);
  CHECK_FALSE(read_stuck_query(boost::json::parse(R"({"limit":0})"), p));
  CHECK(p.summary().find("/limit:") == 0);
  p = {};
  auto t = read_trend_query(
      boost::json::parse(R"({"series":[{"event":"$page"}],"interval":"hour","from_ms":0,"to_ms":7200000,"utc_offset_minutes":-300})"), p);
  REQUIRE(t);
  CHECK(t->interval == TrendInterval::hour);
  p = {};
  CHECK_FALSE(read_trend_query(boost::json::parse(R"({"series":[],"interval":"week"})"), p));
  const std::string ts = p.summary();
  for (const char* e : {"/interval: unknown value", "/from_ms: required", "/to_ms: required"}) {
    CHECK(ts.find(e) != std::string::npos);
  }
  p = {};
  CHECK_FALSE(read_trend_query(boost::json::parse(R"({"series":[],"from_ms":0,"to_ms":1})"), p));
  CHECK(p.summary() == "/series: must have between 1 and 10 series");
}

}  // namespace
}  // namespace cairn::analytics
