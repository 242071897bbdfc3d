// The primary/follower metadata mode against two real collectors: what the
// primary's admin API creates, revokes, publishes and archives reaches the
// follower's ingest and /v1/guides within a bounded wait; the follower
// refuses admin work naming the primary; the snapshot endpoint needs the
// cluster secret; a follower whose primary is down keeps serving its last
// snapshot, says so in /healthz and /metrics, and recovers; a person erased
// on the primary is erased from the events the follower ingested itself, and
// an app deleted there is deleted here with the events ingested here, those
// it accepted between the deletion and its next poll included.
#include "server_fixture.h"

#include <boost/json/array.hpp>
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

using namespace cairn::server_test;

namespace {

const std::string kSecret = "cluster-secret-0123456789abcdef0123456789";
constexpr std::chrono::seconds kSyncWait{15};

// Polls `done` every 50 ms until it holds or `limit` passes.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = kSyncWait) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

std::vector<std::string> with(std::vector<std::string> headers, const std::string& extra) {
  headers.push_back(extra);
  return headers;
}

// A primary with an admin, an app and its CLI-made key, plus a follower of it.
struct Cluster {
  AdminFixture primary{{"--cluster-secret", kSecret}};
  Collector follower;
  Http http;

  explicit Cluster(const std::string& interval_ms = "200") {
    REQUIRE(follower.start(follower_flags(primary.c.url(""), kSecret, interval_ms)));
    REQUIRE(accepts(primary.write_key));
    REQUIRE(http.get(follower.url("/healthz")).status == 200);
  }

  static std::vector<std::string> follower_flags(const std::string& primary_url,
                                                 const std::string& secret = kSecret,
                                                 const std::string& interval_ms = "200") {
    return {"--follow", primary_url, "--cluster-secret", secret, "--follow-interval-ms", interval_ms};
  }

  // Whether the follower's ingest accepts `key` (waits for the sync).
  bool accepts(const std::string& key) {
    return eventually([&] { return ingest(key) == 200; });
  }
  bool refuses(const std::string& key) {
    return eventually([&] { return ingest(key) == 401; });
  }
  long ingest(const std::string& key) {
    return http
        .request("POST", follower.url("/v1/batch"),
                 R"({"batch":[{"type":"track","event":"e","userId":"u"}]})",
                 {"Content-Type: application/json", "X-Cairn-Write-Key: " + key})
        .status;
  }
  HttpResult guides(Collector& c, const std::string& key) {
    return http.get(c.url("/v1/guides"), {"X-Cairn-Write-Key: " + key});
  }
  std::string api(const std::string& rest) {
    return primary.c.url("/api/apps/" + primary.app_id + rest);
  }
  boost::json::value health() { return http.get(follower.url("/healthz")).json(); }
};

}  // namespace

TEST_CASE("a follower serves the primary's keys, origins and guides and follows their changes") {
  Cluster cl;
  AdminFixture& p = cl.primary;

  // A key made through the admin API, and a published guide.
  HttpResult key = p.http.request("POST", cl.api("/keys"), "", p.admin.headers());
  REQUIRE(key.status == 201);
  const std::string new_key = str(key.json().at("key").at("key"));
  const std::string new_key_id = str(key.json().at("key").at("id"));
  HttpResult created =
      p.http.request("POST", cl.api("/guides"), valid_guide_json("Welcome"), p.admin.headers());
  REQUIRE(created.status == 201);
  const std::string guide_id = str(created.json().at("guide").at("id"));
  REQUIRE(p.http.request("POST", cl.api("/guides/" + guide_id + "/publish"), "",
                         with(p.admin.headers(), "If-Match: " + created.header("etag")))
              .status == 201);

  CHECK(cl.accepts(new_key));
  CHECK(cl.ingest("wk_unknown_0123456789abcdef") == 401);
  HttpResult primary_guides = cl.guides(p.c, new_key);
  REQUIRE(primary_guides.status == 200);
  REQUIRE(eventually([&] { return cl.guides(cl.follower, new_key).body == primary_guides.body; }));
  HttpResult follower_guides = cl.guides(cl.follower, new_key);
  CHECK(follower_guides.header("etag") == primary_guides.header("etag"));
  CHECK(follower_guides.json().at("guides").as_array().size() == 1);
  // The app's allowed origin is the primary's.
  HttpResult cors = cl.http.get(cl.follower.url("/v1/guides"),
                                {"X-Cairn-Write-Key: " + new_key, "Origin: http://localhost:3000"});
  CHECK(cors.header("access-control-allow-origin") == "http://localhost:3000");

  // Revoke the key and archive the guide on the primary: the follower follows.
  REQUIRE(p.http.request("DELETE", cl.api("/keys/" + new_key_id), "", p.admin.headers()).status ==
          204);
  CHECK(cl.refuses(new_key));
  CHECK(cl.ingest(p.write_key) == 200);
  REQUIRE(p.http.request("POST", cl.api("/guides/" + guide_id + "/archive"), "", p.admin.headers())
              .status == 200);
  CHECK(eventually([&] {
    return cl.guides(cl.follower, p.write_key).json().at("guides").as_array().empty();
  }));
  CHECK(cl.guides(cl.follower, p.write_key).header("etag") != follower_guides.header("etag"));

  // Admin work is refused on the follower, naming the primary.
  HttpResult refused = cl.http.request("POST", cl.follower.url("/api/apps"),
                                       R"({"name":"X","origins":[]})",
                                       {"Content-Type: application/json"});
  CHECK(refused.status == 409);
  CHECK(refused.error_code() == "follower_read_only");
  CHECK(refused.body.find(p.c.url("")) != std::string::npos);
  CHECK(cl.http.get(cl.follower.url("/api/apps")).status == 409);
  CHECK(cl.http.get(cl.follower.url("/dashboard/")).status == 409);
  CHECK(cl.http.get(cl.follower.url("/editor/")).header("x-cairn-primary") == p.c.url(""));
  int status = 0;
  std::string out = cl.follower.run_cli(
      {"create-app", "--name", "X", "--follow", p.c.url(""), "--cluster-secret", kSecret}, &status);
  CHECK(status == 2);
  CHECK(out.empty());

  std::string metrics = cl.http.get(cl.follower.url("/metrics")).body;
  CHECK(metrics.find("cairn_follower_syncs_total{result=\"applied\"}") != std::string::npos);
  CHECK(metrics.find("cairn_follower_consecutive_failures 0") != std::string::npos);
  CHECK(str(cl.health().at("follower").at("primary")) == p.c.url(""));
}

TEST_CASE("the metadata endpoint needs the cluster secret and is off without one") {
  Collector plain;
  REQUIRE(plain.start());
  Http http;
  CHECK(http.get(plain.url("/internal/metadata")).status == 404);

  AdminFixture primary({"--cluster-secret", kSecret});
  const std::string url = primary.c.url("/internal/metadata");
  CHECK(http.get(url).status == 401);
  CHECK(http.get(url, {"Authorization: Bearer wrong"}).status == 401);
  CHECK(http.get(url, {"Authorization: Bearer " + kSecret + "x"}).status == 401);
  HttpResult ok = http.get(url, {"Authorization: Bearer " + kSecret});
  REQUIRE(ok.status == 200);
  CHECK(str(ok.json().at("apps").at(0).at("id")) == primary.app_id);
  CHECK(ok.json().at("apps").at(0).at("write_keys").at(0).at("key_hash").as_string().size() == 64);
  CHECK(ok.body.find(primary.write_key) == std::string::npos);  // Never the key itself.
  CHECK(http.get(url, {"Authorization: Bearer " + kSecret, "If-None-Match: " + ok.header("etag")})
            .status == 304);

  // A follower with the wrong secret syncs nothing, says why, and stays out
  // of the load balancer (503) as it has no snapshot to serve.
  Collector follower;
  REQUIRE(follower.start(Cluster::follower_flags(primary.c.url(""), kSecret + "-wrong")));
  REQUIRE(eventually([&] {
    boost::json::value h = http.get(follower.url("/healthz")).json();
    return h.at("follower").at("consecutive_failures").as_int64() >= 2;
  }));
  HttpResult health = http.get(follower.url("/healthz"));
  CHECK(health.status == 503);
  CHECK(str(health.json().at("status")) == "not_synced");
  CHECK(str(health.json().at("follower").at("last_error")).find("401") != std::string::npos);
  CHECK(http.request("POST", follower.url("/v1/batch"), R"({"batch":[]})",
                     {"Content-Type: application/json", "X-Cairn-Write-Key: " + primary.write_key})
            .status == 401);
  CHECK(http.get(follower.url("/metrics")).body.find("cairn_follower_syncs_total{result=\"failed\"}") !=
        std::string::npos);
}

TEST_CASE("a follower whose primary is down keeps its last snapshot and recovers") {
  Cluster cl;
  AdminFixture& p = cl.primary;
  const std::string port = std::to_string(p.c.port());
  REQUIRE(p.c.terminate() == 0);

  REQUIRE(eventually([&] { return cl.health().at("follower").at("consecutive_failures").as_int64() >= 1; }));
  CHECK(cl.http.get(cl.follower.url("/healthz")).status == 200);
  CHECK(cl.ingest(p.write_key) == 200);
  CHECK(cl.guides(cl.follower, p.write_key).status == 200);
  CHECK(cl.http.get(cl.follower.url("/metrics")).body.find("cairn_follower_consecutive_failures 0") ==
        std::string::npos);

  // A follower restarted meanwhile serves the snapshot in its own SQLite at once.
  REQUIRE(cl.follower.terminate() == 0);
  REQUIRE(cl.follower.start(Cluster::follower_flags(p.c.url(""))));
  CHECK(cl.http.get(cl.follower.url("/healthz")).status == 200);
  CHECK(cl.ingest(p.write_key) == 200);

  // Back on the same port with the same database: sessions survive, and the
  // follower picks up what changed once it reaches the primary again.
  REQUIRE(p.c.start({"--cluster-secret", kSecret, "--port", port}));
  HttpResult key = p.http.request("POST", cl.api("/keys"), "", p.admin.headers());
  REQUIRE(key.status == 201);
  CHECK(cl.accepts(str(key.json().at("key").at("key"))));
  CHECK(cl.health().at("follower").at("consecutive_failures").as_int64() == 0);
  CHECK(cl.follower.terminate() == 0);
}

namespace {

// One integer `sql` answers in a collector's own SQLite file (read while it
// runs: WAL), with ?1 bound to `parameter`.
std::int64_t scalar(const Collector& c, const char* sql, const std::string& parameter = "") {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2((c.data_dir() + "/cairn.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
  sqlite3_bind_text(s, 1, parameter.c_str(), -1, SQLITE_TRANSIENT);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  const std::int64_t n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

// Events in a collector's own SQLite file under `user`.
std::int64_t stored_events(const Collector& c, const std::string& user) {
  return scalar(c, "SELECT COUNT(*) FROM events AS e JOIN event_users AS u ON u.id = e.user WHERE u.user = ?1",
                user);
}

}  // namespace

TEST_CASE("a person erased on the primary is erased from the follower's own events") {
  Cluster cl;
  AdminFixture& p = cl.primary;
  // jane visited as a1 and was identified on the follower only.
  const std::string batch = R"({"batch":[
    {"type":"track","event":"visited","anonymousId":"a1","messageId":"f1"},
    {"type":"identify","userId":"jane","anonymousId":"a1","messageId":"f2"},
    {"type":"track","event":"signed_up","userId":"jane","messageId":"f3"},
    {"type":"track","event":"visited","userId":"bob","messageId":"f4"}]})";
  const std::vector<std::string> key_headers = {"Content-Type: application/json",
                                                "X-Cairn-Write-Key: " + p.write_key};
  REQUIRE(cl.http.request("POST", cl.follower.url("/v1/batch"), batch, key_headers).status == 200);
  REQUIRE(eventually([&] { return stored_events(cl.follower, "jane") == 2; }));
  CHECK(cl.http.get(cl.follower.url("/metrics")).body.find("\ncairn_erasure_replays_total 0\n") !=
        std::string::npos);

  REQUIRE(p.http.request("DELETE", cl.api("/people/jane"), "", p.admin.headers()).status == 200);
  CHECK(eventually([&] { return stored_events(cl.follower, "jane") + stored_events(cl.follower, "a1") == 0; }));
  CHECK(stored_events(cl.follower, "bob") == 1);
  // Counted once the replay finished (after the SQLite step the wait above sees).
  CHECK(eventually([&] {
    return cl.http.get(cl.follower.url("/metrics")).body.find("\ncairn_erasure_replays_total 1\n") !=
           std::string::npos;
  }));
  CHECK(cl.http.get(cl.follower.url("/metrics")).body.find("\ncairn_person_erased_events_total 3\n") !=
        std::string::npos);  // f1, f2, f3.

  // The SDK retries the batch on the follower: the erased events stay erased.
  REQUIRE(cl.http.request("POST", cl.follower.url("/v1/batch"), batch, key_headers).status == 200);
  CHECK(stored_events(cl.follower, "jane") == 0);
  CHECK(stored_events(cl.follower, "a1") == 0);

  // jane comes back after the erasure; a restarted follower reapplies the
  // snapshot (its ETag is not kept) but repeats no erasure, so she stays.
  REQUIRE(cl.http.request("POST", cl.follower.url("/v1/batch"),
                          R"({"batch":[{"type":"track","event":"visited","userId":"jane","messageId":"f5"}]})",
                          key_headers)
              .status == 200);
  REQUIRE(eventually([&] { return stored_events(cl.follower, "jane") == 1; }));
  REQUIRE(cl.follower.terminate() == 0);
  REQUIRE(cl.follower.start(Cluster::follower_flags(p.c.url(""))));
  // An unchanged poll means the snapshot's ETag was kept: its erasures were replayed (as nothing).
  REQUIRE(eventually([&] {
    const std::string metrics = cl.http.get(cl.follower.url("/metrics")).body;
    const std::string line = "cairn_follower_syncs_total{result=\"unchanged\"} ";
    const std::size_t at = metrics.find(line);
    return at != std::string::npos && metrics.compare(at + line.size(), 2, "0\n") != 0;
  }));
  CHECK(stored_events(cl.follower, "jane") == 1);
  CHECK(cl.follower.terminate() == 0);
}

TEST_CASE("an app deleted on the primary is deleted on the follower with the events it ingested") {
  Cluster cl;
  AdminFixture& p = cl.primary;
  const auto [kept_id, kept_key] = p.c.create_app("Kept", {"http://localhost:3000"});
  REQUIRE(cl.accepts(kept_key));
  const std::vector<std::string> key_headers = {"Content-Type: application/json",
                                                "X-Cairn-Write-Key: " + p.write_key};
  REQUIRE(cl.http.request("POST", cl.follower.url("/v1/batch"), visits_batch("f"), key_headers).status == 200);
  REQUIRE(cl.http.request("POST", cl.follower.url("/v1/batch"), visits_batch("k"),
                          {"Content-Type: application/json", "X-Cairn-Write-Key: " + kept_key})
              .status == 200);
  REQUIRE(stored_events(cl.follower, "u0") == 2);  // One per app.

  HttpResult deleted = p.http.request("DELETE", cl.api(""), R"({"confirm_name":"Demo"})", p.admin.headers());
  INFO(deleted.body);
  REQUIRE(deleted.status == 200);
  CHECK(cl.refuses(p.write_key));
  // The follower's own events of the app are purged; the other app's stay.
  CHECK(eventually([&] { return stored_events(cl.follower, "u0") == 1; }));
  CHECK(eventually([&] {
    const std::string metrics = cl.http.get(cl.follower.url("/metrics")).body;
    const std::string line = "\ncairn_app_purge_rows_deleted_total ";
    const std::size_t at = metrics.find(line);
    // At least the batch's 5 events and 5 users.
    return at != std::string::npos && std::stoll(metrics.substr(at + line.size())) >= 10;
  }));
  CHECK(cl.http.get(cl.follower.url("/metrics")).body.find("\ncairn_app_purges_pending 0\n") != std::string::npos);
  CHECK(cl.ingest(kept_key) == 200);

  // A restarted follower applies the snapshot again and deletes nothing more.
  REQUIRE(cl.follower.terminate() == 0);
  REQUIRE(cl.follower.start(Cluster::follower_flags(p.c.url(""))));
  CHECK(cl.accepts(kept_key));
  CHECK(cl.ingest(p.write_key) == 401);
  CHECK(stored_events(cl.follower, "u0") == 1);
  CHECK(cl.follower.terminate() == 0);
}

namespace {

// Posts batches of 5 events with `key` to the follower until it answers 401
// (bounded: 15 s); counts in `accepted_late` the 200s of requests sent once
// `deleted` was set.
void send_until_refused(const Collector& follower, const std::string& key, int sender,
                        const std::atomic<bool>& deleted, std::atomic<int>& accepted_late) {
  Http http;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
    std::string events;
    for (int j = 0; j < 5; ++j) {
      events += std::string(j ? "," : "") + R"({"type":"track","event":"late","userId":"late-)" +
                std::to_string(sender) + R"(","messageId":"m)" + std::to_string(sender) + "-" +
                std::to_string(i) + "-" + std::to_string(j) + R"("})";
    }
    const bool after = deleted.load();
    const long status = http.request("POST", follower.url("/v1/batch"), R"({"batch":[)" + events + "]}",
                                     {"Content-Type: application/json", "X-Cairn-Write-Key: " + key})
                            .status;
    if (status == 401) return;
    if (status == 200 && after) ++accepted_late;
  }
}

}  // namespace

// The follower learns of the deletion at its next poll (1 s here): the
// batches it accepted meanwhile, and those in flight while the snapshot
// was applied, are stored and purged, or dropped by its event store, never
// left behind (cluster/snapshot_apply.h).
TEST_CASE("events a follower accepts between an app's deletion and its next poll do not survive its purge") {
  Cluster cl("1000");
  AdminFixture& p = cl.primary;
  // The follower's ingest and the primary's DELETE race; an attempt counts
  // once some batch was accepted after the deletion (the poll can fall
  // within the first milliseconds: then another app is tried).
  int accepted_late = 0;
  int apps_deleted = 0;
  for (int attempt = 0; attempt < 3 && accepted_late == 0; ++attempt) {
    const std::string name = "Late " + std::to_string(attempt);
    const auto [app_id, key] = p.c.create_app(name, {"http://localhost:3000"});
    REQUIRE(cl.accepts(key));
    std::atomic<bool> deleted{false};
    std::atomic<int> late{0};
    std::vector<std::thread> senders;
    for (int sender = 0; sender < 2; ++sender) {
      senders.emplace_back([&, sender, key = key] { send_until_refused(cl.follower, key, sender, deleted, late); });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // Some batches before the deletion.
    HttpResult gone = p.http.request("DELETE", p.c.url("/api/apps/" + app_id),
                                     R"({"confirm_name":")" + name + R"("})", p.admin.headers());
    deleted = true;
    for (std::thread& t : senders) t.join();
    INFO(gone.body);
    REQUIRE(gone.status == 200);
    ++apps_deleted;
    CHECK(cl.ingest(key) == 401);  // Each sender stopped at a 401, not at its time limit.
    accepted_late = late.load();
  }
  INFO("batches accepted after the deletion: " << accepted_late);
  REQUIRE(accepted_late > 0);

  // Every request has its answer: whatever was accepted is committed or
  // dropped. Once the follower's purges finished, nothing of the apps is left.
  const char* kUnfinished = "SELECT COUNT(*) FROM app_purges WHERE finished_at_ms IS NULL";
  CHECK(eventually([&] {
    return scalar(cl.follower, "SELECT COUNT(*) FROM app_purges") == apps_deleted &&
           scalar(cl.follower, kUnfinished) == 0;
  }));
  // Rows of any app but the fixture's "Demo" (kept; its dictionary row
  // stays): a survivor's app row may be gone, so not "of the deleted apps".
  const char* kOthersEvents =
      "SELECT COUNT(*) FROM events WHERE app NOT IN (SELECT id FROM event_apps WHERE app_id = ?1)";
  const char* kOthersUsers =
      "SELECT COUNT(*) FROM event_users WHERE app NOT IN (SELECT id FROM event_apps WHERE app_id = ?1)";
  CHECK(scalar(cl.follower, kOthersEvents, p.app_id) == 0);
  CHECK(scalar(cl.follower, kOthersUsers, p.app_id) == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(scalar(cl.follower, kOthersEvents, p.app_id) == 0);
  CHECK(scalar(cl.follower, "SELECT COUNT(*) FROM events") > 0);  // Demo's, from the fixture: the query sees rows.
  CHECK(cl.follower.terminate() == 0);
}
