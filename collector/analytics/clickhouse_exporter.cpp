#include "analytics/clickhouse_exporter.h"

#include "analytics/clickhouse_funnel.h"
#include "analytics/element_summary.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
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

std::string_view column_text(sqlite3_stmt* stmt, int column) {
  const unsigned char* text = sqlite3_column_text(stmt, column);
  return text ? std::string_view(reinterpret_cast<const char*>(text),
                                 static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)))
              : std::string_view();
}

}  // namespace

std::string clickhouse_store_database_ddl(const std::string& database) {
  return "CREATE DATABASE IF NOT EXISTS " + database;
}

std::string clickhouse_store_table_ddl(const std::string& database) {
  return "CREATE TABLE IF NOT EXISTS " + database +
         ".events (app String, user String, time_ms Int64, seq UInt64, event String, properties String)"
         " ENGINE = MergeTree ORDER BY (app, user, time_ms, seq)";
}

ClickHouseExporter::ClickHouseExporter(Options options) : options_(std::move(options)) {}

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

bool ClickHouseExporter::read_watermark(ClickHouseClient& client, std::string* error) {
  const std::string& db = options_.endpoint.database;
  // The client names its database on every request, so the one that
  // creates it must name another.
  ClickHouseEndpoint server = options_.endpoint;
  server.database = "default";
  ClickHouseClient bootstrap(server);
  std::string body;
  if (!bootstrap.query(clickhouse_store_database_ddl(db), nullptr, error) ||
      !client.query(clickhouse_store_table_ddl(db), nullptr, error) ||
      !client.query("SELECT max(seq) FROM " + db + ".events FORMAT TabSeparated", &body, error)) {
    return false;
  }
  std::int64_t seq = 0;
  std::istringstream(body) >> seq;
  exported_.store(seq);
  return true;
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
      "SELECT e.id, a.app_id, u.user, e.time_ms, n.name, e.properties FROM events AS e "
      "CROSS JOIN event_apps AS a CROSS JOIN event_users AS u CROSS JOIN event_names AS n "
      "WHERE e.id > ?1 AND a.id = e.app AND u.id = e.user AND n.id = e.name ORDER BY e.id LIMIT ?2";
  std::string tsv;
  std::int64_t last = exported_.load();
  long rows = 0;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
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
      tsv.push_back('\n');
      ++rows;
    }
  }
  if (rc != SQLITE_DONE) *error = std::string("sqlite: ") + sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (rc != SQLITE_DONE) return -1;
  if (rows == 0) return 0;
  if (!client.insert("INSERT INTO " + options_.endpoint.database +
                         ".events (app, user, time_ms, seq, event, properties) FORMAT TabSeparated",
                     tsv, error)) {
    return -1;
  }
  exported_.store(last);
  return rows;
}

void ClickHouseExporter::run() {
  ClickHouseClient client(options_.endpoint);
  long backoff = options_.min_backoff_ms;
  bool know_watermark = false;
  for (;;) {
    std::string error;
    long rows = 0;
    if (!know_watermark) know_watermark = read_watermark(client, &error);
    if (know_watermark) rows = export_batch(client, &error);
    if (!know_watermark || rows < 0) {
      {
        std::lock_guard lock(mutex_);
        ++stats_.failures;
        stats_.last_error = error;
      }
      // The failed insert may have landed: learn the watermark again.
      know_watermark = false;
      if (!wait(backoff, false)) return;
      backoff = std::min(backoff * 2, options_.max_backoff_ms);
      continue;
    }
    backoff = options_.min_backoff_ms;
    if (rows > 0) {
      std::lock_guard lock(mutex_);
      stats_.exported_rows += static_cast<std::uint64_t>(rows);
      ++stats_.inserts;
      if (stopping_) return;
      continue;  // Maybe more rows behind this batch.
    }
    if (!wait(options_.poll_ms, true)) return;
  }
}

}  // namespace cairn::analytics
