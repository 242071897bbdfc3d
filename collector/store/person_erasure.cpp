#include "store/person_erasure.h"

#include "admin/database.h"
#include "identity/identity_links.h"

#include <algorithm>

namespace cairn::store {

namespace {

using admin::Statement;

std::string sqlite_error(sqlite3* db) { return sqlite3_errmsg(db); }

}  // namespace

std::vector<std::string> ids_of_person(const std::vector<IdentityLink>& links, const std::string& key) {
  identity::IdentityLinks resolved;
  for (const IdentityLink& link : links) resolved.link(link.anonymous_id, link.user);
  return resolved.ids_through(key);
}

namespace {

void add_missing(std::vector<std::string>& ids, const std::vector<std::string>& more) {
  for (const std::string& id : more) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
}

// Records the erasure and the ids it resolved (schema.h person_erasures).
std::string record_erasure(sqlite3* db, const std::string& app_id, const std::vector<std::string>& ids,
                           std::int64_t* seq_out) {
  Statement insert(db,
                   "INSERT INTO person_erasures (app_id, user_key, erased_at_ms) VALUES "
                   "(?1, ?2, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))");
  if (!insert.bind(1, app_id).bind(2, ids.front()).run()) return sqlite_error(db);
  const std::int64_t seq = sqlite3_last_insert_rowid(db);
  if (seq_out) *seq_out = seq;
  Statement insert_id(db, "INSERT OR IGNORE INTO person_erasure_ids (seq, user_key) VALUES (?1, ?2)");
  for (const std::string& id : ids) {
    if (!insert_id.reset().bind(1, seq).bind(2, id).run()) return sqlite_error(db);
  }
  return "";
}

}  // namespace

std::optional<std::vector<RecordedErasure>> read_recorded_erasures(sqlite3* db, std::int64_t since_ms,
                                                                    std::string* error) {
  std::vector<RecordedErasure> out;
  {
    Statement exists(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'person_erasure_ids'");
    const bool found = exists.step();
    if (exists.failed()) {
      *error = sqlite_error(db);
      return std::nullopt;
    }
    if (!found) return out;
  }
  Statement q(db,
              "SELECT e.seq, e.app_id, e.user_key, e.erased_at_ms, i.user_key FROM person_erasures AS e "
              "JOIN person_erasure_ids AS i ON i.seq = e.seq WHERE e.erased_at_ms >= ?1 ORDER BY e.seq");
  q.bind(1, since_ms);
  while (q.step()) {
    const std::int64_t seq = q.integer(0);
    if (out.empty() || out.back().seq != seq) out.push_back({seq, q.text(1), q.text(2), {q.text(2)}, q.integer(3)});
    if (std::string id = q.text(4); id != out.back().user_key) out.back().ids.push_back(std::move(id));
  }
  if (q.failed()) {
    *error = sqlite_error(db);
    return std::nullopt;
  }
  return out;
}

std::string erase_person_rows(sqlite3* db, const std::string& app_id, const std::string& key, ErasedPerson* out,
                              const std::vector<std::string>& also_ids) {
  *out = ErasedPerson{};
  Statement find_app(db, "SELECT id FROM event_apps WHERE app_id = ?1");
  const bool found = find_app.bind(1, app_id).step();
  if (find_app.failed()) return sqlite_error(db);
  if (!found) {  // The app never stored an event here; a follower may have.
    out->ids = {key};
    add_missing(out->ids, also_ids);
    return record_erasure(db, app_id, out->ids, &out->seq);
  }
  const std::int64_t app = find_app.integer(0);

  // Every identify row of the app (one scan of its events; erasures are rare).
  std::vector<IdentityLink> links;
  {
    Statement q(db,
                "SELECT e.anonymous_id, u.user FROM events AS e JOIN event_users AS u ON u.id = e.user "
                "WHERE e.app = ?1 AND e.type = 3 AND e.anonymous_id IS NOT NULL ORDER BY e.id");
    q.bind(1, app);
    while (q.step()) links.push_back({q.text(0), q.text(1)});
    if (q.failed()) return sqlite_error(db);
  }
  out->ids = ids_of_person(links, key);
  add_missing(out->ids, also_ids);
  out->identity_links = out->ids.size() - 1;

  Statement find_user(db, "SELECT id FROM event_users WHERE app = ?1 AND user = ?2");
  Statement remember(db,
                     "INSERT OR IGNORE INTO erased_messages (app, message_id) "
                     "SELECT app, message_id FROM events WHERE app = ?1 AND user = ?2");
  Statement erase_events(db, "DELETE FROM events WHERE app = ?1 AND user = ?2");
  Statement erase_user(db, "DELETE FROM event_users WHERE id = ?1");
  // The person's email and name (people_index.h): the search must not find
  // them, nor a later key that gets the same event_users id inherit them.
  Statement erase_indexed(db, "DELETE FROM people WHERE user = ?1");
  for (const Statement* q : {&find_user, &remember, &erase_events, &erase_user, &erase_indexed}) {
    if (!q->ok()) return sqlite_error(db);
  }
  for (const std::string& id : out->ids) {
    const bool known = find_user.reset().bind(1, app).bind(2, id).step();
    const std::int64_t user = known ? find_user.integer(0) : 0;
    find_user.reset();  // Done reading event_users before deleting from it.
    if (find_user.failed()) return sqlite_error(db);
    if (!known) continue;
    ++out->user_keys;
    if (!remember.reset().bind(1, app).bind(2, user).run()) return sqlite_error(db);
    if (!erase_events.reset().bind(1, app).bind(2, user).run()) return sqlite_error(db);
    out->events += static_cast<std::size_t>(sqlite3_changes(db));
    if (!erase_user.reset().bind(1, user).run()) return sqlite_error(db);
    if (!erase_indexed.reset().bind(1, user).run()) return sqlite_error(db);
  }
  return record_erasure(db, app_id, out->ids, &out->seq);
}

std::string record_replay_step(sqlite3* db, std::int64_t primary_seq, std::int64_t local_seq,
                               std::int64_t cut_off_event_id, std::int64_t last_event_id) {
  Statement insert(db,
                   "INSERT OR REPLACE INTO erasure_replay_steps (primary_seq, local_seq, cut_off_event_id, "
                   "last_event_id) VALUES (?1, ?2, ?3, ?4)");
  if (!insert.bind(1, primary_seq).bind(2, local_seq).bind(3, cut_off_event_id).bind(4, last_event_id).run()) {
    return sqlite_error(db);
  }
  return "";
}

bool read_replay_step(sqlite3* db, std::int64_t primary_seq, ReplayStep* out, std::string* error) {
  *out = ReplayStep{};
  Statement step(db,
                 "SELECT s.cut_off_event_id, s.last_event_id, e.user_key, i.user_key FROM erasure_replay_steps AS s "
                 "JOIN person_erasures AS e ON e.seq = s.local_seq "
                 "JOIN person_erasure_ids AS i ON i.seq = s.local_seq WHERE s.primary_seq = ?1");
  step.bind(1, primary_seq);
  bool found = false;
  while (step.step()) {
    if (!found) {
      out->cut_off_event_id = step.integer(0);
      out->last_event_id = step.integer(1);
      out->ids.push_back(step.text(2));
      found = true;
    }
    if (std::string id = step.text(3); id != out->ids.front()) out->ids.push_back(std::move(id));
  }
  if (!step.ok() || step.failed()) {
    *error = sqlite_error(db);
    return false;
  }
  return found;
}

}  // namespace cairn::store
