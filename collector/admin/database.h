// Database: one SQLite connection to the collector's database file, opened in
// WAL mode with a busy timeout, and Statement, a prepared statement with typed
// binds and columns. Errors are values: every call that can fail returns false
// or an empty optional and leaves the message in error().
//
// Threading: a Database is shared by the admin handlers, which run on several
// server threads. SQLite is opened in serialized mode, and callers that need
// several statements to be atomic hold lock() for the whole transaction. A
// Statement belongs to one thread at a time and must not outlive its Database.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::admin {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // False when the SQL did not compile (a programming error: tests catch it).
  bool ok() const { return stmt_ != nullptr; }

  // Binds are 1-based like SQLite's; each returns *this for chaining.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);

  // Runs one step. Returns true while a row is available; false when done or on
  // error (then failed() is true and the message is in the database's error).
  bool step();
  bool failed() const { return failed_; }
  // Runs to completion; true on success.
  bool run();
  // Ready to run again, the binds kept until rebound (a statement run once per
  // item of a loop). A failure stays failed().
  Statement& reset();

  std::string text(int column) const;
  // The column's bytes without a copy, valid until the next step() or reset().
  std::string_view text_view(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool failed_ = false;
};

class Database {
 public:
  // Opens (creating) `path`. On failure valid() is false and error() says why.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  bool valid() const { return db_ != nullptr; }
  std::string error() const;
  sqlite3* handle() const { return db_; }

  // Runs SQL with no results (may hold several statements). True on success.
  bool exec(std::string_view sql);

  // Held by a caller for the duration of a multi-statement transaction.
  std::unique_lock<std::recursive_mutex> lock() { return std::unique_lock(mutex_); }

 private:
  sqlite3* db_ = nullptr;
  std::string open_error_;
  std::recursive_mutex mutex_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() succeeded. Holds the
// database lock for its lifetime.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  bool commit();

 private:
  Database& db_;
  std::unique_lock<std::recursive_mutex> lock_;
  bool done_ = false;
};

}  // namespace cairn::admin
