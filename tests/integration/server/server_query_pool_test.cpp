// The query pool against the real binary: analytics, catalog and people
// queries run on threads of their own (--query-threads), so a slow one (the
// start-up warm-up's index build, a catalog's first fold) never holds up
// /healthz or /v1/batch on the I/O threads; when more queries wait than
// --query-queue allows, the routes answer 503 busy with Retry-After.
//
// Timings are compared with each other, never with fixed budgets, so a loaded
// CI machine slows both sides alike. The busy test holds the query thread
// with a query the test releases (HeldClickHouse), so it needs no timing.
#include "server_fixture.h"

#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
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

// A stand-in for ClickHouse's HTTP interface on 127.0.0.1 that answers every
// request 500 at once, except those whose text contains `hold`: those get no
// answer until release(), so the collector's query thread that sent one
// stays busy exactly as long as the test wants.
class HeldClickHouse {
 public:
  explicit HeldClickHouse(std::string hold) : hold_(std::move(hold)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) == 0);
    REQUIRE(::listen(listener_, 16) == 0);
    REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~HeldClickHouse() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }

  int port() const { return port_; }
  // Waits (up to 30 s) until a request to hold arrived.
  bool wait_for_held() {
    std::unique_lock<std::mutex> lock(mutex_);
    return held_.wait_for(lock, std::chrono::seconds(30), [&] { return holding_; });
  }
  // Answers the held requests (500) and every later one at once.
  void release() { released_ = true; }

 private:
  struct Connection {
    int fd;
    std::string received;
  };

  // Whole when the headers ended and Content-Length bytes followed them.
  static bool whole(const std::string& request) {
    const std::size_t end = request.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const std::size_t length = request.find("Content-Length: ");
    const std::size_t body = length == std::string::npos || length > end ? 0 : std::stoul(request.substr(length + 16));
    return request.size() >= end + 4 + body;
  }

  void serve() {
    std::vector<Connection> connections;
    while (!stop_) {
      std::vector<pollfd> fds{{listener_, POLLIN, 0}};
      for (const Connection& c : connections) fds.push_back({c.fd, POLLIN, 0});
      ::poll(fds.data(), fds.size(), 20);
      if (fds[0].revents & POLLIN) connections.push_back({::accept(listener_, nullptr, nullptr), ""});
      for (std::size_t i = 0; i < connections.size(); ++i) {
        Connection& c = connections[i];
        if (i + 1 < fds.size() && (fds[i + 1].revents & (POLLIN | POLLHUP))) {
          char buffer[65536];
          const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
          if (n <= 0) {  // The client gave up or closed.
            ::close(c.fd);
            c.fd = -1;
            continue;
          }
          c.received.append(buffer, static_cast<std::size_t>(n));
        }
        if (!whole(c.received)) continue;
        if (c.received.find(hold_) != std::string::npos && !released_) {
          std::lock_guard<std::mutex> lock(mutex_);
          holding_ = true;
          held_.notify_all();
          continue;
        }
        const std::string answer = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n"
                                   "Connection: close\r\n\r\nheld";
        (void)::send(c.fd, answer.data(), answer.size(), MSG_NOSIGNAL);
        ::close(c.fd);
        c.fd = -1;
      }
      std::erase_if(connections, [](const Connection& c) { return c.fd < 0; });
    }
    for (const Connection& c : connections) ::close(c.fd);
  }

  const std::string hold_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> released_{false};
  std::mutex mutex_;
  std::condition_variable held_;
  bool holding_ = false;
};

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
  // One query thread, held by a stuck report whose first ClickHouse query
  // (the app's row counts, countIf) gets no answer until released, and one
  // queue slot: of two more queries one waits in the slot, the other is
  // refused at once, whatever the timing.
  HeldClickHouse clickhouse("countIf(");
  const std::vector<std::string> flags = {"--query-threads", "1", "--query-queue", "1", "--store",
                                          "clickhouse://127.0.0.1:" + std::to_string(clickhouse.port()) + "/cairn"};
  AdminFixture f(flags);

  const std::string body = R"({"limit": 5})";
  auto send = [&] {
    return std::async(std::launch::async, [&] {
      Http own;
      return own.request("POST", f.c.url("/api/apps/" + f.app_id + "/analytics/stuck"), body,
                         f.admin.headers());
    });
  };
  std::future<HttpResult> held = send();
  REQUIRE(clickhouse.wait_for_held());  // The query thread is busy with it.
  std::vector<std::future<HttpResult>> more;
  more.push_back(send());
  more.push_back(send());
  // The refused one answers while the other still waits behind the held query (bounded: 30 s).
  int refused = -1;
  for (int i = 0; i < 3000 && refused < 0; ++i) {
    for (int k = 0; k < 2 && refused < 0; ++k) {
      if (more[k].wait_for(std::chrono::milliseconds(5)) == std::future_status::ready) refused = k;
    }
  }
  REQUIRE(refused >= 0);
  HttpResult busy = more[refused].get();
  INFO(busy.status << " " << busy.body);
  CHECK(busy.status == 503);
  CHECK(busy.error_code() == "busy");
  CHECK(busy.header("retry-after") == "1");
  CHECK(busy.header("cache-control") == "no-store");
  CHECK(held.wait_for(std::chrono::seconds(0)) != std::future_status::ready);
  CHECK(more[1 - refused].wait_for(std::chrono::seconds(0)) != std::future_status::ready);

  // Released, the held and the queued queries are answered (ClickHouse
  // failed them: 503 store_unavailable, not busy).
  clickhouse.release();
  for (std::future<HttpResult>* answered : {&held, &more[1 - refused]}) {
    HttpResult r = answered->get();
    INFO(r.status << " " << r.body);
    CHECK(r.status == 503);
    CHECK(r.error_code() == "store_unavailable");
  }
  // Refused queries leave nothing behind: the collector answers normally.
  CHECK(f.http.get(f.c.url("/healthz")).status == 200);
}
