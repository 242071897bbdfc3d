#include "store/retention.h"

#include "admin/database.h"
#include "store/people_index.h"

#include <map>
#include <utility>
#include <vector>

namespace cairn::store {

using admin::Statement;

std::string expire_events_chunk(sqlite3* db, std::int64_t cut_off_ms, std::int64_t kept_after_id,
                                std::size_t max_rows, RetentionChunk* out) {
  *out = RetentionChunk{};
  // The window is the oldest rows by id (the rowid b-tree's first pages), so
  // a chunk looks at max_rows rows at most, however few of them expired.
  Statement del(db,
                "DELETE FROM events WHERE id IN (SELECT id FROM (SELECT id, received_ms FROM events WHERE id <= ?3 "
                "ORDER BY id LIMIT ?2) WHERE received_ms < ?1) RETURNING app, user, id, type");
  del.bind(1, cut_off_ms).bind(2, static_cast<std::int64_t>(max_rows)).bind(3, kept_after_id);
  std::map<std::int64_t, std::size_t> per_app;
  std::vector<std::pair<std::int64_t, std::int64_t>> identifies;  // (user, event id)
  while (del.step()) {
    ++per_app[del.integer(0)];
    if (del.integer(3) == kIdentifyType) identifies.emplace_back(del.integer(1), del.integer(2));
  }
  if (del.failed()) return sqlite3_errmsg(db);
  // An expired identify takes the email and name it set out of the people
  // index (people_index.h): the period applies to them as to the event they
  // came from. A person whose latest identify expired, with no trait left
  // that a stored identify set, leaves the index.
  Statement forget_email(db,
                         "UPDATE people SET email = NULL, email_folded = NULL, email_time_ms = NULL, "
                         "email_event_id = NULL WHERE user = ?1 AND email_event_id = ?2");
  Statement forget_name(db,
                        "UPDATE people SET name = NULL, name_folded = NULL, name_time_ms = NULL, "
                        "name_event_id = NULL WHERE user = ?1 AND name_event_id = ?2");
  Statement forget_person(db,
                          "DELETE FROM people WHERE user = ?1 AND event_id = ?2 AND email_event_id IS NULL "
                          "AND name_event_id IS NULL");
  for (const auto& [user, event_id] : identifies) {
    for (Statement* q : {&forget_email, &forget_name, &forget_person}) {
      if (!q->reset().bind(1, user).bind(2, event_id).run()) return sqlite3_errmsg(db);
    }
  }
  for (const auto& [app, rows] : per_app) {
    out->deleted += rows;
    Statement name(db, "SELECT app_id FROM event_apps WHERE id = ?1");
    if (name.bind(1, app).step()) out->apps.insert(name.text(0));
    if (name.failed()) return sqlite3_errmsg(db);
  }
  out->finished = out->deleted < max_rows;
  return "";
}

std::string count_held_back_chunk(sqlite3* db, std::int64_t cut_off_ms, std::int64_t after_id, std::size_t max_rows,
                                  RetentionChunk* out) {
  *out = RetentionChunk{};
  // The same window as expire_events_chunk's, from the hold on.
  Statement window(db,
                   "SELECT coalesce(sum(received_ms < ?1), 0), coalesce(max(id), ?2), "
                   "coalesce(max(CASE WHEN received_ms < ?1 THEN id END), 0) FROM "
                   "(SELECT id, received_ms FROM events WHERE id > ?2 ORDER BY id LIMIT ?3)");
  if (!window.bind(1, cut_off_ms).bind(2, after_id).bind(3, static_cast<std::int64_t>(max_rows)).step()) {
    return sqlite3_errmsg(db);
  }
  out->held = static_cast<std::size_t>(window.integer(0));
  out->next_id = window.integer(1);
  out->last_held_id = window.integer(2);
  out->finished = out->held < max_rows;
  return "";
}

std::string expire_orphan_users_chunk(sqlite3* db, std::int64_t after_user_id, std::size_t max_rows,
                                      RetentionChunk* out) {
  *out = RetentionChunk{};
  const auto limit = static_cast<std::int64_t>(max_rows);
  {
    Statement window(db, "SELECT count(*), coalesce(max(id), ?1) FROM "
                         "(SELECT id FROM event_users WHERE id > ?1 ORDER BY id LIMIT ?2)");
    if (!window.bind(1, after_user_id).bind(2, limit).step()) return sqlite3_errmsg(db);
    out->finished = window.integer(0) < limit;
    out->next_id = window.integer(1);
  }
  // events_by_user_time (app, user, time_ms) answers each NOT EXISTS. The
  // people rows go first: a freed user id must never meet an old people row.
  Statement unindex(db,
                    "DELETE FROM people WHERE user IN (SELECT u.id FROM event_users u WHERE u.id > ?1 AND u.id <= ?2 "
                    "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.app = u.app AND e.user = u.id))");
  if (!unindex.bind(1, after_user_id).bind(2, out->next_id).run()) return sqlite3_errmsg(db);
  Statement del(db,
                "DELETE FROM event_users WHERE id IN (SELECT u.id FROM event_users u WHERE u.id > ?1 AND u.id <= ?2 "
                "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.app = u.app AND e.user = u.id))");
  if (!del.bind(1, after_user_id).bind(2, out->next_id).run()) return sqlite3_errmsg(db);
  out->deleted = static_cast<std::size_t>(sqlite3_changes(db));
  return "";
}

std::string expire_erasure_records_chunk(sqlite3* db, std::int64_t before_ms, std::size_t max_rows,
                                         RetentionChunk* out) {
  *out = RetentionChunk{};
  // person_erasures_by_time finds them; seq order is erasure order.
  const char* const kChunk = "SELECT seq FROM person_erasures WHERE erased_at_ms < ?1 ORDER BY seq LIMIT ?2";
  const std::string in = std::string(" IN (") + kChunk + ")";
  for (const std::string& sql : {"DELETE FROM erasure_replay_steps WHERE local_seq" + in,
                                 "DELETE FROM person_erasure_ids WHERE seq" + in}) {
    Statement del(db, sql.c_str());
    if (!del.bind(1, before_ms).bind(2, static_cast<std::int64_t>(max_rows)).run()) return sqlite3_errmsg(db);
  }
  Statement del(db, ("DELETE FROM person_erasures WHERE seq" + in).c_str());
  if (!del.bind(1, before_ms).bind(2, static_cast<std::int64_t>(max_rows)).run()) return sqlite3_errmsg(db);
  out->deleted = static_cast<std::size_t>(sqlite3_changes(db));
  out->finished = out->deleted < max_rows;
  return "";
}

}  // namespace cairn::store
