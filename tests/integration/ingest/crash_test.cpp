// The durability claim, tested: while clients ingest continuously, the
// collector is SIGKILLed several times and restarted; afterwards every
// messageId that was ever acknowledged with a 2xx is in the database, and the
// database passes PRAGMA integrity_check.
#include "collector_process.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <boost/json/parse.hpp>
#include <mutex>
#include <random>
#include <set>
#include <thread>

namespace ct = cairn::testing;
namespace bj = boost::json;

namespace {

constexpr int kKills = 5;
constexpr int kClients = 3;
constexpr int kEventsPerBatch = 20;
// Each life of the collector lasts a random time in this range before SIGKILL.
constexpr int kMinLifeMs = 300, kMaxLifeMs = 900;

struct Acknowledged {
  std::mutex mutex;
  std::set<std::string> ids;
  std::atomic<int> batches{0};
  std::atomic<int> failures{0};  // Transport errors and 5xx: expected around kills.
};

// Sends batches to `url` until `stop`; records the ids of acknowledged batches.
void ingest_until(const std::string& url, const std::string& key, int client, int life,
                  std::atomic<bool>& stop, Acknowledged& acked) {
  ct::HttpClient http;
  for (int seq = 0; !stop; ++seq) {
    std::vector<std::string> ids;
    std::string body = R"({"batch": [)";
    for (int i = 0; i < kEventsPerBatch; ++i) {
      char id[64];
      std::snprintf(id, sizeof id, "c%d-l%d-s%d-e%d", client, life, seq, i);
      ids.emplace_back(id);
      if (i) body += ",";
      body += R"({"type": "track", "event": "Crash Test", "userId": "user-)" + std::to_string(seq % 50) +
              R"(", "messageId": ")" + ids.back() + R"(", "properties": {"i": )" + std::to_string(i) + "}}";
    }
    body += "]}";
    ct::HttpResult r = http.post(url, body, {"X-Cairn-Write-Key: " + key, "Content-Type: application/json"}, 5000);
    if (r.status != 200) {
      ++acked.failures;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    bj::value answer = bj::parse(r.body);
    const auto stored = answer.at("stored").to_number<std::int64_t>();
    const auto duplicates = answer.at("duplicates").to_number<std::int64_t>();
    REQUIRE(stored + duplicates == kEventsPerBatch);
    std::lock_guard lock(acked.mutex);
    acked.ids.insert(ids.begin(), ids.end());
    ++acked.batches;
  }
}

}  // namespace

TEST_CASE("every acknowledged event survives repeated SIGKILL and the database stays intact") {
  const std::string binary = ct::ingest_binary();
  INFO("binary: " << binary);
  ct::TempDir dir;
  std::optional<std::string> key = ct::create_app(binary, dir.path(), "crash");
  REQUIRE(key);

  Acknowledged acked;
  std::mt19937 rng(12345);
  for (int life = 0; life < kKills; ++life) {
    ct::CollectorProcess collector;
    REQUIRE(collector.start(binary, dir.path()));
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back(ingest_until, collector.base_url() + "/v1/batch", *key, c, life, std::ref(stop),
                           std::ref(acked));
    }
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(kMinLifeMs, kMaxLifeMs)(rng)));
    collector.kill_hard();  // Mid-request: some batches are in flight or mid-commit.
    stop = true;
    for (std::thread& t : clients) t.join();
  }
  INFO("acknowledged batches: " << acked.batches << ", failed requests: " << acked.failures);
  // The test means something only if plenty was acknowledged between kills.
  REQUIRE(acked.batches >= kKills * 5);

  // Open the database as the next start would (WAL recovery) and check it.
  std::string integrity;
  const std::set<std::string> stored = ct::stored_message_ids(dir.path(), &integrity);
  CHECK(integrity == "ok");

  std::size_t missing = 0;
  std::string first_missing;
  for (const std::string& id : acked.ids) {
    if (!stored.count(id)) {
      if (!missing) first_missing = id;
      ++missing;
    }
  }
  INFO("acknowledged " << acked.ids.size() << ", stored " << stored.size() << ", first missing " << first_missing);
  CHECK(missing == 0);
  CHECK(stored.size() >= acked.ids.size());

  // And the collector starts again on the crashed database and keeps ingesting.
  ct::CollectorProcess again;
  REQUIRE(again.start(binary, dir.path()));
  ct::HttpClient http;
  ct::HttpResult r = http.post(again.base_url() + "/v1/batch",
                               R"({"batch": [{"type": "track", "event": "After", "userId": "u", "messageId": "after"}]})",
                               {"X-Cairn-Write-Key: " + *key});
  CHECK(r.status == 200);
  CHECK(again.stop() == 0);
}
