// The query pool against the real binary: analytics, catalog and people
// queries run on threads of their own (--query-threads), so a slow one (the
// start-up warm-up's index build, a catalog's first fold) never holds up
// /healthz or /v1/batch on the I/O threads; when more queries wait than
// --query-queue allows, the routes answer 503 busy with Retry-After.
//
// Timings are compared with each other, never with fixed budgets, so a loaded
// CI machine slows both sides alike.
#include "server_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

using namespace cairn::server_test;

namespace {

using Clock = std::chrono::steady_clock;

// Enough events that the analytics index build and the catalog's first fold
// take a while (a few hundred ms here), ingested in full batches.
constexpr int kBatches = 60;
constexpr int kBatchEvents = 1000;

std::string batch_json(int batch, int events) {
  static const char* const kNames[] = {"Project Created", "Invite Sent", "Report Viewed", "Plan Changed"};
  std::string out = R"({"batch": [)";
  for (int i = 0; i < events; ++i) {
    const int n = batch * kBatchEvents + i;
    if (i > 0) out += ',';
    const std::string ts = "2026-11-2" + std::to_string(n % 3) + "T1" + std::to_string(n % 10) + ":00:00.000Z";
    out += R"({"type": "track", "event": ")" + std::string(kNames[n % 4]) + R"(", "userId": "u)" +
           std::to_string(n % 2000) + R"(", "messageId": "m)" + std::to_string(batch) + "-" +
           std::to_string(i) + R"(", "timestamp": ")" + ts + R"(", "properties": {"plan": "p)" +
           std::to_string(n % 7) + R"(", "n": )" + std::to_string(n) + "}}";
  }
  return out + "]}";
}

// Ingests kBatches full batches, then restarts the collector with `flags`:
// the restart's warm-up then builds the app's index and catalog from them.
void ingest_and_restart(AdminFixture& f, const std::vector<std::string>& flags) {
  for (int b = 0; b < kBatches; ++b) {
    HttpResult r = f.http.request("POST", f.c.url("/v1/batch"), batch_json(b, kBatchEvents), f.key_headers());
    REQUIRE(r.status == 200);
  }
  REQUIRE(f.c.terminate() == 0);
  REQUIRE(f.c.start(flags));
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("a slow query does not hold up health checks or ingest") {
  // One I/O thread and one query thread: with the queries on the I/O thread,
  // nothing else could be answered while one runs.
  const std::vector<std::string> flags = {"--threads", "1", "--query-threads", "1"};
  AdminFixture f(flags);
  ingest_and_restart(f, flags);

  // The catalog waits for the warm-up's index build on the only query thread,
  // then folds every event: the slow query.
  const Clock::time_point started = Clock::now();
  std::future<std::pair<HttpResult, Clock::time_point>> slow = std::async(std::launch::async, [&] {
    Http own;
    HttpResult r = own.get(f.c.url("/api/apps/" + f.app_id + "/catalog"), f.admin.headers());
    return std::make_pair(r, Clock::now());
  });

  // Health checks and small batches, one after the other, until the slow
  // query answered (bounded: 2,000 rounds).
  Http side;
  int health_ok = 0, batches_ok = 0;
  std::vector<Clock::time_point> answered;
  double slowest_side_ms = 0;
  for (int round = 0; round < 2000; ++round) {
    if (slow.wait_for(std::chrono::seconds(0)) == std::future_status::ready) break;
    Clock::time_point t = Clock::now();
    HttpResult health = side.get(f.c.url("/healthz"));
    health_ok += health.status == 200;
    HttpResult ingested = side.request("POST", f.c.url("/v1/batch"),
                                       batch_json(kBatches + round, 1), f.key_headers());
    batches_ok += ingested.status == 200;
    slowest_side_ms = std::max(slowest_side_ms, ms_since(t));
    answered.push_back(Clock::now());
  }
  auto [catalog, catalog_done] = slow.get();
  const double slow_ms = std::chrono::duration<double, std::milli>(catalog_done - started).count();
  INFO("catalog " << slow_ms << " ms; slowest health check + batch " << slowest_side_ms << " ms; rounds "
                  << answered.size());
  REQUIRE(catalog.status == 200);
  CHECK(catalog.json().at("events").to_number<std::int64_t>() >= kBatches * kBatchEvents);

  // Rounds finished in the second half of the slow query's time: answered
  // while it ran, not squeezed in before it reached a thread (with the query
  // on the only I/O thread there would be none).
  const Clock::time_point second_half = started + (catalog_done - started) / 2;
  int during = 0;
  for (Clock::time_point t : answered) during += t > second_half && t < catalog_done;
  INFO("rounds in the second half: " << during);
  CHECK(during >= 2);
  CHECK(health_ok >= 3);
  CHECK(batches_ok >= 3);
  CHECK(slowest_side_ms < slow_ms);

  // The warm-up reports its progress in /metrics and ends at 0.
  bool warm = false;
  for (int i = 0; i < 300 && !warm; ++i) {
    HttpResult metrics = side.get(f.c.url("/metrics"));
    REQUIRE(metrics.status == 200);
    REQUIRE(metrics.body.find("cairn_warmup_pending") != std::string::npos);
    warm = metrics.body.find("\ncairn_warmup_pending 0\n") != std::string::npos;
    if (!warm) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(warm);
}

TEST_CASE("queries beyond the query queue are answered 503 busy with Retry-After") {
  // One query thread (busy with the warm-up's index build) and one queue slot.
  const std::vector<std::string> flags = {"--query-threads", "1", "--query-queue", "1"};
  AdminFixture f(flags);
  ingest_and_restart(f, flags);

  const std::string body = R"({"limit": 5})";
  std::vector<std::future<HttpResult>> sent;
  for (int i = 0; i < 10; ++i) {
    sent.push_back(std::async(std::launch::async, [&] {
      Http own;
      return own.request("POST", f.c.url("/api/apps/" + f.app_id + "/analytics/stuck"), body,
                         f.admin.headers());
    }));
  }
  int ok = 0, busy = 0;
  for (std::future<HttpResult>& s : sent) {
    HttpResult r = s.get();
    INFO(r.status << " " << r.body);
    if (r.status == 503) {
      ++busy;
      CHECK(r.error_code() == "busy");
      CHECK(r.header("retry-after") == "1");
      CHECK(r.header("cache-control") == "no-store");
    } else {
      CHECK(r.status == 200);
      ++ok;
    }
  }
  CHECK(busy >= 1);
  CHECK(ok >= 1);
  // Refused queries leave nothing behind: the collector answers normally.
  CHECK(f.http.get(f.c.url("/healthz")).status == 200);
}
