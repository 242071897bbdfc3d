// The people index: one row per identified user key of an app, holding the
// email and name of its latest identify call, so the dashboard's People
// search (people/people_search.h) finds "jane@acme.io" however long ago Jane
// last signed in, without reading the app's identify rows.
//
//   people (user INTEGER PRIMARY KEY,   -- event_users.id of the key
//           app INTEGER NOT NULL,       -- event_apps.id
//           time_ms INTEGER NOT NULL,   -- the latest identify's event time
//           event_id INTEGER NOT NULL,  -- and its events.id (arrival order)
//           email TEXT, name TEXT,      -- its traits.email / traits.name when strings,
//                                       -- cut to kPersonTraitBytes on a UTF-8 boundary
//           email_folded TEXT, name_folded TEXT)  -- the same, case-folded (people/case_fold.h)
//   INDEX people_by_recency ON people(app, time_ms, event_id, email_folded, name_folded)
//                -- the search's read, latest identify first; covering (the
//                -- folded forms in it), so a search that reads every person
//                -- of an app reads no table row: 1.6x faster for ~40% more
//                -- bytes of the people table (bench/people/RESULTS.md)
//
// "Latest" is by event time, then arrival: an identify that arrives late (an
// SDK's delayed batch) with an older time does not replace a newer one, and
// the latest identify replaces the row whole (an identify without an email
// clears the email, as the People page shows it).
//
// Kept exact, never rebuilt: the event store's writer records each stored
// identify row in the transaction that stores it (so an acknowledged
// identify is searchable and a kill -9 cannot leave the two apart), an
// erasure deletes the rows of the ids it erases (person_erasure.h), an app
// purge deletes the app's rows (app_purge.h), and the schema migration to
// version 3 fills the table once from the identify rows already stored
// (schema.h).
//
// Threading: everything here runs on the connection that holds the write
// transaction (the EventStore writer thread, or the migration).
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::store {

// StoredEvent::type of an identify call (event::EventType::identify): the
// rows whose traits the index holds.
inline constexpr int kIdentifyType = 3;

// Bytes of an email or name kept (and shown by the People search).
inline constexpr std::size_t kPersonTraitBytes = 200;

struct PersonTraits {
  std::optional<std::string> email;
  std::optional<std::string> name;
};

// traits.email and traits.name of an identify row's `extra` (StoredEvent),
// when they are strings, cut to kPersonTraitBytes. None when `extra` is not a
// JSON object with a `traits` object.
PersonTraits identify_traits(std::string_view extra);

// Records identify rows in the index with one prepared statement.
class PeopleIndexWriter {
 public:
  PeopleIndexWriter() = default;
  ~PeopleIndexWriter();
  PeopleIndexWriter(const PeopleIndexWriter&) = delete;
  PeopleIndexWriter& operator=(const PeopleIndexWriter&) = delete;

  // "" or SQLite's reason. REQUIRES: the people table exists.
  std::string prepare(sqlite3* db);

  // Makes identify row `event_id` (of key `user` of app `app`, event time
  // `time_ms`, StoredEvent::extra `extra`) the key's row, unless the row
  // there is later (see above). "" or SQLite's reason.
  // REQUIRES: prepare() succeeded; a write transaction is open.
  std::string record(std::int64_t app, std::int64_t user, std::int64_t time_ms, std::int64_t event_id,
                     std::string_view extra);

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* upsert_ = nullptr;
};

// Fills the index from every identify row stored (the migration to schema
// version 3): per app, its identify rows in time order, one row in memory at
// a time. "" or SQLite's reason. REQUIRES: a write transaction is open.
std::string backfill_people_index(sqlite3* db);

}  // namespace cairn::store
