// What counting a retried message once costs on the ClickHouse store
// (docs/analytics.md, "ClickHouse store"): the store's funnel (windowFunnel,
// ties in arrival order) over the same generated events, with a share of them
// exported twice (by a second collector), read four ways in the same run:
//
//   none       the rows as stored (duplicates counted twice: the peer)
//   limit_by   ORDER BY user, time_ms, seq, collector LIMIT 1 BY message_id
//              (what clickhouse_store_rows.h does)
//   argmin     GROUP BY message_id with argMin(column, (time_ms, seq, collector))
//   final      a ReplacingMergeTree ordered by (app, message_id), read FINAL
//
// and one trend (events and unique users per day of one event) the same ways.
// Prints a Markdown table: median seconds of --repeats runs and the ratio to
// `none`. Usage:
//   cairn_clickhouse_dedup_bench [--events N] [--users N] [--duplicates PERCENT] [--repeats N]
#include "analytics/clickhouse_exporter.h"
#include "analytics/clickhouse_funnel.h"
#include "analytics/clickhouse_server.h"
#include "analytics/clickhouse_store_rows.h"
#include "analytics/event_condition_json.h"
#include "analytics/event_generator.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace ca = cairn::analytics;

namespace {

// The private server, stopped by die() too (exit() runs no destructors).
ca::ClickHouseServer* running_server = nullptr;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "cairn_clickhouse_dedup_bench: %s\n", message.c_str());
  if (running_server) running_server->stop();
  std::exit(1);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Args {
  std::uint64_t events = 1000000;
  std::uint64_t users = 10000;
  std::uint64_t duplicate_percent = 5;
  int repeats = 5;
};

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    const char* value = argv[i + 1];
    if (arg == "--events") a.events = std::stoull(value);
    else if (arg == "--users") a.users = std::stoull(value);
    else if (arg == "--duplicates") a.duplicate_percent = std::stoull(value);
    else if (arg == "--repeats") a.repeats = std::stoi(value);
    else die("unknown option " + arg);
  }
  return a;
}

// One store row in TabSeparated (the exporter's column order).
void append_row(const ca::EventRow& row, std::uint64_t seq, const std::string& collector, std::uint64_t message,
                std::string* tsv) {
  std::string properties = "{";
  for (const auto& [key, value] : row.properties) {
    if (properties.size() > 1) properties += ",";
    properties += "\"" + key + "\":";
    if (const std::string* text = std::get_if<std::string>(&value)) properties += "\"" + *text + "\"";
    else properties += boost::json::serialize(ca::write_property_value(value));
  }
  properties += "}";
  *tsv += "app\t" + row.user + "\t" + std::to_string(row.time_ms) + "\t" + std::to_string(seq) + "\t" + row.event +
          "\t";
  ca::append_clickhouse_tsv_field(properties, tsv);
  *tsv += "\t" + collector + "\tm" + std::to_string(message) + "\t\n";
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse_args(argc, argv);
  ca::ClickHouseServer server;
  std::string error;
  if (!server.start(&error)) die(error);
  running_server = &server;
  ca::ClickHouseClient ch(ca::ClickHouseEndpoint{"127.0.0.1", server.http_port(), "bench", 3600000});
  ca::ClickHouseClient bootstrap(ca::ClickHouseEndpoint{"127.0.0.1", server.http_port(), "default", 60000});
  if (!bootstrap.query(ca::clickhouse_store_database_ddl("bench"), nullptr, &error) ||
      !ch.query(ca::clickhouse_store_table_ddl("bench"), nullptr, &error) ||
      !ch.query("CREATE TABLE bench.events_final AS bench.events ENGINE = ReplacingMergeTree ORDER BY (app, message_id)",
                nullptr, &error)) {
    die(error);
  }
  // Collector "a" stores every event; "b" a share of them again (retries
  // that reached it), each with its own seq.
  ca::GeneratorOptions options;
  options.seed = 2026;
  options.users = a.users;
  options.events = a.events;
  std::string tsv;
  std::uint64_t n = 0, copies = 0;
  auto flush = [&] {
    if (tsv.empty()) return;
    if (!ch.insert("INSERT INTO bench.events FORMAT TabSeparated", tsv, &error) ||
        !ch.insert("INSERT INTO bench.events_final FORMAT TabSeparated", tsv, &error)) {
      die(error);
    }
    tsv.clear();
  };
  ca::GeneratedEventSource(options).scan({}, [&](const ca::EventRow& row) {
    ++n;
    append_row(row, n, "a", n, &tsv);
    if (n % 100 < a.duplicate_percent) append_row(row, ++copies, "b", n, &tsv);
    if (tsv.size() > (32u << 20)) flush();
  }, &error);
  flush();

  const std::string columns = "user, time_ms, seq, event, properties";
  const std::string key = "(time_ms, seq, collector)";
  // Each way's rows passing `where`, as the store's queries filter them.
  struct Way {
    const char* name;
    std::function<std::string(const std::string& where)> rows;
  };
  const std::vector<Way> ways = {
      {"none (duplicates counted twice)",
       [&](const std::string& w) { return "(SELECT " + columns + " FROM bench.events WHERE app = 'app' AND " + w + ")"; }},
      {"ORDER BY … LIMIT 1 BY message_id (chosen)",
       [&](const std::string& w) { return ca::clickhouse_person_rows_sql("bench", "app", w, false); }},
      {"GROUP BY message_id, argMin",
       [&](const std::string& w) {
         // (18.16 rejects an alias that names its own argument's column.)
         return "(SELECT u AS user, t AS time_ms, s AS seq, e AS event, p AS properties FROM (SELECT argMin(user, " +
                key + ") AS u, argMin(time_ms, " + key + ") AS t, argMin(seq, " + key + ") AS s, argMin(event, " + key +
                ") AS e, argMin(properties, " + key + ") AS p FROM bench.events WHERE app = 'app' AND " + w +
                " GROUP BY message_id))";
       }},
      {"ReplacingMergeTree FINAL",
       [&](const std::string& w) {
         return "(SELECT " + columns + " FROM bench.events_final FINAL WHERE app = 'app' AND " + w + ")";
       }},
  };
  ca::FunnelQuery funnel;
  for (const std::string& name : ca::generated_funnel_names()) funnel.steps.push_back(ca::EventCondition{name, {}});
  funnel.window_ms = 86400000;
  // The store reads only the steps' events (clickhouse_store_funnel).
  std::string step_events;
  for (const ca::EventCondition& step : funnel.steps) {
    step_events += (step_events.empty() ? "" : ", ") + ca::clickhouse_quote(step.event);
  }
  const std::string funnel_where = "event IN (" + step_events + ")";
  std::printf("%llu events, %llu users, %llu copies (%llu%%), median of %d\n\n",
              static_cast<unsigned long long>(n), static_cast<unsigned long long>(a.users),
              static_cast<unsigned long long>(copies), static_cast<unsigned long long>(a.duplicate_percent),
              a.repeats);
  std::printf("| rows read | funnel | vs none | trend | vs none | funnel step counts | trend events |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  double funnel_none = 0, trend_none = 0;
  for (const Way& way : ways) {
    std::vector<double> funnel_s, trend_s;
    std::string counts, trend_body;
    for (int i = 0; i <= a.repeats; ++i) {  // Run 0 warms up, untimed.
      auto t = std::chrono::steady_clock::now();
      std::optional<ca::FunnelResult> r = ca::clickhouse_funnel(ch, way.rows(funnel_where), funnel, {.deterministic_ties = true}, &error);
      if (!r) die(error);
      if (i > 0) funnel_s.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
      counts.clear();
      for (const ca::FunnelStepResult& s : r->steps) counts += (counts.empty() ? "" : " / ") + std::to_string(s.entered);
      t = std::chrono::steady_clock::now();
      if (!ch.query("SELECT count(), uniqExact(user) FROM " + way.rows("event = 'signup_started'") +
                        " FORMAT TabSeparated",
                    &trend_body, &error)) {
        die(error);
      }
      if (i > 0) trend_s.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
    }
    const double f = median(funnel_s), t = median(trend_s);
    if (funnel_none == 0) funnel_none = f, trend_none = t;
    trend_body.erase(std::remove(trend_body.begin(), trend_body.end(), '\n'), trend_body.end());
    std::printf("| %s | %.3f s | %.2fx | %.3f s | %.2fx | %s | %s |\n", way.name, f, f / funnel_none, t,
                t / trend_none, counts.c_str(), trend_body.c_str());
  }
  server.stop();
  return 0;
}
