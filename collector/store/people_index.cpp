#include "store/people_index.h"

#include "json/utf8.h"
#include "people/case_fold.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <vector>

namespace cairn::store {

namespace {

namespace bj = boost::json;

// The later row wins: by event time, then arrival (events.id).
constexpr const char* kUpsert =
    "INSERT INTO people (user, app, time_ms, event_id, email, name, email_folded, name_folded) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (user) DO UPDATE SET app = excluded.app, time_ms = excluded.time_ms, "
    "event_id = excluded.event_id, email = excluded.email, name = excluded.name, "
    "email_folded = excluded.email_folded, name_folded = excluded.name_folded "
    "WHERE (excluded.time_ms, excluded.event_id) > (people.time_ms, people.event_id)";

// One app's identify rows, newest first (events_by_name_time backwards): the
// first row of a key is its latest, the older ones leave its row as it is.
constexpr const char* kIdentifyRowsOfApp =
    "SELECT user, time_ms, id, extra FROM events WHERE app = ?1 AND name = ?2 AND type = 3 "
    "ORDER BY time_ms DESC, id DESC";

std::optional<std::string> trait_string(const bj::object& traits, std::string_view field) {
  const bj::value* v = traits.if_contains(field);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(json::clip_utf8(v->get_string(), kPersonTraitBytes));
}

void bind_optional(sqlite3_stmt* stmt, int index, const std::optional<std::string>& text) {
  if (text) sqlite3_bind_text(stmt, index, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
  else sqlite3_bind_null(stmt, index);
}

std::optional<std::string> folded(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return people::fold_case(*text);
}

}  // namespace

PersonTraits identify_traits(std::string_view extra) {
  PersonTraits out;
  if (extra.empty()) return out;
  boost::system::error_code ec;
  bj::value parsed = bj::parse(extra, ec);
  if (ec || !parsed.is_object()) return out;
  const bj::value* traits = parsed.get_object().if_contains("traits");
  if (!traits || !traits->is_object()) return out;
  out.email = trait_string(traits->get_object(), "email");
  out.name = trait_string(traits->get_object(), "name");
  return out;
}

PeopleIndexWriter::~PeopleIndexWriter() { sqlite3_finalize(upsert_); }

std::string PeopleIndexWriter::prepare(sqlite3* db) {
  db_ = db;
  sqlite3_finalize(upsert_);
  upsert_ = nullptr;
  if (sqlite3_prepare_v3(db, kUpsert, -1, SQLITE_PREPARE_PERSISTENT, &upsert_, nullptr) != SQLITE_OK) {
    return sqlite3_errmsg(db);
  }
  return "";
}

std::string PeopleIndexWriter::record(std::int64_t app, std::int64_t user, std::int64_t time_ms,
                                      std::int64_t event_id, std::string_view extra) {
  const PersonTraits traits = identify_traits(extra);
  sqlite3_bind_int64(upsert_, 1, user);
  sqlite3_bind_int64(upsert_, 2, app);
  sqlite3_bind_int64(upsert_, 3, time_ms);
  sqlite3_bind_int64(upsert_, 4, event_id);
  bind_optional(upsert_, 5, traits.email);
  bind_optional(upsert_, 6, traits.name);
  bind_optional(upsert_, 7, folded(traits.email));
  bind_optional(upsert_, 8, folded(traits.name));
  const int rc = sqlite3_step(upsert_);
  sqlite3_reset(upsert_);
  if (rc != SQLITE_DONE) return sqlite3_errmsg(db_);
  return "";
}

std::string backfill_people_index(sqlite3* db) {
  std::int64_t identify_name = 0;
  std::vector<std::int64_t> apps;
  {
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT id FROM event_names WHERE name = '$identify'", -1, &q, nullptr) != SQLITE_OK) {
      return sqlite3_errmsg(db);
    }
    const int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) identify_name = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return "";  // No identify row is stored.
    if (rc != SQLITE_ROW) return sqlite3_errmsg(db);
  }
  {
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT id FROM event_apps ORDER BY id", -1, &q, nullptr) != SQLITE_OK) {
      return sqlite3_errmsg(db);
    }
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) apps.push_back(sqlite3_column_int64(q, 0));
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite3_errmsg(db);
  }
  // A key's first row (newest first) is its latest: the older ones would
  // each parse their traits only for the upsert to keep the row as it is.
  // One bit per user id (event_users.id, dense: a million keys take 125 KB);
  // ids past the bound (never seen) would go through the upsert as before.
  constexpr std::int64_t kMaxUserBits = std::int64_t{1} << 26;  // 8 MiB
  std::vector<bool> recorded;
  {
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM event_users", -1, &q, nullptr) != SQLITE_OK) {
      return sqlite3_errmsg(db);
    }
    const int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
      recorded.resize(static_cast<std::size_t>(std::clamp<std::int64_t>(sqlite3_column_int64(q, 0), 0, kMaxUserBits)) + 1);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW) return sqlite3_errmsg(db);
  }
  PeopleIndexWriter writer;
  if (std::string e = writer.prepare(db); !e.empty()) return e;
  sqlite3_stmt* rows = nullptr;
  if (sqlite3_prepare_v2(db, kIdentifyRowsOfApp, -1, &rows, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  std::string error;
  for (std::int64_t app : apps) {
    sqlite3_bind_int64(rows, 1, app);
    sqlite3_bind_int64(rows, 2, identify_name);
    int rc = SQLITE_DONE;
    while (error.empty() && (rc = sqlite3_step(rows)) == SQLITE_ROW) {
      const std::int64_t user = sqlite3_column_int64(rows, 0);
      const auto bit = static_cast<std::size_t>(user);
      if (bit < recorded.size()) {
        if (recorded[bit]) continue;
        recorded[bit] = true;
      }
      const auto* extra = static_cast<const char*>(sqlite3_column_blob(rows, 3));
      error = writer.record(app, user, sqlite3_column_int64(rows, 1),
                            sqlite3_column_int64(rows, 2),
                            std::string_view(extra ? extra : "", static_cast<std::size_t>(sqlite3_column_bytes(rows, 3))));
    }
    if (error.empty() && rc != SQLITE_DONE) error = sqlite3_errmsg(db);
    sqlite3_reset(rows);
    if (!error.empty()) break;
  }
  sqlite3_finalize(rows);
  return error;
}

}  // namespace cairn::store
