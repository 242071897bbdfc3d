#include "admin/database.h"

namespace cairn::admin {

namespace {
// How long a writer waits for the ingest store's transaction to finish before
// SQLite reports SQLITE_BUSY. Group commits last milliseconds; 5 s is generous.
constexpr int kBusyTimeoutMs = 5000;
}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    stmt_ = nullptr;
    failed_ = true;
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view text) {
  if (stmt_) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (stmt_) sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  if (!stmt_ || failed_) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) failed_ = true;
  return false;
}

bool Statement::run() {
  while (step()) {
  }
  return !failed_;
}

Statement& Statement::reset() {
  if (stmt_) sqlite3_reset(stmt_);
  return *this;
}

std::string Statement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::text_view(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Database::Database(const std::string& path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    open_error_ = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    return;
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // WAL: readers never block the ingest writer. synchronous=FULL: an admin
  // change (a revoked key, a published guide) acknowledged is on disk.
  if (!exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")) {
    open_error_ = error();
    sqlite3_close(db_);
    db_ = nullptr;
  }
}

Database::~Database() { sqlite3_close(db_); }

std::string Database::error() const {
  if (!db_) return open_error_;
  return sqlite3_errmsg(db_);
}

bool Database::exec(std::string_view sql) {
  std::string owned(sql);
  return sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

Transaction::Transaction(Database& db) : db_(db), lock_(db.lock()) {
  if (!db_.exec("BEGIN IMMEDIATE")) done_ = true;
}

Transaction::~Transaction() {
  if (!done_) db_.exec("ROLLBACK");
}

bool Transaction::commit() {
  if (done_) return false;
  done_ = true;
  if (db_.exec("COMMIT")) return true;
  db_.exec("ROLLBACK");
  return false;
}

}  // namespace cairn::admin
