// GET /api/apps/{app_id}/people/{user_key}/events against the real binary:
// events acknowledged by /v1/batch come back for their analytics user key
// (userId, else anonymousId), newest first and paged by before_ms, merged
// with the anonymous ids an identify linked to the person, never from another
// app or user; the route keeps the admin API's session, app and validation
// rules.
#include "server_fixture.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace cairn::server_test;

namespace {

std::vector<std::string> event_names(const boost::json::value& answer) {
  std::vector<std::string> out;
  for (const boost::json::value& e : answer.at("events").as_array()) out.emplace_back(e.at("event").as_string());
  return out;
}

std::int64_t integer(const boost::json::value& v) { return v.to_number<std::int64_t>(); }

}  // namespace

TEST_CASE("people events: a person's recent events by analytics user key") {
  AdminFixture f;
  auto [other_id, other_key] = f.c.create_app("Other", {"http://localhost:3001"});
  const AdminSession viewer = f.account("viewer@example.com", "viewer");

  // u1 (also known by its anonymousId a1): five events; "jane doe@x.io" and
  // the anonymous visitor a9 one each; the other app has a u1 of its own.
  const std::string batch = R"({"batch": [
    {"type": "track", "event": "signup_started", "userId": "u1", "anonymousId": "a1", "messageId": "m1",
     "timestamp": "2026-11-20T10:00:00.000Z", "properties": {"plan": "pro"}},
    {"type": "page", "name": "Projects", "userId": "u1", "messageId": "m2", "timestamp": "2026-11-20T10:00:01.000Z",
     "properties": {"path": "/projects", "url": "http://localhost:3000/projects"}},
    {"type": "track", "event": "cairn_click", "userId": "u1", "messageId": "m3", "timestamp": "2026-11-20T10:00:02.000Z",
     "context": {"page": {"path": "/projects/new", "url": "http://localhost:3000/projects/new"}},
     "properties": {"tag": "button", "text": "Save", "role": "button", "attributes": {"data-testid": "save"}}},
    {"type": "track", "event": "project_created", "userId": "u1", "messageId": "m4", "timestamp": "2026-11-20T10:00:03.000Z"},
    {"type": "track", "event": "invite_sent", "userId": "u1", "messageId": "m5", "timestamp": "2026-11-20T10:00:04.000Z"},
    {"type": "track", "event": "signup_started", "userId": "jane doe@x.io", "messageId": "m6", "timestamp": "2026-11-20T10:00:05.000Z"},
    {"type": "track", "event": "visited", "anonymousId": "a9", "messageId": "m7", "timestamp": "2026-11-20T10:00:06.000Z"}
  ]})";
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), batch, f.key_headers()).status == 200);
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"),
                         R"({"batch": [{"type": "track", "event": "elsewhere", "userId": "u1", "messageId": "o1",
                           "timestamp": "2026-11-20T11:00:00.000Z"}]})",
                         {"Content-Type: application/json", "X-Cairn-Write-Key: " + other_key})
              .status == 200);

  const std::string base = f.c.url("/api/apps/" + f.app_id + "/people/");
  const std::string u1 = base + "u1/events";

  SECTION("a viewer reads the newest events first, with location, element and properties") {
    HttpResult r = f.http.get(u1, viewer.headers(false));
    REQUIRE(r.status == 200);
    INFO(r.body);
    CHECK(r.header("cache-control") == "no-store");
    const boost::json::value answer = r.json();
    CHECK(event_names(answer) ==
          std::vector<std::string>{"invite_sent", "project_created", "cairn_click", "$page", "signup_started"});
    CHECK(answer.at("next_before_ms").is_null());
    const boost::json::value& click = answer.at("events").at(2);
    CHECK(integer(click.at("timestamp_ms")) == 1795168802000);  // 2026-11-20T10:00:02Z
    CHECK(click.at("type").as_string() == "track");
    CHECK(click.at("path").as_string() == "/projects/new");
    CHECK(click.at("element") == boost::json::value{{"tag", "button"}, {"text", "Save"}, {"role", "button"}});
    CHECK(click.at("properties_truncated").as_bool());  // `attributes` is an object: left out.
    const boost::json::value& page = answer.at("events").at(3);
    CHECK(page.at("type").as_string() == "page");
    CHECK(page.at("name").as_string() == "Projects");
    CHECK(page.at("url").as_string() == "http://localhost:3000/projects");
    CHECK(answer.at("events").at(4).at("properties").at("plan").as_string() == "pro");
  }
  SECTION("the user key is userId, else anonymousId, as analytics counts people") {
    CHECK(event_names(f.http.get(base + "a9/events", viewer.headers()).json()) == std::vector<std::string>{"visited"});
    CHECK(event_names(f.http.get(base + "jane%20doe%40x.io/events", viewer.headers()).json()) ==
          std::vector<std::string>{"signup_started"});
    // a1 came with a userId, so its events are u1's.
    HttpResult a1 = f.http.get(base + "a1/events", viewer.headers());
    REQUIRE(a1.status == 200);
    CHECK(a1.json().at("events").as_array().empty());
  }
  SECTION("pages by before_ms cover every event once") {
    HttpResult first = f.http.get(u1 + "?limit=2", viewer.headers());
    REQUIRE(first.status == 200);
    CHECK(event_names(first.json()) == std::vector<std::string>{"invite_sent", "project_created"});
    const std::int64_t next = integer(first.json().at("next_before_ms"));
    CHECK(next == 1795168803000);
    HttpResult second = f.http.get(u1 + "?limit=2&before_ms=" + std::to_string(next), viewer.headers());
    CHECK(event_names(second.json()) == std::vector<std::string>{"cairn_click", "$page"});
    HttpResult last = f.http.get(
        u1 + "?limit=2&before_ms=" + std::to_string(integer(second.json().at("next_before_ms"))), viewer.headers());
    CHECK(event_names(last.json()) == std::vector<std::string>{"signup_started"});
    CHECK(last.json().at("next_before_ms").is_null());
  }
  SECTION("another app's events never leak; its own person is separate") {
    CHECK(event_names(f.http.get(f.c.url("/api/apps/" + other_id + "/people/u1/events"), viewer.headers()).json()) ==
          std::vector<std::string>{"elsewhere"});
    HttpResult all = f.http.get(u1 + "?limit=100", viewer.headers());
    for (const std::string& name : event_names(all.json())) CHECK(name != "elsewhere");
  }
  SECTION("an identify merges the anonymous id's events into the person's page, each with its id") {
    REQUIRE(f.http.request("POST", f.c.url("/v1/batch"),
                           R"({"batch": [{"type": "identify", "userId": "u1", "anonymousId": "a9", "messageId": "m8",
                             "timestamp": "2026-11-20T10:00:07.000Z"}]})",
                           f.key_headers())
                .status == 200);
    HttpResult merged = f.http.get(u1 + "?limit=3", viewer.headers());
    REQUIRE(merged.status == 200);
    INFO(merged.body);
    const boost::json::value answer = merged.json();
    CHECK(event_names(answer) == std::vector<std::string>{"$identify", "visited", "invite_sent"});
    CHECK(answer.at("events").at(1).at("user_key").as_string() == "a9");
    CHECK(answer.at("events").at(2).at("user_key").as_string() == "u1");
    CHECK(answer.at("merged").as_bool());
    CHECK(answer.at("linked_ids") == boost::json::array{"a9"});
    CHECK_FALSE(answer.at("linked_ids_truncated").as_bool());
    const boost::json::value own = f.http.get(u1 + "?limit=3&merge=0", viewer.headers()).json();
    CHECK(event_names(own) == std::vector<std::string>{"$identify", "invite_sent", "project_created"});
    CHECK_FALSE(own.at("merged").as_bool());
    CHECK(own.at("linked_ids").as_array().empty());
    // The anonymous id's own page: its events, not the person it joined.
    CHECK(event_names(f.http.get(base + "a9/events", viewer.headers()).json()) == std::vector<std::string>{"visited"});
  }
  SECTION("limit and before_ms are validated, each problem with its pointer") {
    for (const char* bad : {"limit=101", "limit=0", "limit=ten", "limit=-1", "limit=2.5"}) {
      HttpResult r = f.http.get(u1 + "?" + bad, viewer.headers());
      INFO(bad);
      CHECK(r.status == 422);
      CHECK(r.error_code() == "invalid_request");
      CHECK(r.json().at("error").at("problems").at(0).at("pointer").as_string() == "/limit");
    }
    HttpResult both = f.http.get(u1 + "?limit=500&before_ms=-5", viewer.headers());
    CHECK(both.status == 422);
    CHECK(both.json().at("error").at("problems").as_array().size() == 2);
    CHECK(f.http.get(u1 + "?limit=100", viewer.headers()).status == 200);
    for (const char* bad : {"merge=2", "merge=true", "merge="}) {
      HttpResult r = f.http.get(u1 + "?" + bad, viewer.headers());
      INFO(bad);
      CHECK(r.status == 422);
      CHECK(r.json().at("error").at("problems").at(0).at("pointer").as_string() == "/merge");
    }
  }
  SECTION("a session is required; a write key is not one; unknown apps are 404") {
    CHECK(f.http.get(u1).status == 401);
    CHECK(f.http.get(u1, {"X-Cairn-Write-Key: " + f.write_key}).status == 401);
    HttpResult missing = f.http.get(f.c.url("/api/apps/app_nope/people/u1/events"), viewer.headers());
    CHECK(missing.status == 404);
    CHECK(missing.error_code() == "not_found");
  }
}
