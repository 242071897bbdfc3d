// DELETE /api/apps/{app_id}/people/{user_key} against the real binary: after
// the answer, funnels, the catalog and the people timeline no longer count the
// person nor the anonymousId an identify event linked to them; other people
// stay; a retried batch does not bring the erased events back; the route
// keeps the admin API's session, CSRF, role and app rules.
#include "server_fixture.h"

#include <catch2/catch.hpp>

#include <string>

using namespace cairn::server_test;

namespace {

std::int64_t integer(const boost::json::value& v) { return v.to_number<std::int64_t>(); }

const char* kFunnel = R"({"steps": [{"event": "visited"}, {"event": "signed_up"}],
                         "from_ms": 1795132800000, "to_ms": 1795219200000})";

// jane visited anonymously as a1, was identified, signed up; bob did both as himself;
// the anonymous visitor a9 only visited. jane's trait example is her company.
const char* kBatch = R"({"batch": [
  {"type": "track", "event": "visited", "anonymousId": "a1", "messageId": "m1", "timestamp": "2026-11-20T10:00:00.000Z"},
  {"type": "identify", "userId": "jane@x.io", "anonymousId": "a1", "messageId": "m2",
   "timestamp": "2026-11-20T10:00:01.000Z", "traits": {"company": "Jane Corp"}},
  {"type": "track", "event": "signed_up", "userId": "jane@x.io", "messageId": "m3", "timestamp": "2026-11-20T10:00:02.000Z"},
  {"type": "track", "event": "visited", "userId": "bob", "messageId": "m4", "timestamp": "2026-11-20T10:00:03.000Z"},
  {"type": "track", "event": "signed_up", "userId": "bob", "messageId": "m5", "timestamp": "2026-11-20T10:00:04.000Z"},
  {"type": "track", "event": "visited", "anonymousId": "a9", "messageId": "m6", "timestamp": "2026-11-20T10:00:05.000Z"}
]})";

}  // namespace

TEST_CASE("erasing a person removes them from every answer") {
  AdminFixture f;
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), kBatch, f.key_headers()).status == 200);
  const std::string app = f.c.url("/api/apps/" + f.app_id);
  const std::string funnel_url = app + "/analytics/funnel";
  const std::string jane = app + "/people/jane%40x.io";

  // Before: jane (with a1's visit) and bob converted, a9 dropped; the catalog holds jane, and her
  // timeline her two events and a1's visit (merged, as funnels count it).
  HttpResult before = f.http.request("POST", funnel_url, kFunnel, f.admin.headers());
  REQUIRE(before.status == 200);
  INFO(before.body);
  CHECK(integer(before.json().at("steps").at(0).at("entered")) == 3);
  CHECK(integer(before.json().at("steps").at(1).at("entered")) == 2);
  REQUIRE(integer(f.http.get(app + "/catalog", f.admin.headers()).json().at("events")) == 6);
  REQUIRE(f.http.get(jane + "/events", f.admin.headers()).json().at("events").as_array().size() == 3);

  SECTION("the admin's DELETE answers the counts; every report forgets jane and a1") {
    HttpResult erased = f.http.request("DELETE", jane, "", f.admin.headers());
    REQUIRE(erased.status == 200);
    INFO(erased.body);
    CHECK(erased.header("cache-control") == "no-store");
    const boost::json::value counts = erased.json().at("erased");
    CHECK(integer(counts.at("events")) == 3);
    CHECK(integer(counts.at("user_keys")) == 2);
    CHECK(integer(counts.at("identity_links")) == 1);

    HttpResult after = f.http.request("POST", funnel_url, kFunnel, f.admin.headers());
    REQUIRE(after.status == 200);
    CHECK(integer(after.json().at("steps").at(0).at("entered")) == 2);  // bob and a9.
    CHECK(integer(after.json().at("steps").at(1).at("entered")) == 1);  // bob.
    HttpResult catalog = f.http.get(app + "/catalog", f.admin.headers());
    REQUIRE(catalog.status == 200);
    CHECK(integer(catalog.json().at("events")) == 3);
    CHECK(catalog.body.find("Jane Corp") == std::string::npos);
    CHECK(f.http.get(jane + "/events", f.admin.headers()).json().at("events").as_array().empty());
    CHECK(f.http.get(app + "/people/a1/events", f.admin.headers()).json().at("events").as_array().empty());
    CHECK(f.http.get(app + "/people/bob/events", f.admin.headers()).json().at("events").as_array().size() == 2);

    // The SDK's offline queue sends the batch again: only what was never erased counts as stored before.
    HttpResult retry = f.http.request("POST", f.c.url("/v1/batch"), kBatch, f.key_headers());
    REQUIRE(retry.status == 200);
    CHECK(integer(f.http.get(app + "/catalog", f.admin.headers()).json().at("events")) == 3);
    CHECK(integer(f.http.request("POST", funnel_url, kFunnel, f.admin.headers()).json().at("steps").at(0).at(
              "entered")) == 2);

    // Again, or for someone never seen: nothing to erase, still 200.
    HttpResult again = f.http.request("DELETE", jane, "", f.admin.headers());
    REQUIRE(again.status == 200);
    CHECK(integer(again.json().at("erased").at("events")) == 0);

    // /metrics counts both erasures and the rows the first deleted.
    const std::string metrics = f.http.get(f.c.url("/metrics")).body;
    CHECK(metrics.find("\ncairn_person_erasures_total 2\n") != std::string::npos);
    CHECK(metrics.find("\ncairn_person_erased_events_total 3\n") != std::string::npos);
  }
  SECTION("session, CSRF, role and app rules come first") {
    CHECK(f.http.request("DELETE", jane, "", {}).status == 401);
    HttpResult no_csrf = f.http.request("DELETE", jane, "", f.admin.headers(false));
    CHECK(no_csrf.status == 403);
    CHECK(no_csrf.error_code() == "csrf_failed");
    const AdminSession editor = f.account("editor@example.com", "editor");
    HttpResult forbidden = f.http.request("DELETE", jane, "", editor.headers());
    CHECK(forbidden.status == 403);
    CHECK(forbidden.error_code() == "forbidden");
    HttpResult unknown = f.http.request("DELETE", f.c.url("/api/apps/app_nope/people/jane%40x.io"), "",
                                        f.admin.headers());
    CHECK(unknown.status == 404);
    CHECK(unknown.error_code() == "not_found");
    // Nothing was erased by the refused requests.
    CHECK(f.http.get(jane + "/events", f.admin.headers()).json().at("events").as_array().size() == 3);
  }
}
