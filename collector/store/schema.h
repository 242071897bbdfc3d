// The ingest half's tables in the collector's SQLite file (`<data-dir>/cairn.db`,
// shared with the admin tables of admin/schema.h). Laid out for analytics
// (docs/analytics.md): apps, users and event names are dictionary-encoded, so an
// event row is a handful of integers plus its properties, and one index serves
// per-user time-ordered reads (funnels walk a user's timeline).
//
//   event_apps   (id INTEGER PRIMARY KEY, app_id TEXT NOT NULL UNIQUE)
//                -- admin apps.id ("app_...") -> small integer
//   event_names  (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)
//                -- event::analytics_name(): "Signed Up", "$page", "cairn_step_seen", ...
//   event_users  (id INTEGER PRIMARY KEY, app INTEGER NOT NULL, user TEXT NOT NULL,
//                 UNIQUE (app, user))
//                -- userId, or anonymousId when the event had no userId
//   events       (id INTEGER PRIMARY KEY,     -- arrival order
//                 app INTEGER NOT NULL,       -- event_apps.id
//                 user INTEGER NOT NULL,      -- event_users.id
//                 time_ms INTEGER NOT NULL,   -- skew-corrected event time, ms since epoch UTC
//                 received_ms INTEGER NOT NULL,
//                 type INTEGER NOT NULL,      -- 0 track, 1 page, 2 screen, 3 identify, 4 group
//                 name INTEGER NOT NULL,      -- event_names.id
//                 message_id TEXT NOT NULL,   -- unique per app (dedup)
//                 anonymous_id TEXT,          -- when the event had both ids, else NULL
//                 properties TEXT,            -- JSON object, NULL when empty
//                 extra TEXT)                 -- JSON object: context, traits, timestamp/sentAt as
//                                             -- sent, unknown fields; NULL when empty
//   UNIQUE INDEX events_by_message ON events(app, message_id)
//   INDEX events_by_user_time ON events(app, user, time_ms)
//   INDEX events_by_name_time ON events(app, name, time_ms)
//   INDEX events_identify_by_user ON events(app, user) WHERE type = 3 AND anonymous_id IS NOT NULL
//   INDEX events_identify_by_anonymous ON events(app, anonymous_id) WHERE type = 3 AND anonymous_id IS NOT NULL
//                -- the identify rows (the identity links) by either id, for the People
//                -- page's link walk (people/person_ids.h). Partial: other events add no
//                -- entry. Created on an existing database at its next start (one pass
//                -- over events); SQLite keeps them up to date under older builds too,
//                -- so they need no schema version of their own.
//   erased_messages (app INTEGER NOT NULL, message_id TEXT NOT NULL,
//                    PRIMARY KEY (app, message_id)) WITHOUT ROWID
//                -- message ids of erased events (person_erasure.h): a retry of
//                -- one is skipped as a duplicate instead of stored again
//   person_erasures (seq INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT, user_key TEXT,
//                    erased_at_ms INTEGER), INDEX on erased_at_ms
//   person_erasure_ids (seq INTEGER, user_key TEXT, PRIMARY KEY (seq, user_key)) WITHOUT ROWID
//                -- each erasure and the ids it resolved, written in the erasure's
//                -- transaction; the primary's metadata snapshot carries the recent
//                -- ones to its followers (cluster/metadata_snapshot.h). Older builds
//                -- ignore these tables, so they need no schema version of their own.
//   replayed_erasures (primary_seq INTEGER PRIMARY KEY, replayed_at_ms INTEGER)
//                -- on a follower: the primary's erasures it repeated (cluster/erasure_replay.h)
//   erasure_replay_steps (primary_seq INTEGER PRIMARY KEY, local_seq INTEGER, cut_off_event_id INTEGER,
//                         last_event_id INTEGER)
//                -- on a follower: the primary's erasures whose SQLite step committed here
//                -- (written in its transaction), with the local person_erasures.seq (its ids)
//                -- and its cut-off, so a retry of the derived copies' step erases no more
//   events_high_water (only INTEGER PRIMARY KEY CHECK (only = 1), max_id INTEGER)
//                -- one row once anything was erased: the highest events.id an erasure
//                -- saw. New events get ids above it and above max(id): SQLite would
//                -- hand out again the ids of deleted newest rows, and readers that keep
//                -- "everything up to id N" (the analytics catch-up, the ClickHouse
//                -- exporter's watermark) would skip those new events
//   people (user INTEGER PRIMARY KEY, app, time_ms, event_id, email, name, email_folded,
//           name_folded, email_time_ms, email_event_id, name_time_ms, name_event_id),
//           INDEX people_by_recency ON people(app, time_ms, event_id, email_folded, name_folded)
//                -- one row per identified user key: the email and name its identifies
//                -- set (merged per trait), for the People search (people_index.h);
//                -- filled from the stored identify rows by the migrations to versions 3
//                -- and 4
//   write_probes (only INTEGER PRIMARY KEY CHECK (only = 1), at_ms INTEGER)
//                -- one row the writer rewrites while its writes fail (a full disk), to
//                -- learn without waiting for ingest that it can write again
//                -- (EventStore::write_health). Older builds ignore it.
//   event_schema_version (version INTEGER NOT NULL)   -- one row
//
// Threading: call once at startup, before the writer starts.
#pragma once

#include <sqlite3.h>

#include <string>

namespace cairn::store {

// 1: the tables above without erased_messages and people; 2: erased_messages;
// 3: people (an older build would store identify rows without indexing them);
// 4: people's trait stamps (identify traits merge, people_index.h).
inline constexpr int kEventSchemaVersion = 4;

// Creates the tables and indexes if missing (idempotent) and records the schema
// version. Returns "" on success or the reason (SQLite's message, or a database
// written by a newer schema version).
std::string migrate_event_schema(sqlite3* db);

}  // namespace cairn::store
