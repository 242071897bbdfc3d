// The people index: one row per identified user key of an app, holding the
// email and name its identify calls set, merged, so the dashboard's People
// search (people/people_search.h) finds "jane@acme.io" however long ago Jane
// last signed in, without reading the app's identify rows.
//
//   people (user INTEGER PRIMARY KEY,   -- event_users.id of the key
//           app INTEGER NOT NULL,       -- event_apps.id
//           time_ms INTEGER NOT NULL,   -- the latest identify's event time
//           event_id INTEGER NOT NULL,  -- and its events.id (arrival order)
//           email TEXT, name TEXT,      -- the merged traits.email / traits.name (below),
//                                       -- cut to kPersonTraitBytes on a UTF-8 boundary
//           email_folded TEXT, name_folded TEXT,  -- the same, case-folded (people/case_fold.h)
//           email_time_ms INTEGER, email_event_id INTEGER,  -- the identify that set or
//           name_time_ms INTEGER, name_event_id INTEGER)    -- cleared each; NULL: none did
//   INDEX people_by_recency ON people(app, time_ms, event_id, email_folded, name_folded)
//                -- the search's read, latest identify first; covering (the
//                -- folded forms in it), so a search that reads every person
//                -- of an app reads no table row: 1.6x faster for ~40% more
//                -- bytes of the people table (bench/people/RESULTS.md)
//
// Identify traits merge per key, as Segment, PostHog ($set), Pendo and
// Appcues do: an app may send only what changed (`identify(id, {plan})`
// after `identify(id, {email, name})` at sign-in), and the person keeps the
// email and name. Per trait, the latest identify (by event time, then
// arrival) whose traits carry the key decides: a string sets it, null (or
// any other non-string value) clears it, like $unset; an identify without
// the key leaves it. So an identify that arrives late (an SDK's delayed
// batch) with an older time fills a trait no later identify named, and
// replaces none that one did. Bounded: two strings of kPersonTraitBytes per
// person, however many identifies merge.
//
// Kept exact, never rebuilt: the event store's writer records each stored
// identify row in the transaction that stores it (so an acknowledged
// identify is searchable and a kill -9 cannot leave the two apart), an
// erasure deletes the rows of the ids it erases (person_erasure.h), an app
// purge deletes the app's rows (app_purge.h), retention takes out the
// traits an expired identify set (retention.h), and the schema migrations
// fill the table from the identify rows already stored (schema.h, below).
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

// What one identify says about a trait the index keeps.
struct TraitUpdate {
  bool named = false;                // The identify's traits carry the key.
  std::optional<std::string> value;  // Its value when a string (cut); nullopt clears.
};

struct PersonTraits {
  TraitUpdate email;
  TraitUpdate name;
};

// traits.email and traits.name of an identify row's `extra` (StoredEvent),
// strings cut to kPersonTraitBytes. Neither named when `extra` is not a JSON
// object with a `traits` object.
PersonTraits identify_traits(std::string_view extra);

// An identify's place in "latest": event time, then arrival (events.id).
struct IdentifyStamp {
  std::int64_t time_ms = 0;
  std::int64_t event_id = 0;
  friend bool operator<(const IdentifyStamp& a, const IdentifyStamp& b) {
    return a.time_ms != b.time_ms ? a.time_ms < b.time_ms : a.event_id < b.event_id;
  }
};

// One trait of a person in the index: its value and the identify that set
// or cleared it (nullopt: no identify named it).
struct IndexedTrait {
  std::optional<std::string> value;
  std::optional<IdentifyStamp> set_by;
};

// A person's row (without the folded forms, which follow from the values).
struct IndexedPerson {
  IdentifyStamp latest;
  IndexedTrait email;
  IndexedTrait name;
};

// `person` (nullopt: not indexed yet) after the identify at `stamp` with
// `traits`, merged as above. The result does not depend on the order the
// identifies are merged in.
IndexedPerson merge_identify(const std::optional<IndexedPerson>& person, IdentifyStamp stamp,
                             const PersonTraits& traits);

// Records identify rows in the index with one prepared statement.
class PeopleIndexWriter {
 public:
  PeopleIndexWriter() = default;
  ~PeopleIndexWriter();
  PeopleIndexWriter(const PeopleIndexWriter&) = delete;
  PeopleIndexWriter& operator=(const PeopleIndexWriter&) = delete;

  // "" or SQLite's reason. REQUIRES: the people table exists.
  std::string prepare(sqlite3* db);

  // Merges identify row `event_id` (of key `user` of app `app`, event time
  // `time_ms`, StoredEvent::extra `extra`) into the key's row (see above).
  // "" or SQLite's reason.
  // REQUIRES: prepare() succeeded; a write transaction is open.
  std::string record(std::int64_t app, std::int64_t user, std::int64_t time_ms, std::int64_t event_id,
                     std::string_view extra);

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* read_ = nullptr;
  sqlite3_stmt* write_ = nullptr;
};

// Fills the index from every identify row stored (the migrations to schema
// versions 3 and 4), merged into the rows already there: per app, its
// identify rows newest first, one row in memory at a time, skipping (without
// parsing) a row older than both traits of its key already set. Rows
// already there keep what they hold (retention may have expired the
// identifies they came from). "" or SQLite's reason.
// REQUIRES: a write transaction is open.
std::string backfill_people_index(sqlite3* db);

}  // namespace cairn::store
