// GET /api/apps/{app_id}/people?q=&limit= against the real binary: people
// found by the start of their user key or by the email or name their
// identifies set (merged per trait), as acknowledged by /v1/batch; the route keeps the people
// timeline's session, app and validation rules; an erased person is gone.
#include "server_fixture.h"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace cairn::server_test;

namespace {

std::vector<std::string> user_keys(const boost::json::value& answer) {
  std::vector<std::string> out;
  for (const boost::json::value& p : answer.at("people").as_array()) out.emplace_back(p.at("user_key").as_string());
  return out;
}

}  // namespace

TEST_CASE("people search: by user key prefix or identify traits") {
  AdminFixture f;
  const AdminSession viewer = f.account("viewer@example.com", "viewer");
  const std::string batch = R"({"batch": [
    {"type": "identify", "userId": "usr_81f2", "anonymousId": "a1", "messageId": "m1",
     "timestamp": "2026-11-20T10:00:00.000Z", "traits": {"email": "jane@old.example", "name": "Jane Doe"}},
    {"type": "identify", "userId": "usr_81f2", "anonymousId": "a1", "messageId": "m2",
     "timestamp": "2026-11-20T10:00:01.000Z", "traits": {"email": "Jane@Acme.io", "name": "Jane Doe"}},
    {"type": "track", "event": "project_created", "userId": "usr_81f2", "messageId": "m3",
     "timestamp": "2026-11-20T10:00:05.000Z"},
    {"type": "identify", "userId": "usr_90aa", "anonymousId": "a2", "messageId": "m4",
     "timestamp": "2026-11-20T10:00:02.000Z", "traits": {"email": "bob@acme.io"}},
    {"type": "track", "event": "visited", "anonymousId": "anon-acme", "messageId": "m5",
     "timestamp": "2026-11-20T10:00:03.000Z"}
  ]})";
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), batch, f.key_headers()).status == 200);
  const std::string people = f.c.url("/api/apps/" + f.app_id + "/people");

  SECTION("a viewer finds a person by the email from a ticket, ignoring case") {
    HttpResult r = f.http.get(people + "?q=JANE%40acme", viewer.headers(false));
    REQUIRE(r.status == 200);
    INFO(r.body);
    CHECK(r.header("cache-control") == "no-store");
    const boost::json::value answer = r.json();
    CHECK(answer == boost::json::parse(R"({"people": [{"user_key": "usr_81f2", "email": "Jane@Acme.io",
      "name": "Jane Doe", "last_seen_ms": 1795168805000}], "truncated": false})"));
    // The older identify's email no longer finds her.
    CHECK(user_keys(f.http.get(people + "?q=old.example", viewer.headers()).json()).empty());
  }
  SECTION("key prefix matches come first, then trait matches, newest identify first") {
    CHECK(user_keys(f.http.get(people + "?q=usr_", viewer.headers()).json()) ==
          std::vector<std::string>{"usr_81f2", "usr_90aa"});
    CHECK(user_keys(f.http.get(people + "?q=anon-acme", viewer.headers()).json()) ==
          std::vector<std::string>{"anon-acme"});
    CHECK(user_keys(f.http.get(people + "?q=acme", viewer.headers()).json()) ==
          std::vector<std::string>{"usr_90aa", "usr_81f2"});
    const boost::json::value one = f.http.get(people + "?q=acme&limit=1", viewer.headers()).json();
    CHECK(user_keys(one) == std::vector<std::string>{"usr_90aa"});
    CHECK(one.at("truncated").as_bool());
  }
  SECTION("q and limit are validated, each problem with its pointer") {
    const std::string long_q(201, 'x');
    for (const std::string& bad : std::vector<std::string>{"", "?q=", "?limit=5", "?q=%01x", "?q=" + long_q}) {
      HttpResult r = f.http.get(people + bad, viewer.headers());
      INFO(bad);
      CHECK(r.status == 422);
      CHECK(r.error_code() == "invalid_request");
      CHECK(r.json().at("error").at("problems").at(0).at("pointer").as_string() == "/q");
    }
    CHECK(f.http.get(people + "?q=" + std::string(200, 'x'), viewer.headers()).status == 200);
    for (const char* bad : {"limit=51", "limit=0", "limit=ten", "limit="}) {
      HttpResult r = f.http.get(people + "?q=a&" + bad, viewer.headers());
      INFO(bad);
      CHECK(r.status == 422);
      CHECK(r.json().at("error").at("problems").at(0).at("pointer").as_string() == "/limit");
    }
    CHECK(f.http.get(people + "?q=a&limit=50", viewer.headers()).status == 200);
  }
  SECTION("a session is required; unknown apps are 404") {
    CHECK(f.http.get(people + "?q=a").status == 401);
    CHECK(f.http.get(people + "?q=a", {"X-Cairn-Write-Key: " + f.write_key}).status == 401);
    HttpResult missing = f.http.get(f.c.url("/api/apps/app_nope/people?q=a"), viewer.headers());
    CHECK(missing.status == 404);
    CHECK(missing.error_code() == "not_found");
  }
  SECTION("an erased person is no longer found") {
    REQUIRE(f.http.request("DELETE", people + "/usr_81f2", "", f.admin.headers()).status == 200);
    CHECK(user_keys(f.http.get(people + "?q=acme", viewer.headers()).json()) == std::vector<std::string>{"usr_90aa"});
    CHECK(user_keys(f.http.get(people + "?q=usr_8", viewer.headers()).json()).empty());
  }
}

TEST_CASE("people search: a person identified a week and 6,000 identify calls ago is found by email") {
  AdminFixture f;
  const AdminSession viewer = f.account("viewer@example.com", "viewer");
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), R"({"batch": [
    {"type": "identify", "userId": "usr_jane", "anonymousId": "a-jane", "messageId": "jane-1",
     "timestamp": "2026-11-13T10:00:00.000Z", "traits": {"email": "jane@acme.io", "name": "Jane Doe"}}]})",
                         f.key_headers()).status == 200);
  // A B2B app identifies on every page load: 6,000 identify calls since (in
  // batches of 1,000, kMaxEventsPerBatch).
  for (int b = 0; b < 6; ++b) {
    std::string batch = R"({"batch": [)";
    for (int i = 0; i < 1000; ++i) {
      const std::string n = std::to_string(b * 1000 + i);
      if (i > 0) batch += ",";
      batch += R"({"type": "identify", "userId": "usr_)" + n + R"(", "anonymousId": "a)" + n +
               R"(", "messageId": "m)" + n + R"(", "timestamp": "2026-11-20T10:00:00.000Z", "traits": {"email": "u)" +
               n + R"(@example.com"}})";
    }
    batch += "]}";
    REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), batch, f.key_headers()).status == 200);
  }
  const std::string people = f.c.url("/api/apps/" + f.app_id + "/people");
  HttpResult r = f.http.get(people + "?q=JANE%40acme.io", viewer.headers());
  REQUIRE(r.status == 200);
  INFO(r.body);
  CHECK(r.json() == boost::json::parse(R"({"people": [{"user_key": "usr_jane", "email": "jane@acme.io",
    "name": "Jane Doe", "last_seen_ms": 1794564000000}], "truncated": false})"));
  CHECK(user_keys(f.http.get(people + "?q=jane%20doe", viewer.headers()).json()) ==
        std::vector<std::string>{"usr_jane"});
}

TEST_CASE("people search: identify traits merge, an app may send only the traits that changed") {
  AdminFixture f;
  const AdminSession viewer = f.account("viewer@example.com", "viewer");
  const std::string people = f.c.url("/api/apps/" + f.app_id + "/people");
  // Sign-in sends email and name; a later call only the new plan (Segment style).
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), R"({"batch": [
    {"type": "identify", "userId": "usr_ada", "anonymousId": "a-ada", "messageId": "ada-1",
     "timestamp": "2026-11-20T10:00:00.000Z", "traits": {"email": "ada@acme.io", "name": "Ada Lovelace"}}]})",
                         f.key_headers()).status == 200);
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), R"({"batch": [
    {"type": "identify", "userId": "usr_ada", "anonymousId": "a-ada", "messageId": "ada-2",
     "timestamp": "2026-11-20T11:00:00.000Z", "traits": {"plan": "pro"}}]})",
                         f.key_headers()).status == 200);
  HttpResult r = f.http.get(people + "?q=ada%40acme", viewer.headers());
  REQUIRE(r.status == 200);
  INFO(r.body);
  CHECK(r.json() == boost::json::parse(R"({"people": [{"user_key": "usr_ada", "email": "ada@acme.io",
    "name": "Ada Lovelace", "last_seen_ms": 1795172400000}], "truncated": false})"));
  // A null removes the trait.
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), R"({"batch": [
    {"type": "identify", "userId": "usr_ada", "anonymousId": "a-ada", "messageId": "ada-3",
     "timestamp": "2026-11-20T12:00:00.000Z", "traits": {"name": null}}]})",
                         f.key_headers()).status == 200);
  CHECK(user_keys(f.http.get(people + "?q=lovelace", viewer.headers()).json()).empty());
  CHECK(f.http.get(people + "?q=ada%40acme", viewer.headers()).json().at("people").at(0).as_object().if_contains(
            "name") == nullptr);
}
