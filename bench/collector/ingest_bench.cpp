// cairn_collector_bench: ingest throughput and latency of the collector with
// durable acknowledgement, beside ClickHouse's own HTTP insert (JSONEachRow) of
// the same events, in the same run, on loopback.
//
//   cairn_collector_bench --collector build/release/collector/cairn-collector
//       [--seconds 5] [--clients 8] [--batches 1,20,100]
//       [--clickhouse-server /usr/sbin/clickhouse-server] [--no-clickhouse]
//
// For each batch size: a fresh data dir and collector, `clients` threads each
// POSTing batches in a closed loop (keep-alive) for `seconds`; events/s counts
// acknowledged events only; latency is per request. ClickHouse gets the same
// rows (message_id, user, name, time, properties) into a MergeTree table with
// its defaults (no fsync: the Debian build has no fsync_after_insert). Prints a
// Markdown table (bench/collector/README.md).
#include "collector_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace ct = cairn::testing;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string collector;
  std::string clickhouse = "/usr/sbin/clickhouse-server";
  bool with_clickhouse = true;
  double seconds = 5;
  int clients = 8;
  std::vector<int> batches = {1, 20, 100};
};

struct RunResult {
  double events_per_second = 0;
  double p50_ms = 0, p99_ms = 0;
  std::size_t requests = 0, failures = 0;
};

// Builds one request body for batch `seq` of `client`.
using BodyMaker = std::function<std::string(int client, long seq, int batch)>;
using Sender = std::function<ct::HttpResult(ct::HttpClient&, const std::string& body)>;

RunResult run_load(const BodyMaker& make, const Sender& send, int clients, int batch, double seconds) {
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<double> latencies;
  std::size_t ok_events = 0, failures = 0;
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      ct::HttpClient http;
      std::vector<double> mine;
      std::size_t my_events = 0, my_failures = 0;
      for (long seq = 0; !stop; ++seq) {
        std::string body = make(c, seq, batch);
        const auto t0 = Clock::now();
        ct::HttpResult r = send(http, body);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (r.status == 200) {
          mine.push_back(ms);
          my_events += static_cast<std::size_t>(batch);
        } else {
          if (my_failures++ == 0 && c == 0) {
            std::cerr << "first failure: HTTP " << r.status << " " << r.body.substr(0, 300) << "\n";
          }
        }
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
      ok_events += my_events;
      failures += my_failures;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  RunResult out;
  out.requests = latencies.size();
  out.failures = failures;
  out.events_per_second = static_cast<double>(ok_events) / elapsed;
  if (!latencies.empty()) {
    std::sort(latencies.begin(), latencies.end());
    out.p50_ms = latencies[latencies.size() / 2];
    out.p99_ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
  }
  return out;
}

std::string user_of(int client, long seq) { return "user-" + std::to_string((client * 7919 + seq) % 10000); }

std::string collector_body(int client, long seq, int batch) {
  std::string body = R"({"sentAt": "2026-11-23T09:00:01.000Z", "batch": [)";
  for (int i = 0; i < batch; ++i) {
    if (i) body += ',';
    body += R"({"type": "track", "event": "Button Clicked", "userId": ")" + user_of(client, seq) +
            R"(", "messageId": "b)" + std::to_string(client) + "-" + std::to_string(seq) + "-" + std::to_string(i) +
            R"(", "timestamp": "2026-11-23T09:00:00.000Z", "properties": {"plan": "pro", "button": "save", "n": )" +
            std::to_string(i) + "}}";
  }
  return body + "]}";
}

std::string clickhouse_body(int client, long seq, int batch) {
  std::string body;
  for (int i = 0; i < batch; ++i) {
    body += R"({"message_id": "b)" + std::to_string(client) + "-" + std::to_string(seq) + "-" + std::to_string(i) +
            R"(", "user": ")" + user_of(client, seq) +
            R"(", "name": "Button Clicked", "time": "2026-11-23 09:00:00", "properties": "{\"plan\":\"pro\",\"button\":\"save\",\"n\":)" +
            std::to_string(i) + "}\"}\n";
  }
  return body;
}

// clickhouse-server as a child process with a temp config on loopback.
class ClickHouse {
 public:
  bool start(const std::string& binary, const std::string& dir, int http_port) {
    port_ = http_port;
    const std::string config = dir + "/config.xml";
    std::ofstream(config) << "<yandex>\n"
                          << "  <logger><level>warning</level><log>" << dir << "/ch.log</log><errorlog>" << dir
                          << "/ch.err.log</errorlog></logger>\n"
                          << "  <http_port>" << http_port << "</http_port>\n"
                          << "  <tcp_port>" << http_port + 1 << "</tcp_port>\n"
                          << "  <listen_host>127.0.0.1</listen_host>\n"
                          << "  <path>" << dir << "/data/</path>\n"
                          << "  <tmp_path>" << dir << "/tmp/</tmp_path>\n"
                          << "  <user_files_path>" << dir << "/user_files/</user_files_path>\n"
                          << "  <format_schema_path>" << dir << "/format_schemas/</format_schema_path>\n"
                          << "  <users_config>/etc/clickhouse-server/users.xml</users_config>\n"
                          << "  <mark_cache_size>268435456</mark_cache_size>\n"
                          << "</yandex>\n";
    pid_ = fork();
    if (pid_ == 0) {
      freopen("/dev/null", "w", stdout);
      freopen("/dev/null", "w", stderr);
      execl(binary.c_str(), binary.c_str(), ("--config-file=" + config).c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    ct::HttpClient http;
    for (int i = 0; i < 300; ++i) {  // Up to 30 s.
      if (query(http, "SELECT 1").status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  ~ClickHouse() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  ct::HttpResult query(ct::HttpClient& http, const std::string& sql, const std::string& body = "") {
    return http.post(url(sql), body, {});
  }
  std::string url(const std::string& sql) const {
    std::string escaped;
    for (unsigned char c : sql) {
      if (std::isalnum(c) || c == '_' || c == '.' || c == '-') {
        escaped += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        escaped += buf;
      }
    }
    return "http://127.0.0.1:" + std::to_string(port_) + "/?query=" + escaped;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

void print_row(const std::string& system, int batch, int clients, const RunResult& r) {
  std::printf("| %-44s | %5d | %3d | %10.0f | %8.2f | %8.2f | %8zu | %6zu |\n", system.c_str(), batch, clients,
              r.events_per_second, r.p50_ms, r.p99_ms, r.requests, r.failures);
  std::fflush(stdout);
}

std::vector<int> parse_list(const std::string& s) {
  std::vector<int> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(std::atoi(item.c_str()));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--collector") o.collector = next();
    else if (a == "--clickhouse-server") o.clickhouse = next();
    else if (a == "--no-clickhouse") o.with_clickhouse = false;
    else if (a == "--seconds") o.seconds = std::atof(next().c_str());
    else if (a == "--clients") o.clients = std::atoi(next().c_str());
    else if (a == "--batches") o.batches = parse_list(next());
    else {
      std::cerr << "usage: cairn_collector_bench --collector BIN [--seconds S] [--clients N] "
                   "[--batches 1,20,100] [--clickhouse-server BIN] [--no-clickhouse]\n";
      return 2;
    }
  }
  if (o.collector.empty()) {
    std::cerr << "cairn_collector_bench: --collector is required\n";
    return 2;
  }
  std::printf("| %-44s | %5s | %3s | %10s | %8s | %8s | %8s | %6s |\n", "system", "batch", "cli", "events/s",
              "p50 ms", "p99 ms", "requests", "failed");
  std::printf("|%s|%s|%s|%s|%s|%s|%s|%s|\n", std::string(46, '-').c_str(), "------:", "----:", "-----------:",
              "---------:", "---------:", "---------:", "-------:");

  for (int batch : o.batches) {
    ct::TempDir dir;
    std::optional<std::string> key = ct::create_app(o.collector, dir.path(), "bench");
    ct::CollectorProcess collector;
    if (!key || !collector.start(o.collector, dir.path())) {
      std::cerr << "cairn_collector_bench: cannot start " << o.collector << "\n";
      return 1;
    }
    const std::string url = collector.base_url() + "/v1/batch";
    const std::vector<std::string> headers = {"X-Cairn-Write-Key: " + *key, "Content-Type: application/json"};
    RunResult r = run_load(collector_body,
                           [&](ct::HttpClient& http, const std::string& body) { return http.post(url, body, headers); },
                           o.clients, batch, o.seconds);
    print_row("cairn-collector (SQLite WAL, synchronous=FULL)", batch, o.clients, r);
    collector.stop();
  }

  if (!o.with_clickhouse || access(o.clickhouse.c_str(), X_OK) != 0) return 0;
  // Debian's ClickHouse (19.x) has no fsync_after_insert: its acknowledgement
  // is "written to a part in the page cache", not durable against power loss.
  for (bool fsync : {false}) {
    for (int batch : o.batches) {
      ct::TempDir dir;
      ClickHouse ch;
      if (!ch.start(o.clickhouse, dir.path(), 18123 + static_cast<int>(getpid() % 500) * 2)) {
        std::cerr << "cairn_collector_bench: clickhouse-server did not start\n";
        return 1;
      }
      ct::HttpClient admin;
      std::string settings = fsync ? " SETTINGS fsync_after_insert = 1, fsync_part_directory = 1" : "";
      ct::HttpResult created = ch.query(admin, "CREATE TABLE events (message_id String, user String, name String, time DateTime, "
                      "properties String) ENGINE = MergeTree ORDER BY (user, time)" + settings);
      if (batch == o.batches.front()) {
        std::cerr << "clickhouse-server version: " << ch.query(admin, "SELECT version()").body;
      }
      if (created.status != 200) {
        std::cerr << "cairn_collector_bench: CREATE TABLE failed: HTTP " << created.status << " " << created.body << "\n";
        return 1;
      }
      const std::string url = ch.url("INSERT INTO events FORMAT JSONEachRow");
      RunResult r = run_load(clickhouse_body,
                             [&](ct::HttpClient& http, const std::string& body) { return http.post(url, body, {}); },
                             o.clients, batch, o.seconds);
      print_row(fsync ? "ClickHouse HTTP JSONEachRow, fsync_after_insert" : "ClickHouse HTTP JSONEachRow (no fsync)",
                batch, o.clients, r);
    }
  }
  return 0;
}
