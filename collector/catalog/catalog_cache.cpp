#include "catalog/catalog_cache.h"

#include "admin/database.h"
#include "catalog/catalog.h"
#include "catalog/catalog_json.h"

#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

#include <sqlite3.h>

#include <algorithm>

namespace cairn::catalog {

namespace {

// Readers wait this long for a checkpoint or schema change to finish.
constexpr int kBusyTimeoutMs = 5000;

// A call whose entry an erasure forgot while it folded folds a new one; this
// many times in all (each erasure of the app forgets the new one too).
constexpr int kForgottenAttempts = 3;

// A read-only connection for one refresh: it sees every commit acknowledged
// before it was opened.
class ReadConnection {
 public:
  explicit ReadConnection(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      error_ = db_ ? sqlite3_errmsg(db_) : "out of memory";
      return;
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  }
  ~ReadConnection() { sqlite3_close(db_); }
  ReadConnection(const ReadConnection&) = delete;
  ReadConnection& operator=(const ReadConnection&) = delete;

  sqlite3* handle() const { return error_.empty() ? db_ : nullptr; }
  const std::string& error() const { return error_; }

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

// Parses a stored JSON object column; nullptr when NULL (no such part).
const boost::json::object* parse_object(boost::json::parser& parser, const std::string& text,
                                        boost::json::value& holder) {
  if (text.empty()) return nullptr;
  parser.reset();
  boost::system::error_code ec;
  parser.write(text, ec);
  if (ec) return nullptr;  // The store writes only valid JSON; never fail a catalog on one row.
  holder = parser.release();
  return holder.if_object();
}

}  // namespace

struct CatalogCache::AppCatalog {
  std::mutex mutex;
  CatalogAccumulator accumulator;
  std::int64_t folded_up_to = -1;  // Highest events.id folded; -1 before the first call.
  std::shared_ptr<const std::string> body;
};

CatalogCache::CatalogCache(std::string database_path, std::function<void(const std::string&)> answered)
    : path_(std::move(database_path)), answered_(std::move(answered)) {}
CatalogCache::~CatalogCache() = default;

std::vector<std::string> CatalogCache::app_ids() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [app_id, app] : apps_) out.push_back(app_id);
  return out;
}

void CatalogCache::forget(const std::string& app_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  apps_.erase(app_id);
}

std::shared_ptr<const std::string> CatalogCache::cached(const std::string& app_id) {
  std::shared_ptr<AppCatalog> app;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = apps_.find(app_id);
    if (it == apps_.end()) return nullptr;
    app = it->second;
  }
  std::lock_guard<std::mutex> lock(app->mutex);
  return app->body;
}

std::shared_ptr<const std::string> CatalogCache::current(const std::string& app_id,
                                                         std::string* error) {
  for (int attempt = 1; attempt <= kForgottenAttempts; ++attempt) {
    std::shared_ptr<AppCatalog> app;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      std::shared_ptr<AppCatalog>& slot = apps_[app_id];
      if (!slot) slot = std::make_shared<AppCatalog>();
      app = slot;
    }
    std::shared_ptr<const std::string> body = refresh(app, app_id, error);
    if (!body) return nullptr;
    if (answered_) answered_(app_id);
    // forget() dropped the entry meanwhile (an erasure): its answer may
    // count the erased person; fold a new one from the store.
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = apps_.find(app_id); it != apps_.end() && it->second == app) return body;
  }
  *error = "the app's people were being erased while its catalog was read; repeat the request";
  return nullptr;
}

std::shared_ptr<const std::string> CatalogCache::refresh(const std::shared_ptr<AppCatalog>& app,
                                                         const std::string& app_id, std::string* error) {
  std::lock_guard<std::mutex> lock(app->mutex);
  ReadConnection connection(path_);
  sqlite3* db = connection.handle();
  if (!db) {
    *error = "cannot open the database: " + connection.error();
    return nullptr;
  }
  // No events table yet (nothing ever ingested) reads as "no events".
  std::int64_t latest = 0;
  {
    admin::Statement max_id(db, "SELECT coalesce(max(id), 0) FROM events");
    if (max_id.ok() && max_id.step()) latest = max_id.integer(0);
  }
  if (app->body && latest == app->folded_up_to) return app->body;
  if (latest < app->folded_up_to) {
    // The database was replaced (a restored backup): count from scratch.
    app->accumulator = CatalogAccumulator();
    app->folded_up_to = -1;
  }
  if (latest > std::max<std::int64_t>(app->folded_up_to, 0)) {
    admin::Statement scan(db,
                          // "+e.app" keeps SQLite on the rowid range: an incremental
                          // refresh reads only the new rows, whichever app they are for.
                          "SELECT e.type, n.name, e.time_ms, e.properties, e.extra "
                          "FROM events e JOIN event_names n ON n.id = e.name "
                          "JOIN event_apps a ON a.id = +e.app "
                          "WHERE e.id > ?1 AND e.id <= ?2 AND a.app_id = ?3 ORDER BY e.id");
    if (!scan.ok()) {
      *error = std::string("cannot read events: ") + sqlite3_errmsg(db);
      return nullptr;
    }
    scan.bind(1, std::max<std::int64_t>(app->folded_up_to, 0)).bind(2, latest).bind(3, app_id);
    boost::json::parser parser;
    boost::json::value properties_holder, extra_holder;
    while (scan.step()) {
      std::string name = scan.text(1);
      CatalogEvent event;
      event.type = static_cast<StoredType>(scan.integer(0));
      event.name = name;
      event.time_ms = scan.integer(2);
      event.properties = parse_object(parser, scan.text(3), properties_holder);
      event.extra = parse_object(parser, scan.text(4), extra_holder);
      app->accumulator.fold(event);
    }
    if (scan.failed()) {
      // Events folded before the failure stay folded, and the watermark does
      // not move: the next call folds them again. Start over instead.
      app->accumulator = CatalogAccumulator();
      app->folded_up_to = -1;
      app->body.reset();
      *error = std::string("cannot read events: ") + sqlite3_errmsg(db);
      return nullptr;
    }
  }
  app->folded_up_to = latest;
  app->body = std::make_shared<const std::string>(
      boost::json::serialize(write_catalog(app->accumulator.snapshot(), app_id)));
  return app->body;
}

}  // namespace cairn::catalog
