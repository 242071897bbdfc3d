// DELETE /api/apps/{app_id} against the real binary: the app's routes answer
// 404 and its write key 401 at once, its events leave the SQLite store (the
// background purge), another app's events and guides stay; the body must name
// the app; a primary's metadata snapshot tells followers of the deletion.
#include "server_fixture.h"

#include <boost/json/array.hpp>
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <chrono>
#include <string>
#include <thread>

using namespace cairn::server_test;

namespace {

std::int64_t integer(const boost::json::value& v) { return v.to_number<std::int64_t>(); }

// Rows of `app_id` in the collector's SQLite file, read as another process would.
std::int64_t stored_rows(const Collector& c, const std::string& table, const std::string& app_id) {
  sqlite3* db = nullptr;
  std::int64_t out = -1;
  if (sqlite3_open_v2((c.data_dir() + "/cairn.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    const std::string sql = "SELECT count(*) FROM " + table + " WHERE app IN (SELECT id FROM event_apps WHERE app_id = ?1)";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_bind_text(stmt, 1, app_id.c_str(), -1, SQLITE_TRANSIENT) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      out = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("deleting an app: 404s, its key 401, its events purged, the other app untouched") {
  AdminFixture f;
  const auto [kept_id, kept_key] = f.c.create_app("Kept", {"http://localhost:3000"});
  const std::vector<std::string> kept_headers = {"Content-Type: application/json", "X-Cairn-Write-Key: " + kept_key};
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), visits_batch("gone"), f.key_headers()).status == 200);
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), visits_batch("kept"), kept_headers).status == 200);
  const std::string app = f.c.url("/api/apps/" + f.app_id);
  const std::string kept = f.c.url("/api/apps/" + kept_id);
  REQUIRE(f.http.request("POST", app + "/guides", valid_guide_json("Gone tour"), f.admin.headers()).status == 201);
  REQUIRE(f.http.request("POST", kept + "/guides", valid_guide_json("Kept tour"), f.admin.headers()).status == 201);
  REQUIRE(integer(f.http.get(app + "/catalog", f.admin.headers()).json().at("events")) == 5);  // Catalog built.
  REQUIRE(stored_rows(f.c, "events", f.app_id) == 5);

  SECTION("the body must name the app; unknown apps 404; editors 403; nothing is deleted") {
    HttpResult missing = f.http.request("DELETE", app, "{}", f.admin.headers());
    CHECK(missing.status == 422);
    CHECK(missing.body.find("/confirm_name") != std::string::npos);
    HttpResult wrong = f.http.request("DELETE", app, R"({"confirm_name":"demo"})", f.admin.headers());
    CHECK(wrong.status == 422);
    CHECK(wrong.body.find("must be the app's current name") != std::string::npos);
    CHECK(f.http.request("DELETE", app, R"({"confirm_name":"Demo","also":1})", f.admin.headers()).status == 422);
    CHECK(f.http.request("DELETE", app, "", f.admin.headers()).status == 400);
    HttpResult unknown = f.http.request("DELETE", f.c.url("/api/apps/app_0000000000000000"),
                                        R"({"confirm_name":"Demo"})", f.admin.headers());
    CHECK(unknown.status == 404);
    CHECK(unknown.error_code() == "not_found");
    const AdminSession editor = f.account("editor@example.com", "editor");
    CHECK(f.http.request("DELETE", app, R"({"confirm_name":"Demo"})", editor.headers()).status == 403);
    CHECK(f.http.get(app, f.admin.headers()).status == 200);
    CHECK(f.http.request("POST", f.c.url("/v1/batch"), visits_batch("again"), f.key_headers()).status == 200);
  }

  SECTION("the admin deletes it") {
    HttpResult deleted = f.http.request("DELETE", app, R"({"confirm_name":"Demo"})", f.admin.headers());
    REQUIRE(deleted.status == 200);
    INFO(deleted.body);
    CHECK(deleted.header("cache-control") == "no-store");
    const boost::json::value counts = deleted.json().at("deleted");
    CHECK(counts.at("app_id").as_string() == f.app_id);
    CHECK(integer(counts.at("write_keys")) == 1);
    CHECK(integer(counts.at("guides")) == 1);
    CHECK(deleted.json().at("events").as_string() == "purging");

    // At once: every route of the app 404s, its key is refused, the list forgets it.
    for (const std::string& path : {std::string(""), std::string("/guides"), std::string("/catalog"),
                                    std::string("/keys"), std::string("/funnels"), std::string("/people/u1/events")}) {
      INFO(path);
      HttpResult r = f.http.get(app + path, f.admin.headers());
      CHECK(r.status == 404);
    }
    CHECK(f.http.request("POST", app + "/analytics/funnel", R"({"steps":[{"event":"visited"}]})", f.admin.headers())
              .status == 404);
    CHECK(f.http.request("POST", f.c.url("/v1/batch"), visits_batch("late"), f.key_headers()).status == 401);
    CHECK(f.http.get(f.c.url("/v1/guides"), f.key_headers()).status == 401);
    HttpResult list = f.http.get(f.c.url("/api/apps"), f.admin.headers());
    CHECK(list.body.find(f.app_id) == std::string::npos);
    CHECK(list.body.find(kept_id) != std::string::npos);
    CHECK(f.http.request("DELETE", app, R"({"confirm_name":"Demo"})", f.admin.headers()).status == 404);

    // The purge runs in the background; bounded wait.
    for (int i = 0; i < 500 && stored_rows(f.c, "events", f.app_id) != 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(stored_rows(f.c, "events", f.app_id) == 0);
    CHECK(stored_rows(f.c, "event_users", f.app_id) == 0);
    // The other app keeps its events, guides and key.
    CHECK(stored_rows(f.c, "events", kept_id) == 5);
    CHECK(integer(f.http.get(kept + "/catalog", f.admin.headers()).json().at("events")) == 5);
    CHECK(f.http.get(kept + "/guides", f.admin.headers()).json().at("guides").as_array().size() == 1);
    CHECK(f.http.request("POST", f.c.url("/v1/batch"), visits_batch("kept2_"), kept_headers).status == 200);
    CHECK(stored_rows(f.c, "events", kept_id) == 10);
    HttpResult metrics = f.http.get(f.c.url("/metrics"));
    CHECK(metrics.body.find("cairn_app_purges_pending 0") != std::string::npos);
    CHECK(metrics.body.find("cairn_app_purge_rows_deleted_total 10") != std::string::npos);  // 5 events, 5 users.
  }
}

TEST_CASE("with followers possible (--cluster-secret), the metadata snapshot names the deleted app") {
  const std::string secret(40, 's');
  AdminFixture f({"--cluster-secret", secret});
  HttpResult deleted =
      f.http.request("DELETE", f.c.url("/api/apps/" + f.app_id), R"({"confirm_name":"Demo"})", f.admin.headers());
  CHECK(deleted.status == 200);
  HttpResult snapshot = f.http.get(f.c.url("/internal/metadata"), {"Authorization: Bearer " + secret});
  REQUIRE(snapshot.status == 200);
  const boost::json::value body = snapshot.json();
  CHECK(body.at("apps").as_array().empty());
  const boost::json::array& gone = body.at("deleted_apps").as_array();
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].as_string() == f.app_id);
}
