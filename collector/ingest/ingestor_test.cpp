#include "support/deflate.h"
#include "support/temp_database.h"
#include "ingest/ingestor.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <thread>

namespace ci = cairn::ingest;
namespace cs = cairn::store;
namespace bj = boost::json;
namespace http = cairn::http;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1795425355000;  // 2026-11-23T09:15:55Z, the collector's clock.
const std::string kKey = "cwk_test";

class FakeKeys final : public ci::WriteKeyResolver {
 public:
  std::optional<cairn::admin::ResolvedKey> resolve(const std::string& key) override {
    std::lock_guard lock(mutex_);
    ++calls;
    if (key == kKey) return cairn::admin::ResolvedKey{"app_test", {"https://app.example.com"}};
    if (key == "cwk_other") return cairn::admin::ResolvedKey{"app_other", {}};
    return std::nullopt;
  }
  bool any_app_allows_origin(const std::string& origin) override { return origin == "https://app.example.com"; }
  int calls = 0;

 private:
  std::mutex mutex_;
};

// An Ingestor over a real EventStore in a temp dir.
class Fixture {
 public:
  explicit Fixture(std::size_t max_queued = cs::kMaxQueuedEvents) {
    std::string pattern = (fs::temp_directory_path() / "cairn-ingest-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    cs::EventStore::Options options;
    options.path = dir_ + "/cairn.db";
    options.max_queued_events = max_queued;
    std::string error;
    store = cs::EventStore::open(options, &error);
    REQUIRE(store);
    ingestor = std::make_unique<ci::Ingestor>(keys, *store, registry, ci::IngestLimits{}, [] { return kNow; });
    ingestor->add_routes(router);
  }
  ~Fixture() {
    ingestor.reset();
    store.reset();
    fs::remove_all(dir_);
  }

  http::Response post(const std::string& path, std::string body, std::map<std::string, std::string> headers = {}) {
    http::Request r;
    r.method = "POST";
    r.target = r.path = path;
    r.body = std::move(body);
    for (auto& [k, v] : headers) r.headers.emplace(k, v);
    std::promise<http::Response> promise;
    auto future = promise.get_future();
    router.dispatch(r, [&](http::Response response) { promise.set_value(std::move(response)); });
    return future.get();
  }

  std::int64_t count(const std::string& sql) { return cairn::testing::sqlite_count(dir_ + "/cairn.db", sql); }
  std::string text(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open((dir_ + "/cairn.db").c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW &&
        sqlite3_column_text(stmt, 0)) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }

  FakeKeys keys;
  cairn::metrics::Registry registry;
  std::unique_ptr<cs::EventStore> store;
  std::unique_ptr<ci::Ingestor> ingestor;
  http::Router router;

 private:
  std::string dir_;
};

std::map<std::string, std::string> auth() { return {{"X-Cairn-Write-Key", kKey}}; }

bj::value body_of(const http::Response& r) { return bj::parse(r.body); }

std::string error_code(const http::Response& r) {
  const bj::value v = body_of(r);
  return std::string(v.at("error").at("code").as_string());
}

std::string track(const std::string& message_id, const std::string& extra = "") {
  return R"({"type": "track", "event": "Clicked", "userId": "u1", "messageId": ")" + message_id + "\"" + extra + "}";
}

}  // namespace

TEST_CASE("ingest stores the good events of a batch and lists the bad ones") {
  Fixture f;
  http::Response r = f.post("/v1/batch", R"({"batch": [)" + track("m1") + "," +
                                             R"({"type": "track", "userId": "u1"},)" + track("m2") + "," +
                                             track("m3", R"(, "timestamp": "noon")") + "]}",
                            auth());
  INFO(r.body);
  REQUIRE(r.status == 200);
  bj::value body = body_of(r);
  CHECK(body.at("accepted") == 2);
  CHECK(body.at("stored") == 2);
  CHECK(body.at("duplicates") == 0);
  const bj::array& rejected = body.at("rejected").as_array();
  REQUIRE(rejected.size() == 2);
  CHECK(rejected[0].at("index") == 1);
  CHECK(rejected[0].at("problems").at(0).at("pointer") == "/batch/1/event");
  CHECK(rejected[1].at("index") == 3);
  CHECK(rejected[1].at("problems").at(0).at("pointer") == "/batch/3/timestamp");
  CHECK(f.count("SELECT COUNT(*) FROM events") == 2);
  CHECK(f.registry.counter("cairn_events_rejected_total", "", {{"reason", "invalid_event"}}).value() == 2);
}

TEST_CASE("ingest refuses a request whose every event is bad and stores nothing") {
  Fixture f;
  http::Response r = f.post("/v1/batch", R"({"batch": [{"type": "track"}, 5]})", auth());
  CHECK(r.status == 400);
  CHECK(error_code(r) == "invalid_events");
  const bj::value body = body_of(r);
  const bj::array& problems = body.at("error").at("problems").as_array();
  CHECK(problems.size() >= 3);
  CHECK(problems.back().at("pointer") == "/batch/1");
  CHECK(f.count("SELECT COUNT(*) FROM events") == 0);
}

TEST_CASE("ingest corrects client clock skew and keeps context and unknown fields") {
  Fixture f;
  // The client's clock is 1 h behind the collector's.
  http::Response r = f.post("/v1/batch", R"({"sentAt": "2026-11-23T08:15:55.000Z", "context": {"locale": "de"}, "batch": [
      {"type": "track", "event": "Saved", "userId": "u", "anonymousId": "a", "messageId": "m",
       "timestamp": "2026-11-23T08:15:50.000Z", "properties": {"n": 1}, "integrations": {"x": true}}]})",
                            auth());
  REQUIRE(r.status == 200);
  CHECK(f.count("SELECT time_ms FROM events") == kNow - 5000);
  CHECK(f.count("SELECT received_ms FROM events") == kNow);
  CHECK(f.text("SELECT properties FROM events") == R"({"n":1})");
  CHECK(f.text("SELECT anonymous_id FROM events") == "a");
  bj::value extra = bj::parse(f.text("SELECT extra FROM events"));
  CHECK(extra.at("context").at("locale") == "de");
  CHECK(extra.at("integrations").at("x") == true);
  CHECK(extra.at("timestamp") == kNow - 3600000 - 5000);
  CHECK(f.text("SELECT u.user FROM events e JOIN event_users u ON u.id = e.user") == "u");
}

TEST_CASE("ingest deduplicates a retried batch by messageId") {
  Fixture f;
  std::string batch = R"({"batch": [)" + track("a") + "," + track("b") + "]}";
  CHECK(body_of(f.post("/v1/batch", batch, auth())).at("stored") == 2);
  bj::value again = body_of(f.post("/v1/batch", batch, auth()));
  CHECK(again.at("stored") == 0);
  CHECK(again.at("duplicates") == 2);
  // Another app's identical ids are its own events.
  CHECK(body_of(f.post("/v1/batch", batch, {{"X-Cairn-Write-Key", "cwk_other"}})).at("stored") == 2);
  CHECK(f.count("SELECT COUNT(*) FROM events") == 4);
}

TEST_CASE("ingest gives events without a messageId a unique server id") {
  Fixture f;
  std::string e = R"({"type": "page", "anonymousId": "a"})";
  http::Response r = f.post("/v1/batch", "{\"batch\": [" + e + "," + e + "]}", auth());
  CHECK(body_of(r).at("stored") == 2);
  CHECK(f.count("SELECT COUNT(DISTINCT message_id) FROM events WHERE message_id LIKE 'srv-%'") == 2);
  CHECK(f.text("SELECT n.name FROM events e JOIN event_names n ON n.id = e.name") == "$page");
}

TEST_CASE("single-event endpoints imply the type and take the key from the body") {
  Fixture f;
  http::Response ok = f.post("/v1/track", R"({"event": "Clicked", "userId": "u", "writeKey": "cwk_test"})");
  INFO(ok.body);
  CHECK(ok.status == 200);
  CHECK(body_of(ok).at("stored") == 1);
  CHECK(f.count("SELECT COUNT(*) FROM events WHERE extra LIKE '%cwk_test%'") == 0);  // The secret is not stored.
  http::Response group = f.post("/v1/group", R"({"userId": "u", "groupId": "acme"})", auth());
  CHECK(group.status == 200);
  http::Response mismatch = f.post("/v1/identify", R"({"type": "track", "event": "x", "userId": "u"})", auth());
  CHECK(mismatch.status == 400);
  CHECK(error_code(mismatch) == "invalid_events");
  CHECK(body_of(mismatch).at("error").at("problems").at(0).at("pointer") == "/type");
  CHECK(f.count("SELECT COUNT(*) FROM events") == 2);
}

TEST_CASE("ingest authenticates by header or body key") {
  Fixture f;
  const std::string batch = R"({"batch": [)" + track("m") + "]}";
  CHECK(error_code(f.post("/v1/batch", batch)) == "missing_write_key");
  CHECK(f.post("/v1/batch", batch).status == 401);
  http::Response bad = f.post("/v1/batch", batch, {{"X-Cairn-Write-Key", "cwk_nope"}});
  CHECK(bad.status == 401);
  CHECK(error_code(bad) == "invalid_write_key");
  // A bad header key is refused before the body is even decoded.
  CHECK(error_code(f.post("/v1/batch", "not json", {{"X-Cairn-Write-Key", "cwk_nope"}})) == "invalid_write_key");
  CHECK(error_code(f.post("/v1/batch", R"({"writeKey": "cwk_nope", "batch": []})")) == "invalid_write_key");
  // Segment's convention: Basic base64("key:"). "cwk_test:" in base64:
  CHECK(f.post("/v1/batch", batch, {{"Authorization", "Basic Y3drX3Rlc3Q6"}}).status == 200);
  CHECK(f.post("/v1/batch", R"({"writeKey": "cwk_test", "batch": [)" + track("m2") + "]}").status == 200);
  CHECK(f.count("SELECT COUNT(*) FROM events") == 2);
}

TEST_CASE("ingest decodes gzip and refuses bad bodies with the right status") {
  Fixture f;
  const std::string batch = R"({"batch": [)" + track("gz") + "]}";
  http::Response ok = f.post("/v1/batch", cairn::testing::deflate_body(batch), {{"X-Cairn-Write-Key", kKey}, {"Content-Encoding", "gzip"}});
  CHECK(ok.status == 200);
  CHECK(f.count("SELECT COUNT(*) FROM events WHERE message_id = 'gz'") == 1);

  std::string gz = cairn::testing::deflate_body(batch);
  http::Response truncated = f.post("/v1/batch", gz.substr(0, gz.size() - 4),
                                    {{"X-Cairn-Write-Key", kKey}, {"Content-Encoding", "gzip"}});
  CHECK(truncated.status == 400);
  CHECK(error_code(truncated) == "invalid_gzip");

  http::Response bomb = f.post("/v1/batch", cairn::testing::deflate_body(std::string(ci::kMaxDecompressedBytes + 1, ' ')),
                               {{"X-Cairn-Write-Key", kKey}, {"Content-Encoding", "gzip"}});
  CHECK(bomb.status == 413);
  CHECK(error_code(bomb) == "decompressed_too_large");

  http::Response br = f.post("/v1/batch", batch, {{"X-Cairn-Write-Key", kKey}, {"Content-Encoding", "br"}});
  CHECK(br.status == 415);
  CHECK(error_code(br) == "unsupported_encoding");

  http::Response huge = f.post("/v1/batch", std::string(ci::kMaxBodyBytes + 1, ' '), auth());
  CHECK(huge.status == 413);
  CHECK(error_code(huge) == "body_too_large");

  http::Response json = f.post("/v1/batch", R"({"batch": [)", auth());
  CHECK(json.status == 400);
  CHECK(error_code(json) == "invalid_json");

  http::Response shape = f.post("/v1/batch", R"({"events": []})", auth());
  CHECK(shape.status == 400);
  CHECK(error_code(shape) == "invalid_batch");
  CHECK(body_of(shape).at("error").at("problems").at(0).at("pointer") == "/batch");

  std::string deep = R"({"batch": [{"type":"track","event":"x","userId":"u","properties":)" + std::string(50, '[') +
                     std::string(50, ']') + "}]}";
  http::Response too_deep = f.post("/v1/batch", deep, auth());
  CHECK(too_deep.status == 400);
  CHECK(error_code(too_deep) == "invalid_json");
  CHECK(f.count("SELECT COUNT(*) FROM events") == 1);
  CHECK(f.registry.counter("cairn_ingest_refused_total", "", {{"code", "invalid_gzip"}}).value() == 1);
}

TEST_CASE("ingest answers 503 with Retry-After when the store queue is full") {
  Fixture f(5);
  // Occupy the queue: the writer is held inside this completion.
  std::promise<void> release, entered;
  std::shared_future<void> released = release.get_future().share();
  std::vector<cs::StoredEvent> filler(5);
  for (int i = 0; i < 5; ++i) {
    filler[i].user = "u";
    filler[i].name = "n";
    filler[i].message_id = "filler" + std::to_string(i);
  }
  REQUIRE(f.store->submit("app_test", std::move(filler), [&](const cs::WriteOutcome&) {
    entered.set_value();
    released.wait();
  }) == cs::Submit::queued);
  entered.get_future().wait();
  // The held request is committed; this one waits behind it and fills the queue.
  std::vector<cs::StoredEvent> waiting(5);
  for (int i = 0; i < 5; ++i) {
    waiting[i].user = "u";
    waiting[i].name = "n";
    waiting[i].message_id = "waiting" + std::to_string(i);
  }
  REQUIRE(f.store->submit("app_test", std::move(waiting), nullptr) == cs::Submit::queued);
  http::Response busy = f.post("/v1/batch", R"({"batch": [)" + track("m") + "]}", auth());
  CHECK(busy.status == 503);
  CHECK(error_code(busy) == "queue_full");
  CHECK(busy.header("Retry-After") == "1");
  release.set_value();
  // Room again once the waiting request is committed (bounded wait).
  for (int i = 0; i < 500 && f.store->queued_events() != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(f.post("/v1/batch", R"({"batch": [)" + track("m") + "]}", auth()).status == 200);
}

TEST_CASE("ingest answers 503 when the store is closed") {
  Fixture f;
  f.store->close();
  http::Response r = f.post("/v1/batch", R"({"batch": [)" + track("m") + "]}", auth());
  CHECK(r.status == 503);
  CHECK(error_code(r) == "store_unavailable");
  CHECK(r.header("Retry-After") == "1");
}

TEST_CASE("ingest answers with CORS headers for the app's allowed origins only") {
  Fixture f;
  auto headers = auth();
  headers["Origin"] = "https://app.example.com";
  http::Response allowed = f.post("/v1/batch", R"({"batch": [)" + track("c1") + "]}", headers);
  CHECK(allowed.status == 200);
  CHECK(allowed.header("Access-Control-Allow-Origin") == "https://app.example.com");
  headers["Origin"] = "https://evil.example";
  http::Response other = f.post("/v1/batch", R"({"batch": [)" + track("c2") + "]}", headers);
  CHECK(other.status == 200);
  CHECK(other.header("Access-Control-Allow-Origin").empty());
}

TEST_CASE("ingest refusals are readable by the origin that sent them") {
  Fixture f;
  const std::string batch = R"({"batch": [)" + track("r1") + "]}";
  // A wrong key from an origin some app allows (the preflight passed): the
  // browser must be able to read invalid_write_key, not see a CORS error.
  http::Response wrong =
      f.post("/v1/batch", batch, {{"X-Cairn-Write-Key", "cwk_wrong"}, {"Origin", "https://app.example.com"}});
  CHECK(wrong.status == 401);
  CHECK(error_code(wrong) == "invalid_write_key");
  CHECK(wrong.header("Access-Control-Allow-Origin") == "https://app.example.com");
  CHECK(wrong.header("Vary") == "Origin");
  // The same from an origin no app allows: still Vary, no Allow-Origin.
  http::Response foreign =
      f.post("/v1/batch", batch, {{"X-Cairn-Write-Key", "cwk_wrong"}, {"Origin", "https://evil.example"}});
  CHECK(foreign.status == 401);
  CHECK(foreign.header("Access-Control-Allow-Origin").empty());
  CHECK(foreign.header("Vary") == "Origin");
  // A wrong body key and a missing key are answered alike.
  http::Response body_key = f.post("/v1/track", R"({"event": "E", "userId": "u", "writeKey": "cwk_wrong"})",
                                   {{"Origin", "https://app.example.com"}});
  CHECK(error_code(body_key) == "invalid_write_key");
  CHECK(body_key.header("Access-Control-Allow-Origin") == "https://app.example.com");
  http::Response missing = f.post("/v1/batch", batch, {{"Origin", "https://app.example.com"}});
  CHECK(error_code(missing) == "missing_write_key");
  CHECK(missing.header("Access-Control-Allow-Origin") == "https://app.example.com");
  // Once the key is known, its app's origins decide: another app's origin
  // cannot read this app's refusal.
  http::Response bad_json =
      f.post("/v1/batch", "{", {{"X-Cairn-Write-Key", kKey}, {"Origin", "https://app.example.com"}});
  CHECK(error_code(bad_json) == "invalid_json");
  CHECK(bad_json.header("Access-Control-Allow-Origin") == "https://app.example.com");
  http::Response other_app =
      f.post("/v1/batch", "{", {{"X-Cairn-Write-Key", "cwk_other"}, {"Origin", "https://app.example.com"}});
  CHECK(error_code(other_app) == "invalid_json");
  CHECK(other_app.header("Access-Control-Allow-Origin").empty());
  CHECK(f.count("SELECT COUNT(*) FROM events") == 0);
}

TEST_CASE("an empty batch is accepted without touching the store") {
  Fixture f;
  http::Response r = f.post("/v1/batch", R"({"batch": []})", auth());
  CHECK(r.status == 200);
  CHECK(body_of(r).at("accepted") == 0);
}
