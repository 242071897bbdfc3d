// Backpressure and graceful shutdown over HTTP against the real collector:
// with a small store queue (--max-queued-events), concurrent full batches get
// 503 queue_full with Retry-After instead of queueing without bound, and
// nothing acknowledged is lost; SIGTERM stops accepting connections, still
// answers (and stores) the batch in flight, and exits 0.
#include "support/error_body.h"
#include "ingest_fixture.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <future>
#include <mutex>
#include <thread>

namespace ct = cairn::testing;
namespace bj = boost::json;

namespace {

constexpr int kClients = 4;
constexpr int kRequestsPerClient = 10;
constexpr int kEventsPerBatch = 1000;  // A full batch: the whole queue.

struct Outcome {
  std::mutex mutex;
  std::set<std::string> acknowledged;
  std::vector<std::string> refused_bodies;  // One batch refused with 503, to retry later.
  int refused = 0;
  int bad_refusals = 0;  // 503s without Retry-After 1 or the queue_full code.
  int other = 0;
};

std::string batch_body(const std::string& prefix, std::vector<std::string>* ids) {
  bj::array batch;
  for (int i = 0; i < kEventsPerBatch; ++i) {
    ids->push_back(prefix + "-" + std::to_string(i));
    batch.push_back(bj::object{{"type", "track"}, {"event", "Burst"}, {"userId", "u"}, {"messageId", ids->back()}});
  }
  return bj::serialize(bj::object{{"batch", batch}});
}

// The value of the Prometheus sample named exactly `series`, or -1.
double metric(const std::string& text, const std::string& series) {
  const std::string line_start = "\n" + series + " ";
  const std::size_t at = ("\n" + text).find(line_start);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + line_start.size() - 1));
}

}  // namespace

TEST_CASE("a full store queue answers 503 queue_full with Retry-After and loses nothing acknowledged") {
  ct::IngestFixture f({"--max-queued-events", std::to_string(kEventsPerBatch)});
  const std::string url = f.collector.base_url() + "/v1/batch";

  Outcome outcome;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      ct::HttpClient http;
      for (int seq = 0; seq < kRequestsPerClient; ++seq) {
        std::vector<std::string> ids;
        const std::string body = batch_body("c" + std::to_string(c) + "-s" + std::to_string(seq), &ids);
        ct::HttpResult r = http.post(url, body, {f.key_header}, 30000);
        std::lock_guard lock(outcome.mutex);
        if (r.status == 200) {
          outcome.acknowledged.insert(ids.begin(), ids.end());
        } else if (r.status == 503) {
          ++outcome.refused;
          if (r.headers["retry-after"] != "1" || ct::error_code_of(r.body) != "queue_full") ++outcome.bad_refusals;
          if (outcome.refused_bodies.empty()) outcome.refused_bodies.push_back(body);
        } else {
          ++outcome.other;
        }
      }
    });
  }
  for (std::thread& t : clients) t.join();
  INFO("acknowledged events " << outcome.acknowledged.size() << ", refused " << outcome.refused);
  // Four clients pushing full batches at a queue that holds one: some must wait their turn.
  CHECK(outcome.refused > 0);
  CHECK(outcome.bad_refusals == 0);
  CHECK(outcome.other == 0);
  CHECK_FALSE(outcome.acknowledged.empty());

  // A refused batch, retried after Retry-After, is taken (the queue drains).
  if (!outcome.refused_bodies.empty()) {
    long status = 0;
    for (int attempt = 0; attempt < 10 && status != 200; ++attempt) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      status = f.post_batch(outcome.refused_bodies[0]).status;
    }
    CHECK(status == 200);
  }
  // /metrics names the refusals and shows the queue (empty again) and what was stored.
  const std::string metrics = f.http.get(f.collector.base_url() + "/metrics").body;
  CHECK(metric(metrics, R"(cairn_ingest_refused_total{code="queue_full"})") >= outcome.refused);
  CHECK(metric(metrics, "cairn_events_stored_total") >= static_cast<double>(outcome.acknowledged.size()));
  CHECK(metric(metrics, "cairn_store_queued_events") == 0);
  CHECK(f.collector.stop() == 0);
  const std::set<std::string> stored = ct::stored_message_ids(f.dir.path());
  std::size_t missing = 0;
  for (const std::string& id : outcome.acknowledged) missing += stored.count(id) ? 0 : 1;
  CHECK(missing == 0);
}

TEST_CASE("SIGTERM: no new connections, the in-flight batch is answered and stored, exit 0") {
  ct::IngestFixture f({"--body-timeout-ms", "8000"});
  const std::string body =
      R"({"batch": [{"type": "track", "event": "Last", "userId": "u", "messageId": "in-flight"}]})";
  const std::size_t half = body.size() / 2;

  ct::RawConnection raw(f.collector.port());
  REQUIRE(raw.connected());
  REQUIRE(raw.send("POST /v1/batch HTTP/1.1\r\nHost: x\r\n" + f.key_header +
                   "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, half)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // The server is reading the body.
  std::future<int> exit_status = std::async(std::launch::async, [&f] { return f.collector.stop(); });

  // The listener closes once the signal is handled (bounded wait on a loaded machine).
  ct::HttpClient late;
  long late_status = -1;
  for (int attempt = 0; attempt < 30 && late_status != 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    late_status = late.post(f.collector.base_url() + "/v1/batch",
                            R"({"batch": [{"type": "track", "event": "Late", "userId": "u"}]})", {f.key_header}, 2000)
                      .status;
  }
  CHECK(late_status == 0);  // Refused: no new connection is accepted.
  REQUIRE(raw.send(body.substr(half)));
  const std::string answer = raw.read_all(std::chrono::seconds(10));
  CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(answer.find("\"stored\":1") != std::string::npos);
  CHECK(exit_status.get() == 0);
  CHECK(ct::stored_message_ids(f.dir.path()).count("in-flight") == 1);
}
