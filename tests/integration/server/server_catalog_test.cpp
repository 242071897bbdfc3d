// GET /api/apps/{app_id}/catalog against the real binary: events ingested
// through /v1/batch show up in the catalog asked right after the ingest was
// acknowledged (names by type, pages, traits, property keys, clicks), and the
// route keeps the admin API's session and app rules.
#include "server_fixture.h"

#include <catch2/catch.hpp>

using namespace cairn::server_test;

namespace {

// The entry of `list` whose `key` is `value`, or null.
const boost::json::value* entry(const boost::json::value& list, const char* key,
                                const std::string& value) {
  for (const boost::json::value& e : list.as_array()) {
    if (e.at(key).as_string() == value) return &e;
  }
  return nullptr;
}

std::int64_t integer(const boost::json::value& v, const char* key) {
  return v.at(key).to_number<std::int64_t>();
}

}  // namespace

TEST_CASE("catalog lists what the app's ingested events know") {
  AdminFixture f;
  const std::string url = f.c.url("/api/apps/" + f.app_id + "/catalog");

  HttpResult empty = f.http.get(url, f.admin.headers());
  REQUIRE(empty.status == 200);
  CHECK(integer(empty.json(), "events") == 0);
  CHECK(empty.json().at("track_events").as_array().empty());
  CHECK(empty.header("cache-control") == "no-store");

  const std::string batch = R"({"batch": [
    {"type": "track", "event": "Project Created", "userId": "u1", "messageId": "m1",
     "timestamp": "2026-11-20T10:00:00.000Z", "properties": {"plan": "pro", "seats": 3}},
    {"type": "track", "event": "Project Created", "userId": "u2", "messageId": "m2",
     "timestamp": "2026-11-20T11:00:00.000Z", "properties": {"plan": "free"}},
    {"type": "page", "userId": "u1", "messageId": "m3", "timestamp": "2026-11-20T10:00:01.000Z",
     "properties": {"path": "/projects/new", "url": "http://localhost:3000/projects/new?x=1"}},
    {"type": "identify", "userId": "u1", "messageId": "m4", "timestamp": "2026-11-20T10:00:02.000Z",
     "traits": {"plan": "pro", "company": "Acme"}},
    {"type": "track", "event": "cairn_guide_completed", "userId": "u1", "messageId": "m5",
     "timestamp": "2026-11-20T10:00:03.000Z", "properties": {"guide_id": "onboarding"}},
    {"type": "track", "event": "cairn_click", "userId": "u1", "messageId": "m6",
     "timestamp": "2026-11-20T10:00:04.000Z",
     "properties": {"tag": "button", "text": "Save", "role": "button",
                    "attributes": {"data-testid": "save-project"}, "x": 10, "y": 20}}
  ]})";
  HttpResult ingested = f.http.request("POST", f.c.url("/v1/batch"), batch, f.key_headers());
  REQUIRE(ingested.status == 200);

  HttpResult r = f.http.get(url, f.admin.headers());
  REQUIRE(r.status == 200);
  INFO(r.body);
  const boost::json::value catalog = r.json();
  CHECK(catalog.at("app_id").as_string() == f.app_id);
  CHECK(integer(catalog, "events") == 6);
  const boost::json::value* created = entry(catalog.at("track_events"), "name", "Project Created");
  REQUIRE(created);
  CHECK(integer(*created, "count") == 2);
  CHECK(integer(*created, "last_seen_ms") == 1795172400000);  // 2026-11-20T11:00:00Z
  const boost::json::value* plan = entry(created->at("properties"), "key", "plan");
  REQUIRE(plan);
  CHECK(integer(*plan, "count") == 2);
  CHECK(entry(catalog.at("cairn_events"), "name", "cairn_guide_completed"));
  CHECK_FALSE(entry(catalog.at("track_events"), "name", "cairn_click"));
  const boost::json::value* page = entry(catalog.at("pages"), "path", "/projects/new");
  REQUIRE(page);
  CHECK(page->at("url").as_string() == "http://localhost:3000/projects/new?x=1");
  const boost::json::value* company = entry(catalog.at("traits"), "key", "company");
  REQUIRE(company);
  CHECK(company->at("examples").at(0).as_string() == "Acme");
  const boost::json::value* save = entry(catalog.at("clicks"), "test_id", "save-project");
  REQUIRE(save);
  CHECK(save->at("tag").as_string() == "button");
  CHECK(save->at("text").as_string() == "Save");
  CHECK(integer(*save, "count") == 1);

  // A later batch is counted by the next answer.
  HttpResult more = f.http.request(
      "POST", f.c.url("/v1/batch"),
      R"({"batch": [{"type": "track", "event": "Project Created", "userId": "u3", "messageId": "m7"}]})",
      f.key_headers());
  REQUIRE(more.status == 200);
  HttpResult again = f.http.get(url, f.admin.headers());
  REQUIRE(again.status == 200);
  CHECK(integer(*entry(again.json().at("track_events"), "name", "Project Created"), "count") == 3);

  SECTION("another app's catalog does not see these events; unknown apps are 404") {
    HttpResult other = f.http.request("POST", f.c.url("/api/apps"), R"({"name": "Other"})", f.admin.headers());
    REQUIRE(other.status == 201);
    std::string other_id(other.json().at("app").at("id").as_string());
    HttpResult o = f.http.get(f.c.url("/api/apps/" + other_id + "/catalog"), f.admin.headers());
    REQUIRE(o.status == 200);
    CHECK(integer(o.json(), "events") == 0);
    HttpResult missing = f.http.get(f.c.url("/api/apps/app_nope/catalog"), f.admin.headers());
    CHECK(missing.status == 404);
    CHECK(missing.error_code() == "not_found");
  }
  SECTION("a session is required; a write key is not one") {
    CHECK(f.http.get(url).status == 401);
    CHECK(f.http.get(url, {"X-Cairn-Write-Key: " + f.write_key}).status == 401);
  }
}
