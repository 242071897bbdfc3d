// The analytics admin API against the real binary: events ingested through
// /v1/batch are counted by a funnel asked right after the ingest was
// acknowledged, bad queries get 422 with JSON pointers, and the routes keep
// the admin API's session, CSRF and app rules.
#include "server_fixture.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <chrono>

using namespace cairn::server_test;

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string iso_time(std::int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", text, static_cast<int>(ms % 1000));
  return out;
}

std::string track(const std::string& user, const std::string& event, std::int64_t at_ms,
                  const std::string& message_id) {
  boost::json::object e{{"type", "track"},         {"event", event},
                        {"userId", user},          {"messageId", message_id},
                        {"timestamp", iso_time(at_ms)}};
  return boost::json::serialize(e);
}

const char* kFunnel = R"({"steps": [{"event": "signup"}, {"event": "activate"}]})";

}  // namespace

TEST_CASE("analytics funnel counts events acknowledged by ingest") {
  AdminFixture f;
  const AdminSession viewer = f.account("viewer@example.com", "viewer");
  const std::string funnel_url = f.c.url("/api/apps/" + f.app_id + "/analytics/funnel");

  // Before any event: an empty funnel, not an error.
  HttpResult empty = f.http.request("POST", funnel_url, kFunnel, viewer.headers());
  REQUIRE(empty.status == 200);
  CHECK(empty.json().at("steps").at(0).at("entered").to_number<std::int64_t>() == 0);

  // u1 and u3 convert, u2 drops, u4 only does the second step.
  std::int64_t t = now_ms() - 60000;
  std::string batch = "{\"batch\": [" + track("u1", "signup", t, "m1") + "," +
                      track("u2", "signup", t + 1000, "m2") + "," +
                      track("u3", "signup", t + 2000, "m3") + "," +
                      track("u1", "activate", t + 3000, "m4") + "," +
                      track("u3", "activate", t + 4000, "m5") + "," +
                      track("u4", "activate", t + 5000, "m6") + "]}";
  HttpResult ingested = f.http.request("POST", f.c.url("/v1/batch"), batch, f.key_headers());
  REQUIRE(ingested.status == 200);

  HttpResult r = f.http.request("POST", funnel_url, kFunnel, viewer.headers());
  REQUIRE(r.status == 200);
  INFO(r.body);
  const boost::json::value answer = r.json();  // json() returns a fresh value.
  const boost::json::value& steps = answer.at("steps");
  CHECK(steps.at(0).at("entered").to_number<std::int64_t>() == 3);
  CHECK(steps.at(0).at("converted").to_number<std::int64_t>() == 2);
  CHECK(steps.at(0).at("dropped").to_number<std::int64_t>() == 1);
  CHECK(steps.at(1).at("entered").to_number<std::int64_t>() == 2);
  CHECK(r.header("cache-control") == "no-store");

  // A later batch is seen by the next query (u2 converts now).
  HttpResult more = f.http.request("POST", f.c.url("/v1/batch"),
                                   "{\"batch\": [" + track("u2", "activate", t + 6000, "m7") + "]}",
                                   f.key_headers());
  REQUIRE(more.status == 200);
  HttpResult again = f.http.request("POST", funnel_url, kFunnel, f.admin.headers());
  REQUIRE(again.status == 200);
  CHECK(again.json().at("steps").at(1).at("entered").to_number<std::int64_t>() == 3);

  SECTION("the other reports answer") {
    HttpResult stuck = f.http.request("POST", f.c.url("/api/apps/" + f.app_id + "/analytics/stuck"),
                                      "{}", viewer.headers());
    CHECK(stuck.status == 200);
  }
  SECTION("a bad query is a 422 with pointers; text that is not JSON a 400") {
    HttpResult bad = f.http.request("POST", funnel_url, R"({"steps": [{"event": 5}], "bogus": 1})",
                                    viewer.headers());
    CHECK(bad.status == 422);
    CHECK(bad.error_code() == "invalid_query");
    INFO(bad.body);
    std::string body = bad.body;
    CHECK(body.find("/steps/0/event") != std::string::npos);
    CHECK(body.find("/bogus") != std::string::npos);
    HttpResult not_json = f.http.request("POST", funnel_url, "{", viewer.headers());
    CHECK(not_json.status == 400);
    CHECK(not_json.error_code() == "invalid_json");
  }
  SECTION("query bodies over 64 KiB or nested deeper than 16 levels are refused") {
    std::string padded = R"({"steps": [{"event": "a"}, {"event": "b"}], "pad": ")" +
                         std::string(64 * 1024, 'x') + "\"}";
    HttpResult big = f.http.request("POST", funnel_url, padded, viewer.headers());
    CHECK(big.status == 400);
    CHECK(big.error_code() == "invalid_json");
    CHECK(big.body.find("the limit is 65536") != std::string::npos);
    HttpResult deep = f.http.request("POST", funnel_url, std::string(17, '[') + std::string(17, ']'),
                                     viewer.headers());
    CHECK(deep.status == 400);
    CHECK(deep.body.find("nesting deeper than 16") != std::string::npos);
  }
  SECTION("session, CSRF and app rules") {
    CHECK(f.http.request("POST", funnel_url, kFunnel, {"Content-Type: application/json"}).status ==
          401);
    CHECK(f.http.request("POST", funnel_url, kFunnel, viewer.headers(false)).status == 403);
    HttpResult unknown = f.http.request("POST", f.c.url("/api/apps/nope/analytics/funnel"), kFunnel,
                                        viewer.headers());
    CHECK(unknown.status == 404);
  }
}

TEST_CASE("analytics trends: days at the caller's local midnights across a daylight-saving change") {
  AdminFixture f;
  const AdminSession viewer = f.account("cs@example.com", "viewer");
  const std::string trends_url = f.c.url("/api/apps/" + f.app_id + "/analytics/trends");
  // Europe/Berlin, Fri 23 – Thu 29 October 2026: CEST (+2) until Sunday 03:00, then CET (+1).
  constexpr std::int64_t kHour = 3600000;
  const std::int64_t friday = 1792706400000;  // 2026-10-23T00:00+02:00
  std::vector<std::int64_t> starts;
  for (int d = 0; d < 7; ++d) starts.push_back(friday + d * 24 * kHour + (d >= 3 ? kHour : 0));
  const std::int64_t end = starts.back() + 24 * kHour;
  const std::int64_t monday = starts[3];  // 2026-10-26T00:00+01:00 = 2026-10-25T23:00Z
  // Sunday 23:30 and Monday 00:30 and 00:45 local: one event each day before, two on Monday.
  const std::string batch = "{\"batch\": [" + track("ana", "$page", monday - kHour / 2, "d1") + "," +
                            track("ben", "$page", monday + kHour / 2, "d2") + "," +
                            track("cem", "$page", monday + 3 * kHour / 4, "d3") + "]}";
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), batch, f.key_headers()).status == 200);

  auto query = [&](const std::string& days) {
    return R"({"series": [{"event": "$page"}], "interval": "day", "from_ms": )" + std::to_string(friday) +
           ", \"to_ms\": " + std::to_string(end) + days + "}";
  };
  boost::json::array listed;
  for (std::int64_t s : starts) listed.push_back(s);
  HttpResult r = f.http.request("POST", trends_url, query(", \"day_starts_ms\": " + boost::json::serialize(listed)),
                                viewer.headers());
  INFO(r.body);
  REQUIRE(r.status == 200);
  const boost::json::value answer = r.json();
  const boost::json::array& buckets = answer.at("series").at(0).at("buckets").as_array();
  REQUIRE(buckets.size() == 7);
  for (std::size_t i = 0; i < 7; ++i) CHECK(buckets[i].at("start_ms").to_number<std::int64_t>() == starts[i]);
  CHECK(buckets[2].at("events").to_number<std::int64_t>() == 1);  // Sunday (25 hours): ana at 23:30
  CHECK(buckets[3].at("events").to_number<std::int64_t>() == 2);  // Monday: ben at 00:30, cem at 00:45
  CHECK(buckets[3].at("users").to_number<std::int64_t>() == 2);

  // The fixed offset a caller used to send (+120, Berlin's at from_ms) still
  // answers as it did: its "Monday" starts at 23:00 Sunday.
  HttpResult fixed = f.http.request("POST", trends_url, query(", \"utc_offset_minutes\": 120"), viewer.headers());
  REQUIRE(fixed.status == 200);
  const boost::json::value old = fixed.json();
  CHECK(old.at("series").at(0).at("buckets").at(3).at("start_ms").to_number<std::int64_t>() == monday - kHour);
  CHECK(old.at("series").at(0).at("buckets").at(3).at("events").to_number<std::int64_t>() == 3);

  // Bad day starts: 422 naming the element and why.
  listed[4] = listed[3];
  HttpResult bad = f.http.request(
      "POST", trends_url, query(", \"utc_offset_minutes\": 60, \"day_starts_ms\": " + boost::json::serialize(listed)),
      viewer.headers());
  CHECK(bad.status == 422);
  CHECK(bad.error_code() == "invalid_query");
  CHECK(bad.body.find("/day_starts_ms/4: must be after /day_starts_ms/3") != std::string::npos);
  CHECK(bad.body.find("/utc_offset_minutes: not with day_starts_ms") != std::string::npos);
  HttpResult typed = f.http.request("POST", trends_url, query(R"(, "day_starts_ms": ["2026-10-23"])"), viewer.headers());
  CHECK(typed.status == 422);
  CHECK(typed.body.find("/day_starts_ms/0: must be an integer") != std::string::npos);

  // Ten years of days (the dashboard's longest range) fit in the 64 KiB body.
  boost::json::array decade;
  for (int d = 0; d < 3660; ++d) decade.push_back(friday + d * 24 * kHour);
  const std::string long_query = R"({"series": [{"event": "$page"}], "from_ms": )" + std::to_string(friday) +
                                 ", \"to_ms\": " + std::to_string(friday + 3660 * 24 * kHour) +
                                 ", \"day_starts_ms\": " + boost::json::serialize(decade) + "}";
  CHECK(long_query.size() < 64 * 1024);
  HttpResult decade_answer = f.http.request("POST", trends_url, long_query, viewer.headers());
  CHECK(decade_answer.status == 200);
  CHECK(decade_answer.json().at("series").at(0).at("buckets").as_array().size() == 3660);
}
