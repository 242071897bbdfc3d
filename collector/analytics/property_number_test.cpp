// Numbers in properties and queries: integers exact (ids beyond 2^53 stay
// distinct), one form per value whatever the JSON spelling, exact order.
#include "analytics/event_row.h"
#include "analytics/funnel_engine.h"
#include "analytics/funnel_json.h"

#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

namespace cairn::analytics {
namespace {

TEST_CASE("property numbers: one form per value, exact integers, exact order") {
  CHECK(PropertyNumber(3.0) == PropertyNumber(3));
  CHECK(PropertyNumber(-0.0) == PropertyNumber(0));
  CHECK(PropertyNumber(3.0).is_integer());
  CHECK_FALSE(PropertyNumber(3.5).is_integer());
  CHECK_FALSE(PropertyNumber(1e21).is_integer());  // Beyond int64: a double.
  CHECK(PropertyNumber(std::int64_t{1234567890123456789}) != PropertyNumber(std::int64_t{1234567890123456788}));
  CHECK(PropertyNumber(std::uint64_t{18446744073709551615u}) == PropertyNumber(18446744073709551615.0));
  // Integer against double, where a double comparison would say "equal".
  CHECK(PropertyNumber(9007199254740992.0) < PropertyNumber(std::int64_t{9007199254740993}));
  CHECK_FALSE(PropertyNumber(std::int64_t{9007199254740993}) < PropertyNumber(9007199254740992.0));
  CHECK(PropertyNumber(std::int64_t{INT64_MAX}) < PropertyNumber(9223372036854775808.0 * 2));
  CHECK(PropertyNumber(-1e300) < PropertyNumber(std::int64_t{INT64_MIN}));
  CHECK(PropertyNumber(0) < PropertyNumber(0.5));
  CHECK(PropertyNumber(0.5) < PropertyNumber(1));
  CHECK(PropertyNumber(-0.5) < PropertyNumber(0));
  CHECK_FALSE(PropertyNumber(2) < PropertyNumber(2.0));
}

// Two accounts whose ids differ only past a double's 53 bits: filters and
// breakdowns must keep them apart (before, both read back as the double
// 1234567890123456768: one series, and a filter on either id matched both).
TEST_CASE("property numbers: 64-bit ids stay distinct from the stored JSON to the answer") {
  EventIndex index({"account"});
  const std::vector<std::string> keys{"account"};
  const char* stored[] = {R"({"account":1234567890123456789})", R"({"account":1234567890123456788})",
                          R"({"account":3.0})", R"({"account":3})"};
  for (int i = 0; i < 4; ++i) {
    EventRow row{"u" + std::to_string(i), 10, "signup", {}};
    decode_event_properties(stored[i], keys, &row);
    REQUIRE(row.properties.size() == 1);
    index.append(row);
  }
  json::Problems problems;
  std::optional<FunnelQuery> q = parse_funnel_query(
      R"({"steps":[{"event":"signup","filters":[{"property":"account","op":"eq","value":1234567890123456789}]},
                   {"event":"paid"}],
          "breakdown":{"property":"account","limit":10},"dropped":{"step":1}})",
      problems);
  INFO(problems.summary());
  REQUIRE(q);
  std::string error;
  std::optional<FunnelResult> r = run_funnel(index, *q, ParallelOptions{1}, &error);
  REQUIRE(r);
  CHECK(r->steps[0].entered == 1);
  CHECK(r->dropped_users == std::vector<std::string>{"u0"});
  // Every user, broken down: 3 and 3.0 are one series, the two ids two.
  q->steps[0].filters.clear();
  q->dropped_at_step.reset();
  r = run_funnel(index, *q, ParallelOptions{1}, &error);
  REQUIRE(r);
  const std::string answer = boost::json::serialize(write_funnel_result(*r, *q));
  INFO(answer);
  REQUIRE(r->breakdown.size() == 3);
  CHECK(r->breakdown[0].steps[0].entered == 2);
  CHECK(answer.find(R"("value":3,)") != std::string::npos);
  CHECK(answer.find(R"("value":1234567890123456788,)") != std::string::npos);
  CHECK(answer.find(R"("value":1234567890123456789,)") != std::string::npos);
}

}  // namespace
}  // namespace cairn::analytics
