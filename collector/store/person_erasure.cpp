#include "store/person_erasure.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace cairn::store {

namespace {

// A prepared statement for the erasure's few queries (not kept: erasures are rare).
class Query {
 public:
  Query(sqlite3* db, const char* sql) : db_(db) { ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK; }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() { sqlite3_finalize(stmt_); }

  bool ok() const { return ok_; }
  void text(int i, std::string_view s) { sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT); }
  void integer(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  // SQLITE_ROW, SQLITE_DONE or an error; ok_ turns false on an error.
  int step() {
    const int rc = sqlite3_step(stmt_);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) ok_ = false;
    return rc;
  }
  // Runs a statement without rows; false on an error.
  bool run() {
    const int rc = step();
    sqlite3_reset(stmt_);
    return rc == SQLITE_DONE;
  }
  std::int64_t column_integer(int i) const { return sqlite3_column_int64(stmt_, i); }
  std::string column_text(int i) const {
    const unsigned char* t = sqlite3_column_text(stmt_, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  void reset() { sqlite3_reset(stmt_); }
  std::string error() const { return sqlite3_errmsg(db_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool ok_ = false;
};

}  // namespace

std::vector<std::string> ids_of_person(const std::vector<IdentityLink>& links, const std::string& key) {
  // anonymousId -> the person it was linked to when the link arrived.
  std::unordered_map<std::string, std::string> linked_to;
  auto person_of = [&linked_to](std::string id) {
    for (auto it = linked_to.find(id); it != linked_to.end(); it = linked_to.find(id)) id = it->second;
    return id;
  };
  for (const IdentityLink& link : links) {
    if (link.anonymous_id.empty() || link.anonymous_id == link.user) continue;
    std::string to = person_of(link.user);
    // First link wins; a link back to the anonymousId's own person is ignored.
    if (linked_to.count(link.anonymous_id) != 0 || to == link.anonymous_id) continue;
    linked_to.emplace(link.anonymous_id, std::move(to));
  }
  std::unordered_map<std::string, std::vector<std::string>> merged_into;  // person -> ids linked to it
  for (const auto& [anonymous_id, person] : linked_to) merged_into[person].push_back(anonymous_id);
  std::vector<std::string> ids{key};
  for (std::size_t i = 0; i < ids.size(); ++i) {  // Links have no cycles (see above).
    auto it = merged_into.find(ids[i]);
    if (it == merged_into.end()) continue;
    ids.insert(ids.end(), it->second.begin(), it->second.end());
  }
  return ids;
}

namespace {

void add_missing(std::vector<std::string>& ids, const std::vector<std::string>& more) {
  for (const std::string& id : more) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
}

// Records the erasure and the ids it resolved (schema.h person_erasures).
std::string record_erasure(sqlite3* db, const std::string& app_id, const std::vector<std::string>& ids) {
  Query insert(db,
               "INSERT INTO person_erasures (app_id, user_key, erased_at_ms) VALUES "
               "(?1, ?2, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))");
  if (!insert.ok()) return insert.error();
  insert.text(1, app_id);
  insert.text(2, ids.front());
  if (!insert.run()) return insert.error();
  const std::int64_t seq = sqlite3_last_insert_rowid(db);
  Query insert_id(db, "INSERT OR IGNORE INTO person_erasure_ids (seq, user_key) VALUES (?1, ?2)");
  if (!insert_id.ok()) return insert_id.error();
  for (const std::string& id : ids) {
    insert_id.integer(1, seq);
    insert_id.text(2, id);
    if (!insert_id.run()) return insert_id.error();
  }
  return "";
}

}  // namespace

std::optional<std::vector<RecordedErasure>> read_recorded_erasures(sqlite3* db, std::int64_t since_ms,
                                                                    std::string* error) {
  std::vector<RecordedErasure> out;
  {
    Query exists(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'person_erasure_ids'");
    if (exists.ok() && exists.step() == SQLITE_DONE) return out;
    if (!exists.ok()) {
      *error = exists.error();
      return std::nullopt;
    }
  }
  Query q(db,
          "SELECT e.seq, e.app_id, e.user_key, e.erased_at_ms, i.user_key FROM person_erasures AS e "
          "JOIN person_erasure_ids AS i ON i.seq = e.seq WHERE e.erased_at_ms >= ?1 ORDER BY e.seq");
  if (!q.ok()) {
    *error = q.error();
    return std::nullopt;
  }
  q.integer(1, since_ms);
  while (q.step() == SQLITE_ROW) {
    const std::int64_t seq = q.column_integer(0);
    if (out.empty() || out.back().seq != seq) {
      out.push_back({seq, q.column_text(1), q.column_text(2), {q.column_text(2)}, q.column_integer(3)});
    }
    if (std::string id = q.column_text(4); id != out.back().user_key) out.back().ids.push_back(std::move(id));
  }
  if (!q.ok()) {
    *error = q.error();
    return std::nullopt;
  }
  return out;
}

std::string erase_person_rows(sqlite3* db, const std::string& app_id, const std::string& key, ErasedPerson* out,
                              const std::vector<std::string>& also_ids) {
  *out = ErasedPerson{};
  Query find_app(db, "SELECT id FROM event_apps WHERE app_id = ?1");
  if (!find_app.ok()) return find_app.error();
  find_app.text(1, app_id);
  const int found = find_app.step();
  if (!find_app.ok()) return find_app.error();
  if (found != SQLITE_ROW) {  // The app never stored an event here; a follower may have.
    out->ids = {key};
    add_missing(out->ids, also_ids);
    return record_erasure(db, app_id, out->ids);
  }
  const std::int64_t app = find_app.column_integer(0);

  // Every identify row of the app (one scan of its events; erasures are rare).
  std::vector<IdentityLink> links;
  {
    Query q(db,
            "SELECT e.anonymous_id, u.user FROM events AS e JOIN event_users AS u ON u.id = e.user "
            "WHERE e.app = ?1 AND e.type = 3 AND e.anonymous_id IS NOT NULL ORDER BY e.id");
    if (!q.ok()) return q.error();
    q.integer(1, app);
    while (q.step() == SQLITE_ROW) links.push_back({q.column_text(0), q.column_text(1)});
    if (!q.ok()) return q.error();
  }
  out->ids = ids_of_person(links, key);
  add_missing(out->ids, also_ids);
  out->identity_links = out->ids.size() - 1;

  Query find_user(db, "SELECT id FROM event_users WHERE app = ?1 AND user = ?2");
  Query remember(db,
                 "INSERT OR IGNORE INTO erased_messages (app, message_id) "
                 "SELECT app, message_id FROM events WHERE app = ?1 AND user = ?2");
  Query erase_events(db, "DELETE FROM events WHERE app = ?1 AND user = ?2");
  Query erase_user(db, "DELETE FROM event_users WHERE id = ?1");
  for (Query* q : {&find_user, &remember, &erase_events, &erase_user}) {
    if (!q->ok()) return q->error();
  }
  for (const std::string& id : out->ids) {
    find_user.integer(1, app);
    find_user.text(2, id);
    const int rc = find_user.step();
    const std::int64_t user = rc == SQLITE_ROW ? find_user.column_integer(0) : 0;
    find_user.reset();
    if (!find_user.ok()) return find_user.error();
    if (rc != SQLITE_ROW) continue;
    ++out->user_keys;
    for (Query* q : {&remember, &erase_events}) {
      q->integer(1, app);
      q->integer(2, user);
    }
    if (!remember.run()) return remember.error();
    if (!erase_events.run()) return erase_events.error();
    out->events += static_cast<std::size_t>(sqlite3_changes(db));
    erase_user.integer(1, user);
    if (!erase_user.run()) return erase_user.error();
  }
  return record_erasure(db, app_id, out->ids);
}

}  // namespace cairn::store
