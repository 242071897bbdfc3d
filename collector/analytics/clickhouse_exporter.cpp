#include "analytics/clickhouse_exporter.h"

#include "analytics/clickhouse_collector_id.h"
#include "analytics/clickhouse_funnel.h"
#include "analytics/element_summary.h"
#include "clock/wall_clock.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>

namespace cairn::analytics {

namespace {

// The properties the index would keep (strings, numbers, booleans as
// strings, a click target as its element summary), as one flat JSON object, so ClickHouse's visitParam* functions
// see exactly what the in-memory engine filters on ("{}" for none).
std::string flat_properties(std::string_view text) {
  if (text.empty()) return "{}";
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  const boost::json::object* object = ec ? nullptr : value.if_object();
  if (!object) return "{}";
  boost::json::object flat;
  for (const auto& [key, v] : *object) {
    if (v.is_string() || v.is_number()) {
      flat[key] = v;
    } else if (const bool* b = v.if_bool()) {
      flat[key] = *b ? "true" : "false";
    } else if (key == kClickTargetProperty) {
      if (std::optional<std::string> summary = element_summary(v)) flat[key] = *summary;
    }
  }
  return boost::json::serialize(flat);
}

// The largest events.id the file ever handed out, erased newest rows included
// (store/schema.h events_high_water).
constexpr const char* kHighestIdSql =
    "SELECT max((SELECT coalesce(max(id), 0) FROM events), "
    "(SELECT coalesce(max(max_id), 0) FROM events_high_water))";

std::string_view column_text(sqlite3_stmt* stmt, int column) {
  const unsigned char* text = sqlite3_column_text(stmt, column);
  return text ? std::string_view(reinterpret_cast<const char*>(text),
                                 static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)))
              : std::string_view();
}

// The events table's column names.
bool table_columns(ClickHouseClient& client, const std::string& database, std::set<std::string>* columns,
                   std::string* error) {
  std::string body;
  if (!client.query("SELECT name FROM system.columns WHERE database = " + clickhouse_quote(database) +
                        " AND table = 'events' FORMAT TabSeparated",
                    &body, error)) {
    return false;
  }
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) columns->insert(line);
  return true;
}

}  // namespace

bool upgrade_clickhouse_store_table(ClickHouseClient& client, const std::string& database,
                                    const std::string& collector_id, std::string* error) {
  // The old rows' values are these defaults, computed when read (18.16 has
  // no ADD COLUMN IF NOT EXISTS: a concurrent upgrade's error is checked
  // against the columns afterwards). `seq:N` keeps each old row its own message.
  const std::pair<const char*, std::string> added[] = {
      {"collector", "collector String DEFAULT " + clickhouse_quote(collector_id)},
      {"message_id", "message_id String DEFAULT concat('seq:', toString(seq))"},
      {"anonymous_id", "anonymous_id String DEFAULT ''"}};
  std::set<std::string> columns;
  if (!table_columns(client, database, &columns, error)) return false;
  for (const auto& [name, definition] : added) {
    if (columns.count(name)) continue;
    std::string alter_error;
    if (client.query("ALTER TABLE " + database + ".events ADD COLUMN " + definition, nullptr, &alter_error)) continue;
    columns.clear();
    if (!table_columns(client, database, &columns, error)) return false;
    if (!columns.count(name)) return *error = alter_error, false;
  }
  return true;
}

std::string clickhouse_store_database_ddl(const std::string& database) {
  return "CREATE DATABASE IF NOT EXISTS " + database;
}

std::string clickhouse_store_table_ddl(const std::string& database) {
  return "CREATE TABLE IF NOT EXISTS " + database +
         ".events (app String, user String, time_ms Int64, seq UInt64, event String, properties String,"
         " collector String, message_id String, anonymous_id String)"
         " ENGINE = MergeTree ORDER BY (app, user, time_ms, seq)";
}

ClickHouseExporter::ClickHouseExporter(Options options) : options_(std::move(options)) {
  stats_.collector_id = options_.collector_id;
  if (metrics::Registry* r = options_.metrics) {
    meters_.rows = &r->counter("cairn_clickhouse_export_rows_total", "Event rows exported to ClickHouse.");
    meters_.batches = &r->counter("cairn_clickhouse_export_batches_total", "INSERTs into ClickHouse that succeeded.");
    meters_.failures = &r->counter("cairn_clickhouse_export_failures_total",
                                   "Failed export attempts (each retried after a backoff).");
    meters_.lag_rows = &r->gauge("cairn_clickhouse_export_lag_rows",
                                 "Events committed to SQLite and not yet in ClickHouse.");
    meters_.lag_seconds = &r->gauge("cairn_clickhouse_export_lag_seconds",
                                    "Age of the oldest event not yet in ClickHouse (0 when caught up).");
    meters_.last_success = &r->gauge("cairn_clickhouse_export_last_success_timestamp_seconds",
                                     "Unix time of the last export attempt that succeeded (0: none yet).");
  }
}

ClickHouseExporter::~ClickHouseExporter() { stop(); }

void ClickHouseExporter::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ClickHouseExporter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ClickHouseExporter::committed(std::int64_t last_event_id) {
  {
    std::lock_guard lock(mutex_);
    if (last_event_id > committed_.load()) committed_.store(last_event_id);
  }
  wake_.notify_all();
}

ClickHouseExporter::Stats ClickHouseExporter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

bool ClickHouseExporter::wait(long ms, bool wake_on_commit) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, std::chrono::milliseconds(ms),
                 [&] { return stopping_ || (wake_on_commit && committed_.load() > exported_.load()); });
  return !stopping_;
}

bool ClickHouseExporter::read_watermark(ClickHouseClient& client, std::string* error, bool rotated) {
  const std::string& db = options_.endpoint.database;
  // The client names its database on every request, so the one that
  // creates it must name another.
  ClickHouseEndpoint server = options_.endpoint;
  server.database = "default";
  ClickHouseClient bootstrap(server);
  std::string body;
  if (options_.collector_id.empty()) {
    std::optional<std::string> id = load_or_create_collector_id(options_.sqlite_path, error);
    if (!id) return false;
    options_.collector_id = *id;
    std::lock_guard lock(mutex_);
    stats_.collector_id = *id;
  }
  if (!bootstrap.query(clickhouse_store_database_ddl(db), nullptr, error) ||
      !client.query(clickhouse_store_table_ddl(db), nullptr, error) ||
      !upgrade_clickhouse_store_table(client, db, options_.collector_id, error) ||
      !client.query("SELECT max(seq) FROM " + db + ".events WHERE collector = " +
                        clickhouse_quote(options_.collector_id) + " FORMAT TabSeparated",
                    &body, error)) {
    return false;
  }
  std::int64_t seq = 0;
  std::istringstream(body) >> seq;
  // Rows of this id beyond the file's last event (ids only grow, and rows
  // are exported after their commit): the file is a restored backup and
  // would skip its new events under this id. Its events go out again under
  // a new one; queries count each message once.
  const std::optional<std::int64_t> last = sqlite_last_id(error);
  if (!last) return false;
  if (seq > *last && !rotated) {
    std::optional<std::string> id = replace_collector_id(options_.sqlite_path, error);
    if (!id) return false;
    options_.collector_id = *id;
    {
      std::lock_guard lock(mutex_);
      stats_.collector_id = *id;
    }
    return read_watermark(client, error, true);
  }
  exported_.store(seq);
  return true;
}

std::optional<std::int64_t> ClickHouseExporter::sqlite_last_id(std::string* error) const {
  sqlite3* db = nullptr;
  sqlite3_stmt* stmt = nullptr;
  std::optional<std::int64_t> last;
  if (sqlite3_open_v2(options_.sqlite_path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) ==
          SQLITE_OK &&
      sqlite3_prepare_v2(db, kHighestIdSql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    last = sqlite3_column_int64(stmt, 0);
  } else {
    *error = "sqlite: " + std::string(db ? sqlite3_errmsg(db) : "cannot open") + " (" + options_.sqlite_path + ")";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return last;
}

long ClickHouseExporter::export_batch(ClickHouseClient& client, std::string* error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(options_.sqlite_path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    *error = std::string("sqlite: cannot open ") + options_.sqlite_path;
    sqlite3_close(db);
    return -1;
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  // CROSS JOIN: `events` stays the outer loop, a rowid range from the
  // watermark; the dictionaries are looked up by primary key.
  const char* sql =
      "SELECT e.id, a.app_id, u.user, e.time_ms, n.name, e.properties, e.message_id,"
      " CASE WHEN e.type = 3 THEN e.anonymous_id END FROM events AS e "
      "CROSS JOIN event_apps AS a CROSS JOIN event_users AS u CROSS JOIN event_names AS n "
      "WHERE e.id > ?1 AND a.id = e.app AND u.id = e.user AND n.id = e.name ORDER BY e.id LIMIT ?2";
  std::string tsv;
  std::int64_t last = exported_.load();
  // Read before the scan: every row up to it was committed before the scan
  // began, so a scan that finds none of them means they were erased. The
  // file's own highest id counts too: after a restart no commit has told of
  // the newest ids, and when those rows were erased or purged (a deleted
  // app) nothing else would move the watermark past them.
  std::int64_t committed = committed_.load();
  long rows = 0;
  int rc = sqlite3_prepare_v2(db, kHighestIdSql, -1, &stmt, nullptr);
  if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    committed = std::max<std::int64_t>(committed, sqlite3_column_int64(stmt, 0));
    rc = SQLITE_OK;
  }
  sqlite3_finalize(stmt);
  stmt = nullptr;
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_bind_int64(stmt, 1, last);
    sqlite3_bind_int64(stmt, 2, static_cast<sqlite3_int64>(options_.batch_rows));
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      last = sqlite3_column_int64(stmt, 0);
      append_clickhouse_tsv_field(column_text(stmt, 1), &tsv);
      tsv.push_back('\t');
      append_clickhouse_tsv_field(column_text(stmt, 2), &tsv);
      tsv += '\t' + std::to_string(sqlite3_column_int64(stmt, 3)) + '\t' + std::to_string(last) + '\t';
      append_clickhouse_tsv_field(column_text(stmt, 4), &tsv);
      tsv.push_back('\t');
      append_clickhouse_tsv_field(flat_properties(column_text(stmt, 5)), &tsv);
      tsv.push_back('\t');
      append_clickhouse_tsv_field(options_.collector_id, &tsv);
      tsv.push_back('\t');
      append_clickhouse_tsv_field(column_text(stmt, 6), &tsv);
      tsv.push_back('\t');
      // Only identify events link ids (as SqliteEventSource passes them on).
      append_clickhouse_tsv_field(column_text(stmt, 7), &tsv);
      tsv.push_back('\n');
      ++rows;
    }
  }
  if (rc != SQLITE_DONE) *error = std::string("sqlite: ") + sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (rc != SQLITE_DONE) return -1;
  if (rows == 0) {
    // Nothing after the watermark: ids up to the last commit were erased
    // (an erasure waits for the exporter to pass its cut-off).
    if (committed > last) exported_.store(committed);
    return 0;
  }
  if (!client.insert("INSERT INTO " + options_.endpoint.database +
                         ".events (app, user, time_ms, seq, event, properties, collector, message_id, anonymous_id)"
                         " FORMAT TabSeparated",
                     tsv, error)) {
    return -1;
  }
  exported_.store(last);
  return rows;
}

void ClickHouseExporter::count_attempt(long rows, const std::string& error) {
  std::lock_guard lock(mutex_);
  if (rows < 0) {
    ++stats_.failures;
    stats_.last_error = error;
    if (meters_.failures) meters_.failures->increment();
    return;
  }
  if (meters_.last_success) meters_.last_success->set(wall_clock_ms() / 1000);
  if (rows == 0) return;
  stats_.exported_rows += static_cast<std::uint64_t>(rows);
  ++stats_.inserts;
  if (meters_.rows) {
    meters_.rows->increment(static_cast<std::uint64_t>(rows));
    meters_.batches->increment();
  }
}

void ClickHouseExporter::measure_lag() {
  if (!meters_.lag_rows) return;
  sqlite3* db = nullptr;
  sqlite3_stmt* stmt = nullptr;
  // Ids are dense but for erased rows, so the count behind is an id
  // difference (an upper bound after an erasure); the oldest row behind is
  // the next id's.
  if (sqlite3_open_v2(options_.sqlite_path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) ==
          SQLITE_OK &&
      sqlite3_prepare_v2(db,
                         "SELECT (SELECT max(id) FROM events), "
                         "(SELECT received_ms FROM events WHERE id > ?1 ORDER BY id LIMIT 1)",
                         -1, &stmt, nullptr) == SQLITE_OK) {
    const std::int64_t exported = exported_.load();
    sqlite3_bind_int64(stmt, 1, exported);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      meters_.lag_rows->set(std::max<std::int64_t>(0, sqlite3_column_int64(stmt, 0) - exported));
      const bool behind = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
      meters_.lag_seconds->set(behind ? std::max<std::int64_t>(0, wall_clock_ms() - sqlite3_column_int64(stmt, 1)) / 1000
                                      : 0);
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

void ClickHouseExporter::run() {
  ClickHouseClient client(options_.endpoint);
  long backoff = options_.min_backoff_ms;
  bool know_watermark = false;
  std::uint64_t failures_in_a_row = 0;
  for (;;) {
    std::string error;
    long rows = 0;
    if (!know_watermark) know_watermark = read_watermark(client, &error);
    if (know_watermark) rows = export_batch(client, &error);
    if (!know_watermark) rows = -1;
    count_attempt(rows, error);
    measure_lag();
    if (rows < 0) {
      ++failures_in_a_row;
      if (options_.on_failure) options_.on_failure(error, failures_in_a_row);
    } else if (failures_in_a_row > 0) {
      if (options_.on_recovery) options_.on_recovery(failures_in_a_row);
      failures_in_a_row = 0;
    }
    if (rows < 0) {
      // The failed insert may have landed: learn the watermark again.
      know_watermark = false;
      if (!wait(backoff, false)) return;
      backoff = std::min(backoff * 2, options_.max_backoff_ms);
      continue;
    }
    backoff = options_.min_backoff_ms;
    if (rows > 0) {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      continue;  // Maybe more rows behind this batch.
    }
    if (!wait(options_.poll_ms, true)) return;
  }
}

}  // namespace cairn::analytics
