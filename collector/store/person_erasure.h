// Erasing one person (a GDPR/CCPA erasure request): which ids are the person,
// and the SQL that forgets them inside the event store's writer transaction.
//
// A person is an analytics user key (docs/analytics.md, "Identity merge"). The
// ids erased with key K are K and every id whose identity link chain passes
// through K, the links replayed with identity merge's rules
// (identity/identity_links.h): identify rows in arrival order, the first
// link of an anonymousId wins, a link goes to the userId's person at that
// time, a link back to one's own person is ignored.
// So erasing a userId takes every anonymousId merged into it; erasing an
// anonymousId that was itself linked to a userId takes only that id (and what
// was merged into it), not the userId it belongs to.
//
// Erased, in one transaction: every events row stored under those ids (their
// identify rows, which hold the links, included), their event_users rows and
// people index rows (their emails and names, people_index.h), and
// the erased rows' message ids are kept in erased_messages so an SDK retry of
// one of them is skipped as a duplicate (schema.h), and the erasure itself is
// recorded in person_erasures so followers repeat it. Events sent after the
// erasure under the same ids are new data and are stored.
//
// Threading: erase_person_rows() runs on the connection that holds the write
// transaction (the EventStore writer thread).
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cairn::store {

// One identify row: the anonymousId it links to the userId, in arrival order.
struct IdentityLink {
  std::string anonymous_id;
  std::string user;
};

// The ids erased with `key`: `key` first, then the others in no set order.
// `links` in arrival order.
std::vector<std::string> ids_of_person(const std::vector<IdentityLink>& links, const std::string& key);

struct ErasedPerson {
  std::size_t user_keys = 0;  // Ids that had stored events (key included).
  std::size_t events = 0;     // Event rows deleted.
  std::size_t identity_links = 0;  // Ids other than `key` erased with it.
  std::vector<std::string> ids;    // Every id erased (for other stores to forget).
  std::int64_t seq = 0;            // The erasure's person_erasures.seq here.
};

// How long an erasure's record (person_erasures, person_erasure_ids) is
// needed: the primary's metadata snapshot carries the erasures of this many
// days to its followers, which repeat them (cluster/metadata_snapshot.h
// kErasureWindowDays). A retention pass (retention.h) deletes the records
// older than this and a day (for clocks that disagree): they hold the erased
// person's user keys and serve nothing after it.
inline constexpr std::int64_t kErasureReplayDays = 30;
inline constexpr std::int64_t kErasureRecordDays = kErasureReplayDays + 1;

// One recorded erasure (schema.h person_erasures): `ids` are every id it
// erased, `user_key` first.
struct RecordedErasure {
  std::int64_t seq = 0;
  std::string app_id;
  std::string user_key;
  std::vector<std::string> ids;
  std::int64_t erased_at_ms = 0;
};

// The erasures recorded at or after `since_ms`, by seq. nullopt with `*error`
// on a storage error; empty when the tables do not exist (an admin-only
// database).
std::optional<std::vector<RecordedErasure>> read_recorded_erasures(sqlite3* db, std::int64_t since_ms,
                                                                    std::string* error);

// Deletes the person `key` of app `app_id` (see above). REQUIRES: a write
// transaction is open on `db`. "" or SQLite's reason (the caller rolls back).
// `also_ids` are erased with the person's own (a follower repeating a
// primary's erasure passes the ids the primary resolved: the identify rows
// that linked them may live on the primary only).
std::string erase_person_rows(sqlite3* db, const std::string& app_id, const std::string& key, ErasedPerson* out,
                              const std::vector<std::string>& also_ids = {});

// A follower's replay of the primary's erasure `primary_seq` (schema.h
// erasure_replay_steps): its SQLite step committed as the local erasure
// `ids` (person_erasures.seq `local_seq`), with that step's cut-off and last
// events.id (EventStore's ErasureOutcome). A retry of the derived copies'
// step reuses them instead of erasing again, so events stored since stay.
struct ReplayStep {
  std::vector<std::string> ids;  // user_key first.
  std::int64_t cut_off_event_id = 0;
  std::int64_t last_event_id = 0;
};

// Records the step. REQUIRES: the erasure's write transaction is open.
std::string record_replay_step(sqlite3* db, std::int64_t primary_seq, std::int64_t local_seq,
                               std::int64_t cut_off_event_id, std::int64_t last_event_id);

// The recorded step of `primary_seq`: true and `*out`, false when none was
// recorded, false with `*error` on a storage error.
bool read_replay_step(sqlite3* db, std::int64_t primary_seq, ReplayStep* out, std::string* error);

}  // namespace cairn::store
