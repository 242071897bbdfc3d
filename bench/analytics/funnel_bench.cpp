// Funnel benchmark (bench/analytics/RESULTS.md): N generated events of U users
// are written once to a SQLite file with the collector's events layout and to
// a private ClickHouse server; then, in the same run,
//   1. our engine in a fresh process ("after a restart"): index build from
//      SQLite, first answer, then warm queries; its own peak RSS;
//   2. ClickHouse windowFunnel on the same rows (warm), server peak RSS;
//   3. a plain SQL funnel on SQLite (self-joins with the window);
// and checks that all three give identical step counts. `--phase reports`
// instead times the guide/stuck/trend reports on 1 vs N threads
// (reports_phase.h), without SQLite or ClickHouse; `--phase column` the first
// breakdown on a new property, column attached vs index rebuilt (SQLite only).
#include "analytics/analytics_engine.h"
#include "analytics/clickhouse_funnel.h"
#include "analytics/clickhouse_server.h"
#include "analytics/event_condition_json.h"
#include "analytics/event_generator.h"
#include "analytics/event_index.h"
#include "analytics/funnel_engine.h"
#include "analytics/sqlite_event_source.h"
#include "reports_phase.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ca = cairn::analytics;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "cairn_analytics_bench: %s\n", message.c_str());
  std::exit(1);
}

struct Args {
  std::uint64_t events = 1000000;
  std::uint64_t users = 10000;
  std::size_t threads = 0;
  int repeats = 5;
  std::string dir = "/tmp/cairn-analytics-bench";
  std::string phase = "all";  // "engine" = the child process of phase 1.
  bool plain_sql = true;
  bool fresh_rows = true;  // --phase column: commit rows during the column read.
};

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + arg);
      return argv[++i];
    };
    if (arg == "--events") a.events = std::stoull(next());
    else if (arg == "--users") a.users = std::stoull(next());
    else if (arg == "--threads") a.threads = std::stoul(next());
    else if (arg == "--repeats") a.repeats = std::stoi(next());
    else if (arg == "--dir") a.dir = next();
    else if (arg == "--phase") a.phase = next();
    else if (arg == "--no-plain-sql") a.plain_sql = false;
    else if (arg == "--no-fresh-rows") a.fresh_rows = false;
    else die("unknown argument " + arg + " (see bench/analytics/RESULTS.md)");
  }
  return a;
}

ca::FunnelQuery bench_query() {
  ca::FunnelQuery q;
  for (const std::string& name : ca::generated_funnel_names()) q.steps.push_back(ca::EventCondition{name, {}});
  q.window_ms = 24LL * 3600 * 1000;
  return q;
}

std::string counts_of(const std::vector<ca::FunnelStepResult>& steps) {
  std::string out;
  for (const ca::FunnelStepResult& s : steps) out += (out.empty() ? "" : " / ") + std::to_string(s.entered);
  return out;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void exec_sql(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string m = message ? message : "?";
    sqlite3_free(message);
    die(std::string("sqlite: ") + m + " in " + sql);
  }
}

// The collector's events layout (collector/store/schema.cpp), the columns the
// analytics source reads.
constexpr const char* kSqliteSchema = R"sql(
CREATE TABLE event_apps (id INTEGER PRIMARY KEY, app_id TEXT NOT NULL UNIQUE);
CREATE TABLE event_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE event_users (id INTEGER PRIMARY KEY, app INTEGER NOT NULL, user TEXT NOT NULL, UNIQUE (app, user));
CREATE TABLE events (id INTEGER PRIMARY KEY, app INTEGER NOT NULL, user INTEGER NOT NULL,
  time_ms INTEGER NOT NULL, received_ms INTEGER NOT NULL, type INTEGER NOT NULL, name INTEGER NOT NULL,
  message_id TEXT NOT NULL, anonymous_id TEXT, properties TEXT, extra TEXT);
INSERT INTO event_apps (id, app_id) VALUES (1, 'bench');
)sql";

// Phase 0: generate once, write SQLite and ClickHouse (only SQLite when `ch`
// is null).
void load(const Args& a, const std::string& db_path, ca::ClickHouseClient* ch) {
  std::filesystem::remove(db_path);
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) die("cannot open " + db_path);
  exec_sql(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
  exec_sql(db, kSqliteSchema);
  exec_sql(db, "BEGIN");
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO events (app, user, time_ms, received_ms, type, name, message_id, properties) "
                     "VALUES (1, ?1, ?2, ?2, 0, ?3, ?4, ?5)",
                     -1, &insert, nullptr);
  std::unordered_map<std::string, std::int64_t> users, names;
  std::string error;
  if (ch && !ch->query(ca::clickhouse_events_ddl("events"), nullptr, &error)) die(error);
  std::string tsv;
  std::uint64_t seq = 0;
  auto flush = [&]() {
    if (ch && !tsv.empty() && !ch->insert("INSERT INTO events FORMAT TabSeparated", tsv, &error)) die(error);
    tsv.clear();
  };
  ca::GeneratorOptions options;
  options.seed = 2026;
  options.users = a.users;
  options.events = a.events;
  ca::GeneratedEventSource source(options);
  const auto started = Clock::now();
  source.scan({}, [&](const ca::EventRow& row) {
    auto [u, new_user] = users.try_emplace(row.user, static_cast<std::int64_t>(users.size() + 1));
    auto [n, new_name] = names.try_emplace(row.event, static_cast<std::int64_t>(names.size() + 1));
    boost::json::object properties;
    for (const auto& [key, value] : row.properties) properties[key] = ca::write_property_value(value);
    const std::string json = boost::json::serialize(properties);
    const std::string message_id = std::to_string(seq);
    sqlite3_bind_int64(insert, 1, u->second);
    sqlite3_bind_int64(insert, 2, row.time_ms);
    sqlite3_bind_int64(insert, 3, n->second);
    sqlite3_bind_text(insert, 4, message_id.data(), static_cast<int>(message_id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 5, json.data(), static_cast<int>(json.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(insert) != SQLITE_DONE) die(sqlite3_errmsg(db));
    sqlite3_reset(insert);
    if (ch) ca::append_clickhouse_row(row, seq, &tsv);
    ++seq;
    if (tsv.size() > (64u << 20)) flush();
  }, &error);
  flush();
  sqlite3_finalize(insert);
  sqlite3_stmt* put_user = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO event_users (id, app, user) VALUES (?1, 1, ?2)", -1, &put_user, nullptr);
  for (const auto& [name, id] : users) {
    sqlite3_bind_int64(put_user, 1, id);
    sqlite3_bind_text(put_user, 2, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
    sqlite3_step(put_user);
    sqlite3_reset(put_user);
  }
  sqlite3_finalize(put_user);
  sqlite3_stmt* put_name = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO event_names (id, name) VALUES (?1, ?2)", -1, &put_name, nullptr);
  for (const auto& [name, id] : names) {
    sqlite3_bind_int64(put_name, 1, id);
    sqlite3_bind_text(put_name, 2, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
    sqlite3_step(put_name);
    sqlite3_reset(put_name);
  }
  sqlite3_finalize(put_name);
  exec_sql(db, "COMMIT");
  // The store's indexes (collector/store/schema.cpp).
  exec_sql(db, "CREATE INDEX events_by_user_time ON events(app, user, time_ms)");
  exec_sql(db, "CREATE INDEX events_by_name_time ON events(app, name, time_ms)");
  exec_sql(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(db);
  std::printf("loaded %llu events of %zu users into SQLite and ClickHouse in %.1f s\n",
              static_cast<unsigned long long>(seq), users.size(), seconds_since(started));
}

long peak_rss_bytes_self() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss * 1024L;
}

// Phase 1, in its own process: what a restarted collector does.
int engine_phase(const Args& a, const std::string& db_path) {
  const ca::FunnelQuery q = bench_query();
  const auto started = Clock::now();
  ca::EventIndex index(ca::funnel_property_keys(q));
  ca::SqliteEventSource source(db_path, "bench");
  std::string error;
  if (!index.load(source, &error)) die(error);
  index.shrink_to_fit();
  const double build_s = seconds_since(started);
  const auto first_started = Clock::now();
  std::optional<ca::FunnelResult> first = ca::run_funnel(index, q, ca::ParallelOptions{a.threads}, &error);
  if (!first) die(error);
  const double first_query_s = seconds_since(first_started);
  std::vector<double> times;
  for (int i = 0; i < a.repeats; ++i) {
    const auto t = Clock::now();
    std::optional<ca::FunnelResult> r = ca::run_funnel(index, q, ca::ParallelOptions{a.threads}, &error);
    times.push_back(seconds_since(t));
    if (!r || r->steps != first->steps) die("engine answers differ between runs");
  }
  std::printf("engine.build_s=%.3f\nengine.first_query_s=%.4f\nengine.first_answer_s=%.3f\nengine.query_s=%.4f\n",
              build_s, first_query_s, seconds_since(started) - (seconds_since(first_started) - first_query_s) ,
              median(times));
  std::printf("engine.counts=%s\nengine.index_bytes=%zu\nengine.peak_rss=%ld\nengine.events=%llu\n",
              counts_of(first->steps).c_str(), index.memory_bytes(), peak_rss_bytes_self(),
              static_cast<unsigned long long>(index.event_count()));
  return 0;
}

// Freshness (run by hand: --phase freshness, after a full run left the
// SQLite file): what one ingest commit costs the index. On a copy of the
// file, the engine is built once (the full scan a rebuild would repeat), then
// 5 times 1,000 rows are committed and the engine catches up (reads only
// rows after its last id) and answers the funnel; at the end its answer must
// equal that of an engine built from scratch.
int freshness_phase(const Args& a, const std::string& db_path) {
  const std::string copy = a.dir + "/freshness.db";
  std::filesystem::copy_file(db_path, copy, std::filesystem::copy_options::overwrite_existing);
  const ca::FunnelQuery q = bench_query();
  ca::SqliteEventSource source(copy, "bench");
  ca::AnalyticsEngine engine(source, ca::AnalyticsEngine::Options{a.threads, 0});
  std::string error;
  auto started = Clock::now();
  if (!engine.start(&error)) die(error);
  const double build_s = seconds_since(started);
  sqlite3* db = nullptr;
  if (sqlite3_open(copy.c_str(), &db) != SQLITE_OK) die("cannot open " + copy);
  std::vector<double> catch_up_times, answer_times;
  for (int round = 1; round <= 5; ++round) {
    // 1,000 new rows: the last 1,000 again, 1 ms later, new message ids.
    exec_sql(db, ("INSERT INTO events (app, user, time_ms, received_ms, type, name, message_id, properties) "
                  "SELECT app, user, time_ms + 1, received_ms, type, name, message_id || '-r" + std::to_string(round) +
                  "', properties FROM events WHERE id > (SELECT max(id) - 1000 FROM events) ORDER BY id")
                     .c_str());
    const auto last = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db));
    started = Clock::now();
    if (!engine.catch_up(last, &error)) die(error);
    catch_up_times.push_back(seconds_since(started));
    if (!engine.funnel(q, &error)) die(error);
    answer_times.push_back(seconds_since(started));
  }
  sqlite3_close(db);
  ca::AnalyticsEngine rebuilt(source, ca::AnalyticsEngine::Options{a.threads, 0});
  if (!rebuilt.start(&error)) die(error);
  std::optional<ca::FunnelResult> want = rebuilt.funnel(q, &error);
  std::optional<ca::FunnelResult> got = engine.funnel(q, &error);
  if (!want || !got || *want != *got) die("the caught-up engine answers differently from a rebuild");
  std::printf("freshness: full build (what a rebuild per commit costs) %.3f s; per commit of 1000 rows: "
              "catch-up %.4f s, catch-up + funnel %.4f s (median of 5); rebuild / catch-up = %.0fx; "
              "answers equal a rebuild: yes (%llu events)\n",
              build_s, median(catch_up_times), median(answer_times), build_s / median(catch_up_times),
              static_cast<unsigned long long>(engine.data_version()));
  std::filesystem::remove(copy);
  return 0;
}

// New column (--phase column; writes a SQLite-only file of --events rows into
// --dir first when it has none): the first breakdown on a property the index
// has no column for. Two engines on a copy of the file (column.db), started
// alike (the report columns); "attach" adds the column by reading that
// property from the source (the default), "rebuild" by rebuilding its index
// with it (Options::rebuild_for_new_columns, the old path). For "plan", then
// "count", attach then rebuild. Meanwhile one thread calls data_version() (the
// shared lock every query takes) in a loop: its longest call is how long a
// query of another property waited; another commits 20 rows to the copy every
// 2 ms and catches the engine up to them (what a query needing fresh rows
// does first): its longest catch-up is how long such a query waited. The
// attach engine then answers the same query again (the column now there) with
// the same two threads: a catch-up also waits for a running query (its write
// lock for the query's shared one), so that is the wait no column read adds.
// --no-fresh-rows leaves the commits out (the column read alone). Then
// both engines catch up to the last commit and must answer alike (exit 2
// otherwise): the attached column covers the rows committed during its read.
int column_phase(const Args& a, const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) {
    std::filesystem::create_directories(a.dir);
    load(a, db_path, nullptr);
  }
  const std::string copy = a.dir + "/column.db";
  std::filesystem::remove(copy + "-wal");
  std::filesystem::remove(copy + "-shm");
  std::filesystem::copy_file(db_path, copy, std::filesystem::copy_options::overwrite_existing);
  ca::SqliteEventSource attach_source(copy, "bench"), rebuild_source(copy, "bench");
  ca::AnalyticsEngine attach(attach_source, ca::AnalyticsEngine::Options{a.threads, 0});
  ca::AnalyticsEngine::Options old_path{a.threads, 0};
  old_path.rebuild_for_new_columns = true;
  ca::AnalyticsEngine rebuild(rebuild_source, old_path);
  std::string error;
  if (!attach.start(&error) || !rebuild.start(&error)) die(error);
  sqlite3* writer = nullptr;
  if (sqlite3_open(copy.c_str(), &writer) != SQLITE_OK) die("cannot open " + copy);
  sqlite3_busy_timeout(writer, 5000);
  int commits = 0;
  // 20 new rows: the last 20 again, 1 ms later, new message ids.
  auto commit_rows = [&] {
    ++commits;
    exec_sql(writer, ("INSERT INTO events (app, user, time_ms, received_ms, type, name, message_id, properties) "
                      "SELECT app, user, time_ms + 1, received_ms, type, name, message_id || '-c" +
                      std::to_string(commits) + "', properties FROM events WHERE id > (SELECT max(id) - 20 FROM events) "
                      "ORDER BY id")
                         .c_str());
    return static_cast<std::uint64_t>(sqlite3_last_insert_rowid(writer));
  };
  struct Timed {
    double seconds = 0, longest_reader_wait_s = 0, longest_fresh_wait_s = 0;
    int fresh_catch_ups = 0;
    std::optional<ca::FunnelResult> result;
  };
  auto first_breakdown = [&](ca::AnalyticsEngine& engine, const std::string& key) {
    ca::FunnelQuery q = bench_query();
    q.breakdown = ca::FunnelBreakdown{key, 10};
    std::atomic<bool> done{false};
    double longest = 0, longest_fresh = 0;
    int fresh_catch_ups = 0;
    std::thread reader([&] {
      while (!done) {
        const auto t = Clock::now();
        (void)engine.data_version();
        longest = std::max(longest, seconds_since(t));
        std::this_thread::sleep_for(std::chrono::microseconds(200));  // A reader, not a spinner.
      }
    });
    std::string fresh_error;
    std::thread fresh([&] {
      while (a.fresh_rows && !done) {
        const std::uint64_t last = commit_rows();
        const auto t = Clock::now();
        if (!engine.catch_up(last, &fresh_error)) return;
        longest_fresh = std::max(longest_fresh, seconds_since(t));
        ++fresh_catch_ups;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    });
    Timed timed;
    const auto started = Clock::now();
    timed.result = engine.funnel(q, &error);
    timed.seconds = seconds_since(started);
    done = true;
    reader.join();
    fresh.join();
    if (!timed.result) die(error);
    if (!fresh_error.empty()) die(fresh_error);
    timed.longest_reader_wait_s = longest;
    timed.longest_fresh_wait_s = longest_fresh;
    timed.fresh_catch_ups = fresh_catch_ups;
    return timed;
  };
  // Both engines' answers to the breakdown on `key`, after catching up to
  // every row committed so far.
  auto answers_equal = [&](const std::string& key) {
    const std::uint64_t last = commit_rows();
    if (!attach.catch_up(last, &error) || !rebuild.catch_up(last, &error)) die(error);
    ca::FunnelQuery q = bench_query();
    q.breakdown = ca::FunnelBreakdown{key, 10};
    std::optional<ca::FunnelResult> added = attach.funnel(q, &error), rebuilt = rebuild.funnel(q, &error);
    if (!added || !rebuilt) die(error);
    return *added == *rebuilt;
  };
  std::printf("| first breakdown on a new property (%llu events) | attach (new) | rebuild (old) | rebuild / attach |\n"
              "|---|---|---|---|\n",
              static_cast<unsigned long long>(attach.data_version()));
  bool same = true;
  for (const std::string key : {"plan", "count"}) {
    const Timed added = first_breakdown(attach, key);
    const Timed again = first_breakdown(attach, key);
    const Timed rebuilt = first_breakdown(rebuild, key);
    same = answers_equal(key) && same;
    std::printf("| `%s`: time to answer | %.3f s | %.3f s | %.1fx |\n", key.c_str(), added.seconds, rebuilt.seconds,
                rebuilt.seconds / added.seconds);
    std::printf("| `%s`: longest data_version() call meanwhile | %.4f s | %.3f s | |\n", key.c_str(),
                added.longest_reader_wait_s, rebuilt.longest_reader_wait_s);
    std::printf("| `%s`: longest catch-up of 20 fresh rows meanwhile (catch-ups) | %.4f s (%d) | %.3f s (%d) | |\n",
                key.c_str(), added.longest_fresh_wait_s, added.fresh_catch_ups, rebuilt.longest_fresh_wait_s,
                rebuilt.fresh_catch_ups);
    std::printf("| `%s`, column there: the same query again, its longest fresh catch-up (catch-ups) | %.3f s, "
                "%.4f s (%d) | | |\n",
                key.c_str(), again.seconds, again.longest_fresh_wait_s, again.fresh_catch_ups);
  }
  sqlite3_close(writer);
  std::printf("| longest write-lock hold (engine stats) | %.4f s | %.3f s | %.0fx |\n",
              static_cast<double>(attach.stats().longest_column_write_lock_us) / 1e6,
              static_cast<double>(rebuild.stats().longest_column_write_lock_us) / 1e6,
              static_cast<double>(rebuild.stats().longest_column_write_lock_us) /
                  static_cast<double>(std::max<std::uint64_t>(1, attach.stats().longest_column_write_lock_us)));
  std::printf("| longest catch-up mutex hold by a column addition (engine stats) | %.4f s | | |\n",
              static_cast<double>(attach.stats().longest_column_catch_up_hold_us) / 1e6);
  std::printf("answers equal after catching up to the %d commits: %s; attach engine: %llu columns added, "
              "%llu rebuilds (start)\n",
              commits, same ? "yes" : "NO", static_cast<unsigned long long>(attach.stats().columns_added),
              static_cast<unsigned long long>(attach.stats().rebuilds));
  std::filesystem::remove(copy);
  return same ? 0 : 2;
}

std::map<std::string, std::string> run_engine_child(const Args& a) {
  std::string command = "'/proc/" + std::to_string(getpid()) + "/exe'";
  char self[4096];
  const ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len > 0) command = "'" + std::string(self, static_cast<std::size_t>(len)) + "'";
  command += " --phase engine --dir '" + a.dir + "' --repeats " + std::to_string(a.repeats) + " --threads " +
             std::to_string(a.threads);
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) die("cannot start " + command);
  std::map<std::string, std::string> values;
  char line[4096];
  while (std::fgets(line, sizeof line, pipe)) {
    std::string s(line);
    if (!s.empty() && s.back() == '\n') s.pop_back();
    const auto eq = s.find('=');
    if (eq != std::string::npos) values[s.substr(0, eq)] = s.substr(eq + 1);
  }
  if (pclose(pipe) != 0) die("the engine phase failed");
  return values;
}

// Phase 3: the funnel in plain SQL on SQLite. A chain of steps within the
// window from a step-1 event; each step takes the earliest next event, which
// is optimal for "ordered" without exclusions. (The generator gives every
// user distinct timestamps, so "later" is time_ms > previous.)
std::vector<std::uint64_t> plain_sql_funnel(const std::string& db_path, const ca::FunnelQuery& q, double* seconds) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) die("cannot open db");
  exec_sql(db, "PRAGMA cache_size = -262144");  // 256 MB: the file stays in memory.
  std::string sql = "WITH s1 AS MATERIALIZED (SELECT e.user, e.time_ms AS t1, e.time_ms AS t FROM events e "
                    "JOIN event_names n ON n.id = e.name WHERE e.app = 1 AND n.name = ?1)";
  const int n = static_cast<int>(q.steps.size());
  for (int k = 2; k <= n; ++k) {
    sql += ", s" + std::to_string(k) + " AS MATERIALIZED (SELECT a.user, a.t1, MIN(b.time_ms) AS t FROM s" +
           std::to_string(k - 1) + " a JOIN events b INDEXED BY events_by_user_time ON b.app = 1 AND b.user = a.user AND b.name = (SELECT id FROM "
           "event_names WHERE name = ?" + std::to_string(k) + ") AND b.time_ms > a.t AND b.time_ms <= a.t1 + " +
           std::to_string(q.window_ms) + " GROUP BY a.user, a.t1)";
  }
  sql += " SELECT ";
  for (int k = 1; k <= n; ++k) {
    sql += (k > 1 ? ", " : "") + std::string("(SELECT COUNT(DISTINCT user) FROM s") + std::to_string(k) + ")";
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) die(sqlite3_errmsg(db));
  for (int k = 0; k < n; ++k) {
    const std::string& name = q.steps[static_cast<std::size_t>(k)].event;
    sqlite3_bind_text(stmt, k + 1, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
  }
  const auto started = Clock::now();
  std::vector<std::uint64_t> counts;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    for (int k = 0; k < n; ++k) counts.push_back(static_cast<std::uint64_t>(sqlite3_column_int64(stmt, k)));
  } else {
    die(sqlite3_errmsg(db));
  }
  *seconds = seconds_since(started);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return counts;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse_args(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::string db_path = a.dir + "/events.db";
  if (a.phase == "engine") return engine_phase(a, db_path);
  if (a.phase == "freshness") return freshness_phase(a, db_path);
  if (a.phase == "column") return column_phase(a, db_path);
  if (a.phase == "reports") return ca::bench::reports_phase(a.events, a.users, a.threads, a.repeats);

  std::filesystem::create_directories(a.dir);
  ca::ClickHouseServer server;
  std::string error;
  if (!server.start(&error)) die(error);
  ca::ClickHouseClient ch(ca::ClickHouseEndpoint{"127.0.0.1", server.http_port(), "default", 3600000});
  load(a, db_path, &ch);

  const ca::FunnelQuery q = bench_query();
  std::fprintf(stderr, "engine phase...\n");
  // 1. Our engine, in a fresh process.
  std::map<std::string, std::string> engine = run_engine_child(a);

  // 2. ClickHouse windowFunnel (warm: one untimed run first).
  std::string bounds;
  if (!ch.query("SELECT min(time_ms) FROM events FORMAT TabSeparated", &bounds, &error)) die(error);
  const std::int64_t base = std::stoll(bounds);
  const std::string sql = ca::clickhouse_funnel_sql("events", q, base, {});
  std::optional<ca::FunnelResult> ch_result = ca::clickhouse_funnel(ch, "events", q, {}, &error);
  if (!ch_result) die(error);
  std::vector<double> ch_times;
  for (int i = 0; i < a.repeats; ++i) {
    const auto t = Clock::now();
    if (!ch.query(sql, nullptr, &error)) die(error);
    ch_times.push_back(seconds_since(t));
  }
  const long ch_rss = server.peak_rss_bytes();

  std::fprintf(stderr, "plain SQL phase...\n");
  // 3. Plain SQL on SQLite.
  double sqlite_s = 0;
  std::vector<std::uint64_t> sqlite_counts;
  if (a.plain_sql) sqlite_counts = plain_sql_funnel(db_path, q, &sqlite_s);

  std::string sqlite_text;
  for (std::uint64_t c : sqlite_counts) sqlite_text += (sqlite_text.empty() ? "" : " / ") + std::to_string(c);
  const std::string ch_counts = counts_of(ch_result->steps);
  const bool same = engine["engine.counts"] == ch_counts && (!a.plain_sql || sqlite_text == ch_counts);
  const double engine_s = std::stod(engine["engine.query_s"]);
  const double ch_s = median(ch_times);
  std::printf("\n| | time (median of %d) | vs ClickHouse | peak RSS | step counts |\n|---|---|---|---|---|\n",
              a.repeats);
  std::printf("| Cairn engine (%s threads) | %.3f s | %.2fx faster | %.0f MB (process) | %s |\n",
              a.threads ? std::to_string(a.threads).c_str() : "all", engine_s, ch_s / engine_s,
              std::stod(engine["engine.peak_rss"]) / 1048576.0, engine["engine.counts"].c_str());
  std::printf("| ClickHouse 18.16 windowFunnel | %.3f s | 1.00x | %.0f MB (server) | %s |\n", ch_s,
              static_cast<double>(ch_rss) / 1048576.0, ch_counts.c_str());
  if (a.plain_sql) {
    std::printf("| plain SQL funnel on SQLite (1 run) | %.3f s | %.2fx slower | - | %s |\n", sqlite_s,
                sqlite_s / ch_s, sqlite_text.c_str());
  }
  std::printf("\nevents %s, users %llu; index %.0f MB; after restart: index build from SQLite %s s, first query %s s"
              " (first answer %s s after start)\nidentical counts: %s\n",
              engine["engine.events"].c_str(), static_cast<unsigned long long>(a.users),
              std::stod(engine["engine.index_bytes"]) / 1048576.0, engine["engine.build_s"].c_str(),
              engine["engine.first_query_s"].c_str(), engine["engine.first_answer_s"].c_str(), same ? "yes" : "NO");
  std::printf("ClickHouse SQL: %s\n", sql.c_str());
  server.stop();
  return same ? 0 : 2;
}
