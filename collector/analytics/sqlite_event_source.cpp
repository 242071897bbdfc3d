#include "analytics/sqlite_event_source.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <sqlite3.h>

#include <cstring>
#include <memory>
#include <unordered_map>

namespace cairn::analytics {

namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct Finalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

Statement prepare(sqlite3* db, const char* sql, std::string* error) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    *error = std::string("sqlite: ") + sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    return nullptr;
  }
  return Statement(stmt);
}

std::string column_text(sqlite3_stmt* stmt, int column) {
  const unsigned char* text = sqlite3_column_text(stmt, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)))
              : std::string();
}

// Loads an id -> text dictionary table.
bool load_dictionary(sqlite3* db, const char* sql, sqlite3_int64 app,
                     std::unordered_map<sqlite3_int64, std::string>* out, std::string* error) {
  Statement stmt = prepare(db, sql, error);
  if (!stmt) return false;
  if (app >= 0) sqlite3_bind_int64(stmt.get(), 1, app);
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    (*out)[sqlite3_column_int64(stmt.get(), 0)] = column_text(stmt.get(), 1);
  }
  if (rc != SQLITE_DONE) {
    *error = std::string("sqlite: ") + sqlite3_errmsg(db);
    return false;
  }
  return true;
}

void decode_properties(std::string_view text, const std::vector<std::string>& keys, EventRow* row) {
  row->properties.clear();
  if (keys.empty() || text.empty()) return;
  bool any = false;
  for (const std::string& key : keys) {
    if (text.find(key) != std::string_view::npos) any = true;  // Cheap pre-check before parsing.
  }
  if (!any) return;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  const boost::json::object* object = ec ? nullptr : value.if_object();
  if (!object) return;
  for (const std::string& key : keys) {
    auto it = object->find(key);
    if (it == object->end()) continue;
    const boost::json::value& v = it->value();
    if (const boost::json::string* s = v.if_string()) {
      row->properties.emplace_back(key, std::string(s->data(), s->size()));
    } else if (v.is_number()) {
      row->properties.emplace_back(key, v.is_double() ? v.get_double()
                                        : v.is_int64() ? static_cast<double>(v.get_int64())
                                                       : static_cast<double>(v.get_uint64()));
    } else if (const bool* b = v.if_bool()) {
      row->properties.emplace_back(key, std::string(*b ? "true" : "false"));
    }
  }
}

}  // namespace

bool SqliteEventSource::scan(const std::vector<std::string>& property_keys,
                             const std::function<void(const EventRow&)>& sink, std::string* error) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    *error = std::string("sqlite: cannot open ") + path_ + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    sqlite3_close(raw);
    return false;
  }
  Db db(raw);
  sqlite3_busy_timeout(db.get(), 5000);
  // One read transaction: names, users and events come from one snapshot.
  if (sqlite3_exec(db.get(), "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
    *error = std::string("sqlite: ") + sqlite3_errmsg(db.get());
    return false;
  }
  sqlite3_int64 app = -1;
  {
    Statement stmt = prepare(db.get(), "SELECT id FROM event_apps WHERE app_id = ?1", error);
    if (!stmt) return false;
    sqlite3_bind_text(stmt.get(), 1, app_id_.data(), static_cast<int>(app_id_.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(stmt.get()) == SQLITE_ROW) app = sqlite3_column_int64(stmt.get(), 0);
  }
  if (app < 0) return true;  // No event of this app stored yet.
  std::unordered_map<sqlite3_int64, std::string> names;
  std::unordered_map<sqlite3_int64, std::string> users;
  if (!load_dictionary(db.get(), "SELECT id, name FROM event_names", -1, &names, error)) return false;
  if (!load_dictionary(db.get(), "SELECT id, user FROM event_users WHERE app = ?1", app, &users, error)) return false;

  Statement stmt = prepare(db.get(),
                           // "+app": read in rowid order (one sequential pass) instead of
                           // through an (app, ...) index followed by a sort.
                           "SELECT user, time_ms, name, properties, id FROM events WHERE +app = ?1 ORDER BY id", error);
  if (!stmt) return false;
  sqlite3_bind_int64(stmt.get(), 1, app);
  EventRow row;
  sqlite3_int64 last_user = -1, last_name = -1;
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const sqlite3_int64 user = sqlite3_column_int64(stmt.get(), 0);
    const sqlite3_int64 name = sqlite3_column_int64(stmt.get(), 2);
    if (user != last_user) {
      auto it = users.find(user);
      row.user = it == users.end() ? std::to_string(user) : it->second;
      last_user = user;
    }
    if (name != last_name) {
      auto it = names.find(name);
      row.event = it == names.end() ? std::string() : it->second;
      last_name = name;
    }
    row.time_ms = sqlite3_column_int64(stmt.get(), 1);
    row.sequence = static_cast<std::uint64_t>(sqlite3_column_int64(stmt.get(), 4));
    const unsigned char* text = sqlite3_column_text(stmt.get(), 3);
    decode_properties(text ? std::string_view(reinterpret_cast<const char*>(text),
                                              static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), 3)))
                           : std::string_view(),
                      property_keys, &row);
    sink(row);
  }
  if (rc != SQLITE_DONE) {
    *error = std::string("sqlite: ") + sqlite3_errmsg(db.get());
    return false;
  }
  sqlite3_exec(db.get(), "COMMIT", nullptr, nullptr, nullptr);
  return true;
}

}  // namespace cairn::analytics
