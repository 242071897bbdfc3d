// What one loaded row costs the collector on the ClickHouse store: the peak
// resident memory a report that loads its rows (a strict funnel: the funnel
// engine path) adds, per row, which sizes --clickhouse-max-rows
// (docs/analytics.md, "ClickHouse store"). The peer, measured in the same
// run, is the in-memory engine's index of the same rows (what the sqlite:
// store holds for them all the time).
//
// ClickHouse makes the rows itself (INSERT … SELECT FROM numbers), so the
// bench measures only the collector's side: one process, peak RSS reset
// (/proc/self/clear_refs) before each phase. Usage:
//   cairn_clickhouse_load_memory_bench [--rows N]
#include "analytics/clickhouse_analytics.h"
#include "analytics/clickhouse_exporter.h"
#include "analytics/clickhouse_server.h"
#include "analytics/event_index.h"
#include "analytics/funnel_engine.h"

#include <malloc.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace ca = cairn::analytics;

namespace {

// The ClickHouse child once started: die() stops it, since exit() runs no
// destructors and a failed run must not leave a server behind.
ca::ClickHouseServer* running_server = nullptr;

// Fails the run.
[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "cairn_clickhouse_load_memory_bench: %s\n", message.c_str());
  if (running_server) running_server->stop();
  std::exit(1);
}

// This process's resident memory now or at its peak (VmRSS, VmHWM), in bytes.
long status_bytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == field) {
      long kb = 0;
      status >> kb;
      return kb * 1024;
    }
  }
  die("no " + field + " in /proc/self/status");
}

// Returns freed heap to the system (so a phase cannot reuse the last one's
// pages unseen) and resets VmHWM to the current RSS (Linux >= 4.0).
void reset_peak() {
  malloc_trim(0);
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  if (!clear) die("cannot write /proc/self/clear_refs");
}

const char* const kSteps[] = {"signup_started", "signup_completed", "project_created", "checkout_completed"};

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t rows = 2000000;
  for (int i = 1; i < argc; i += 2) {
    if (i + 1 == argc) die(std::string(argv[i]) + " needs a value");
    const std::string_view value = argv[i + 1];
    if (std::string_view(argv[i]) != "--rows") die(std::string("unknown option ") + argv[i]);
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), rows);
    if (ec != std::errc() || end != value.data() + value.size() || rows < 50) {
      die("--rows must be a whole number of at least 50, not \"" + std::string(value) + "\"");
    }
  }
  ca::ClickHouseServer server;
  running_server = &server;
  std::string error;
  if (!server.start(&error)) die(error);
  ca::ClickHouseClient ch(ca::ClickHouseEndpoint{"127.0.0.1", server.http_port(), "bench", 3600000});
  ca::ClickHouseClient bootstrap(ca::ClickHouseEndpoint{"127.0.0.1", server.http_port(), "default", 60000});
  // Rows like an app's: 50 events per user a minute apart, four step events
  // in turn, a few typical properties (a page path, a plan, a referrer).
  const std::string users = std::to_string(rows / 50 + 1);
  if (!bootstrap.query(ca::clickhouse_store_database_ddl("bench"), nullptr, &error) ||
      !ch.query(ca::clickhouse_store_table_ddl("bench"), nullptr, &error) ||
      !ch.query("INSERT INTO bench.events SELECT 'app', concat('user-', toString(number % " + users +
                    ")), 1767225600000 + intDiv(number, " + users +
                    ") * 60000, number + 1, ['signup_started', 'signup_completed', 'project_created', "
                    "'checkout_completed'][number % 4 + 1], concat('{\"path\":\"/projects/', toString(number % 977), "
                    "'/settings\",\"plan\":\"', ['free', 'pro', 'team'][number % 3 + 1], "
                    "'\",\"referrer\":\"https://www.example.com/landing\"}'), 'a', concat('m', toString(number)), '' "
                    "FROM numbers(" + std::to_string(rows) + ")",
                nullptr, &error)) {
    die(error);
  }

  ca::FunnelQuery q;
  for (const char* step : kSteps) q.steps.push_back(ca::EventCondition{step, {}});
  q.order = ca::FunnelOrder::strict;  // Only the engine answers it: every step row is loaded.
  q.window_ms = 86400000;
  reset_peak();
  const long before_load = status_bytes("VmRSS:");
  ca::ClickHouseQueryError query_error;
  const std::optional<ca::FunnelResult> result =
      ca::clickhouse_store_funnel(ch, "bench", "app", q, &query_error, ca::kEngineFunnelMaxRows, rows);
  if (!result) die(query_error.message);
  const long load_peak = status_bytes("VmHWM:") - before_load;

  // The peer: the same rows in the in-memory engine's index, built here.
  reset_peak();
  const long before_index = status_bytes("VmRSS:");
  long index_bytes = 0;
  {
    ca::EventIndex index(ca::funnel_property_keys(q));
    ca::EventRow row;
    for (std::uint64_t n = 0; n < rows; ++n) {
      row.user = "user-" + std::to_string(n % (rows / 50 + 1));
      row.time_ms = 1767225600000 + static_cast<std::int64_t>(n / (rows / 50 + 1)) * 60000;
      row.event = kSteps[n % 4];
      row.sequence = n + 1;
      index.append(row);
    }
    index_bytes = status_bytes("VmHWM:") - before_index;
  }
  std::printf("| rows | loaded by the funnel engine path (peak) | per row | in-memory index of the rows | per row "
              "| ratio |\n");
  std::printf("|---|---|---|---|---|---|\n");
  std::printf("| %llu | %.1f MB | %.0f B | %.1f MB | %.0f B | %.2fx |\n", static_cast<unsigned long long>(rows),
              load_peak / 1e6, static_cast<double>(load_peak) / static_cast<double>(rows), index_bytes / 1e6,
              static_cast<double>(index_bytes) / static_cast<double>(rows),
              static_cast<double>(load_peak) / static_cast<double>(index_bytes));
  std::printf("(funnel steps entered: %llu)\n", static_cast<unsigned long long>(result->steps[0].entered));
  server.stop();
  return 0;
}
