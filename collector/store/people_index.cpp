#include "store/people_index.h"

#include "json/utf8.h"
#include "people/case_fold.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <vector>

namespace cairn::store {

namespace {

namespace bj = boost::json;

constexpr const char* kReadPerson =
    "SELECT time_ms, event_id, email, name, email_time_ms, email_event_id, name_time_ms, name_event_id "
    "FROM people WHERE user = ?1";

constexpr const char* kWritePerson =
    "INSERT INTO people (user, app, time_ms, event_id, email, name, email_folded, name_folded, "
    "email_time_ms, email_event_id, name_time_ms, name_event_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
    "ON CONFLICT (user) DO UPDATE SET app = excluded.app, time_ms = excluded.time_ms, "
    "event_id = excluded.event_id, email = excluded.email, name = excluded.name, "
    "email_folded = excluded.email_folded, name_folded = excluded.name_folded, "
    "email_time_ms = excluded.email_time_ms, email_event_id = excluded.email_event_id, "
    "name_time_ms = excluded.name_time_ms, name_event_id = excluded.name_event_id";

// One app's identify rows, newest first (events_by_name_time backwards): a
// key's older rows then mostly find both its traits set by a newer one and
// are skipped unparsed.
constexpr const char* kIdentifyRowsOfApp =
    "SELECT user, time_ms, id, extra FROM events WHERE app = ?1 AND name = ?2 AND type = 3 "
    "ORDER BY time_ms DESC, id DESC";

TraitUpdate trait_update(const bj::object& traits, std::string_view field) {
  const bj::value* v = traits.if_contains(field);
  if (!v) return {};
  TraitUpdate out;
  out.named = true;
  if (v->is_string()) out.value = std::string(json::clip_utf8(v->get_string(), kPersonTraitBytes));
  return out;
}

void bind_optional(sqlite3_stmt* stmt, int index, const std::optional<std::string>& text) {
  if (text) sqlite3_bind_text(stmt, index, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
  else sqlite3_bind_null(stmt, index);
}

void bind_stamp(sqlite3_stmt* stmt, int index, const std::optional<IdentifyStamp>& stamp) {
  if (stamp) {
    sqlite3_bind_int64(stmt, index, stamp->time_ms);
    sqlite3_bind_int64(stmt, index + 1, stamp->event_id);
  } else {
    sqlite3_bind_null(stmt, index);
    sqlite3_bind_null(stmt, index + 1);
  }
}

std::optional<std::string> column_text(sqlite3_stmt* stmt, int index) {
  if (sqlite3_column_type(stmt, index) == SQLITE_NULL) return std::nullopt;
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, index));
  return std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, index)));
}

std::optional<IdentifyStamp> column_stamp(sqlite3_stmt* stmt, int index) {
  if (sqlite3_column_type(stmt, index) == SQLITE_NULL) return std::nullopt;
  return IdentifyStamp{sqlite3_column_int64(stmt, index), sqlite3_column_int64(stmt, index + 1)};
}

std::optional<std::string> folded(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return people::fold_case(*text);
}

// The identify at `stamp` decides the trait when it names it and no later
// identify did.
IndexedTrait merge_trait(const IndexedTrait& trait, IdentifyStamp stamp, const TraitUpdate& update) {
  if (!update.named || (trait.set_by && stamp < *trait.set_by)) return trait;
  return IndexedTrait{update.value, stamp};
}

bool older_than(IdentifyStamp stamp, const std::optional<IdentifyStamp>& set_by) {
  return set_by && stamp < *set_by;
}

bool same(const IndexedTrait& a, const IndexedTrait& b) {
  return a.value == b.value && a.set_by.has_value() == b.set_by.has_value() &&
         (!a.set_by || (!(*a.set_by < *b.set_by) && !(*b.set_by < *a.set_by)));
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
  out.email = trait_update(traits->get_object(), "email");
  out.name = trait_update(traits->get_object(), "name");
  return out;
}

IndexedPerson merge_identify(const std::optional<IndexedPerson>& person, IdentifyStamp stamp,
                             const PersonTraits& traits) {
  if (!person) return IndexedPerson{stamp, merge_trait({}, stamp, traits.email), merge_trait({}, stamp, traits.name)};
  IndexedPerson out;
  out.latest = person->latest < stamp ? stamp : person->latest;
  out.email = merge_trait(person->email, stamp, traits.email);
  out.name = merge_trait(person->name, stamp, traits.name);
  return out;
}

PeopleIndexWriter::~PeopleIndexWriter() {
  sqlite3_finalize(read_);
  sqlite3_finalize(write_);
}

std::string PeopleIndexWriter::prepare(sqlite3* db) {
  db_ = db;
  sqlite3_finalize(read_);
  sqlite3_finalize(write_);
  read_ = write_ = nullptr;
  if (sqlite3_prepare_v3(db, kReadPerson, -1, SQLITE_PREPARE_PERSISTENT, &read_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v3(db, kWritePerson, -1, SQLITE_PREPARE_PERSISTENT, &write_, nullptr) != SQLITE_OK) {
    return sqlite3_errmsg(db);
  }
  return "";
}

std::string PeopleIndexWriter::record(std::int64_t app, std::int64_t user, std::int64_t time_ms,
                                      std::int64_t event_id, std::string_view extra) {
  const IdentifyStamp stamp{time_ms, event_id};
  std::optional<IndexedPerson> person;
  sqlite3_bind_int64(read_, 1, user);
  const int read = sqlite3_step(read_);
  if (read == SQLITE_ROW) {
    person = IndexedPerson{IdentifyStamp{sqlite3_column_int64(read_, 0), sqlite3_column_int64(read_, 1)},
                           IndexedTrait{column_text(read_, 2), column_stamp(read_, 4)},
                           IndexedTrait{column_text(read_, 3), column_stamp(read_, 6)}};
  }
  sqlite3_reset(read_);
  if (read != SQLITE_ROW && read != SQLITE_DONE) return sqlite3_errmsg(db_);
  // Older than the row and than both traits' identifies: it can change
  // nothing, so its JSON is not parsed (a late batch, most backfill rows).
  if (person && stamp < person->latest && older_than(stamp, person->email.set_by) &&
      older_than(stamp, person->name.set_by)) {
    return "";
  }
  const IndexedPerson merged = merge_identify(person, stamp, identify_traits(extra));
  if (person && !(person->latest < merged.latest) && same(person->email, merged.email) &&
      same(person->name, merged.name)) {
    return "";
  }
  sqlite3_bind_int64(write_, 1, user);
  sqlite3_bind_int64(write_, 2, app);
  sqlite3_bind_int64(write_, 3, merged.latest.time_ms);
  sqlite3_bind_int64(write_, 4, merged.latest.event_id);
  bind_optional(write_, 5, merged.email.value);
  bind_optional(write_, 6, merged.name.value);
  bind_optional(write_, 7, folded(merged.email.value));
  bind_optional(write_, 8, folded(merged.name.value));
  bind_stamp(write_, 9, merged.email.set_by);
  bind_stamp(write_, 11, merged.name.set_by);
  const int rc = sqlite3_step(write_);
  sqlite3_reset(write_);
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
