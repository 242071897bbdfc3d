// Person events: one person's most recent stored events, newest first, read
// straight from the collector's SQLite events table (store/schema.h), for the
// dashboard's People page and "who dropped?" drill-down
// (GET /api/apps/{app_id}/people/{user_key}/events, docs/api.md).
//
// A person is the analytics user key, the stored event_users.user: ingest
// derives it once (userId, else anonymousId; ingest/ingestor.cpp) and the
// analytics engine reads the same column as EventRow::user. Merged (the
// default), the page holds the events of every id that is the person: the key
// and the ids whose identity links pass through it (person_ids.h), the ids
// analytics counts as the person and an erasure erases with it. Each event
// says which id it was stored under.
//
// Cost: the link walk (person_ids.h: two index ranges per id for a usual
// person), then one backward range of the index events_by_user_time
// (app, user, time_ms) per id, merged: at most `limit` + 1 rows taken, plus
// one row read ahead per id, whatever the histories hold.
//
// Paging: events are ordered by time_ms, then arrival (events.id, unique over
// every id), both descending; a page holds events strictly earlier than
// `before_ms`. A page never ends inside a millisecond whose events continue
// past it (those events, of whichever id, move to the next page), so the next
// page is exactly "before the oldest time on this page". Only when more than
// `limit` events share one millisecond does a page end inside it; the rest of
// that millisecond is then skipped. The ids are resolved again for each page,
// in one read transaction with its events: a link that arrives between two
// pages adds its id's events from the next page on.
//
// Threading: read_person_events() uses the connection under its lock.
#pragma once

#include "admin/database.h"
#include "people/person_ids.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::people {

// Documented in docs/api.md.
struct PersonEventsLimits {
  static constexpr std::size_t kDefaultEvents = 20;
  static constexpr std::size_t kMaxEvents = 100;
};

// One stored event as the events table holds it.
struct StoredPersonEvent {
  int type = 0;             // events.type: 0 track, 1 page, 2 screen, 3 identify, 4 group.
  std::string event;        // The analytics name: the track name, "$page", ...
  std::int64_t time_ms = 0;  // Skew-corrected event time.
  std::string properties;   // JSON object text, "" when none.
  std::string extra;        // JSON object text (context, traits, name, ...), "" when none.
  std::string user_key;     // The id it was stored under: the person's key or a linked id.
};

struct PersonEventsPage {
  std::vector<StoredPersonEvent> events;  // Newest first.
  // The `before_ms` of the next page; nullopt when no older event exists.
  std::optional<std::int64_t> next_before_ms;
  bool merged = false;                  // The query's `merge`.
  std::vector<std::string> linked_ids;  // Merged ids besides the key, sorted.
  bool linked_ids_truncated = false;    // More ids are linked than were merged (PersonIdsLimits).
};

struct PersonEventsQuery {
  std::string app_id;
  std::string user_key;
  std::optional<std::int64_t> before_ms;  // nullopt: from the newest event.
  std::size_t limit = PersonEventsLimits::kDefaultEvents;  // 1..kMaxEvents.
  bool merge = true;  // false: the key's own events only.
  PersonIdsBounds id_bounds;
};

// The page of `query`; an unknown app or person is an empty page. nullopt
// with `*error` when the database cannot be read.
// REQUIRES: 1 <= query.limit <= PersonEventsLimits::kMaxEvents.
std::optional<PersonEventsPage> read_person_events(admin::Database& db, const PersonEventsQuery& query,
                                                   std::string* error);

// The statement read_person_events() runs for each id (?1 event_apps.id,
// ?2 user key, ?3 before_ms, ?4 rows), for tests of its query plan.
std::string_view person_events_sql();

}  // namespace cairn::people
