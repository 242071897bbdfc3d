// Person ids: every id that is one person — the key and the ids whose
// identity links pass through it (docs/analytics.md, "Identity merge") —
// resolved by walking two partial indexes of the identify rows
// (store/schema.h: events_identify_by_user, events_identify_by_anonymous)
// instead of replaying all of an app's identify rows, as the erasure does.
// The answer is exactly the replay's, IdentityLinks::ids_through(key) over
// every identify row (store::ids_of_person, the set an erasure erases):
// the walk only chooses which rows to replay, and replays them with the same
// IdentityLinks.
//
// The walk, and why its rows suffice (links chain: a link goes to the person
// its userId belongs to when the link arrives):
//  1. Candidates D: from the key, every anonymousId of an identify row stored
//     under an id already in D (one range of events_identify_by_user per id).
//     Every id of the person is in D. By induction over the rows in arrival
//     order: whenever an id x is through an id v (v is on x's chain), a path
//     of identify rows leads from v to x, each row stored under the previous
//     id and naming the next as anonymousId. A row (a, u) that links a to
//     p = person_of(u) puts a and the ids through a under every id v on p's
//     chain; u's chain ends at p, so u is through v, and the path v .. u,
//     then this row (stored under u, naming a), then a .. x, is one.
//  2. Closure C: D, plus the userId of every identify row whose anonymousId
//     is in C (one range of events_identify_by_anonymous per id).
//  3. Replay, in arrival order, every identify row whose anonymousId is in C.
//     Each such row is decided as in the full replay (by induction over the
//     rows): whether its anonymousId is linked already depends on that id's
//     rows only (all replayed), and the person of its userId on the links of
//     the userId's chain, whose ids are in C (C holds the userIds, and a
//     link's target is on the chain of an id in C). So the links of the ids
//     in C are the full replay's, and ids_through(key) is the same set.
//
// Bounds: D stops at max_candidates ids besides the key (an identify row
// naming one more sets `truncated`; the answer is then the person's ids among
// the candidates kept, each one exact). C stops at max_walk_ids ids; past it
// the walk cannot check its candidates and answers the key alone, truncated.
// Cost: at most |D| + |C| index ranges, each the identify rows of one id.
//
// Threading: resolve_person_ids() uses `db` on the calling thread; the caller
// holds the connection (and, for a consistent answer, one read transaction).
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::people {

// Documented in docs/api.md ("People").
struct PersonIdsLimits {
  // Ids merged into a person's page besides the key.
  static constexpr std::size_t kMaxLinkedIds = 100;
  // Ids whose identify rows one walk reads (candidates and the userIds their
  // links name).
  static constexpr std::size_t kMaxWalkIds = 400;
};

// The walk's bounds (the limits above; tests pass smaller ones).
// REQUIRES: max_walk_ids > max_candidates.
struct PersonIdsBounds {
  std::size_t max_candidates = PersonIdsLimits::kMaxLinkedIds;
  std::size_t max_walk_ids = PersonIdsLimits::kMaxWalkIds;
};

struct PersonIds {
  std::vector<std::string> ids;  // The key first, then the linked ids sorted.
  bool truncated = false;        // More ids may be the person than `ids` holds.
  std::size_t index_ranges = 0;  // Index ranges the walk read (its cost).
};

// The ids of person `key` in the app whose event_apps.id is `app`. nullopt
// with `*error` when the database cannot be read.
std::optional<PersonIds> resolve_person_ids(sqlite3* db, std::int64_t app, const std::string& key,
                                            const PersonIdsBounds& bounds, std::string* error);

// The walk's two statements (?1 app, ?2 id), for tests of their query plans.
const char* identify_rows_by_user_sql();
const char* identify_rows_by_anonymous_sql();

}  // namespace cairn::people
