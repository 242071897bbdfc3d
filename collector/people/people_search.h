// People search: the people of an app whose analytics user key starts with a
// text, or whose identify traits' `email` or `name` (merged per trait,
// store/people_index.h) contain it, for the
// dashboard's People page (GET /api/apps/{app_id}/people?q=, docs/api.md,
// "Searching people"). A customer-success person knows "jane@acme.io" from a
// ticket, not the internal id the app stored as userId.
//
// Matches, in this order, without repeats:
//  1. Keys: user keys (event_users.user) that start with `text`, byte for byte
//     (case-sensitive), in key order: one forward range of event_users'
//     UNIQUE (app, user) index from `text`, stopped at the first key without
//     the prefix.
//  2. Traits: people whose email or name (per trait, the latest identify
//     naming it, by event time then arrival) contains `text`, compared
//     with simple Unicode case folding (case_fold.h), latest identify first.
//     Read from the people index (store/people_index.h: one row per
//     identified key, its merged email and name, folded), one backward
//     range of people_by_recency (app, time_ms, event_id), stopped once one
//     more than `limit` people are listed or after `people_rows` rows. Every
//     identified person is in the index, however old their identify; a
//     replaced email or name is not, so it never matches.
// Each match's last_seen_ms is its newest event: one row of the
// (app, user, time_ms) index. A key whose events are gone (erased) is left out.
//
// Threading: search_people() uses the connection under its lock, in one read
// transaction.
#pragma once

#include "admin/database.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::people {

// Documented in docs/api.md.
struct PeopleSearchLimits {
  static constexpr std::size_t kDefaultResults = 20;
  static constexpr std::size_t kMaxResults = 50;
  static constexpr std::size_t kMaxTextBytes = 200;
  // People index rows the traits search reads at most, latest identify first:
  // an app's every identified person up to this many (about 0.3 s of CPU for
  // a text that few match, bench/people/RESULTS.md).
  static constexpr std::size_t kPeopleRows = 1000000;
  // Keys with the prefix read (keys whose events are gone are skipped).
  static constexpr std::size_t kKeyRows = 1000;
};

// The search's bounds (the limits above; tests pass smaller ones).
struct PeopleSearchBounds {
  std::size_t people_rows = PeopleSearchLimits::kPeopleRows;
  std::size_t key_rows = PeopleSearchLimits::kKeyRows;
};

struct PeopleSearchQuery {
  std::string app_id;
  std::string text;  // Not empty.
  std::size_t limit = PeopleSearchLimits::kDefaultResults;  // 1..kMaxResults.
  PeopleSearchBounds bounds;
};

struct PersonMatch {
  std::string user_key;
  std::optional<std::string> email;  // The merged identify traits, when strings (cut to
                                     // store::kPersonTraitBytes).
  std::optional<std::string> name;
  std::int64_t last_seen_ms = 0;  // Time of the newest event.
};

struct PeopleSearchResult {
  std::vector<PersonMatch> people;
  // More people may match than are listed: over `limit`, or a bound stopped
  // a read before its end.
  bool truncated = false;
  std::size_t people_rows_read = 0;  // The traits search's cost.
};

// The matches of `query`; an app without stored events has none. nullopt with
// `*error` when the database cannot be read.
// REQUIRES: !query.text.empty(), 1 <= query.limit <= PeopleSearchLimits::kMaxResults.
std::optional<PeopleSearchResult> search_people(admin::Database& db, const PeopleSearchQuery& query,
                                                std::string* error);

// The statements (for tests of their query plans): keys from a prefix
// (?1 app, ?2 text, ?3 rows), the people index latest first (?1 app, ?2 rows),
// one indexed person (?1 event_users.id), a key's newest event (?1 app,
// ?2 event_users.id).
std::string_view keys_from_sql();
std::string_view people_by_recency_sql();
std::string_view indexed_person_sql();
std::string_view last_seen_sql();

}  // namespace cairn::people
