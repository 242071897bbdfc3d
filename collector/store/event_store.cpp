#include "store/event_store.h"

#include "store/people_index.h"
#include "store/schema.h"

#include <sqlite3.h>

#include <chrono>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace cairn::store {

namespace {

// A checkpoint copies WAL pages back into the database inside some commit;
// a larger WAL makes that rarer (SQLite's default is 1000 pages).
constexpr int kWalAutocheckpointPages = 10000;
// Writers from the admin half hold the database for milliseconds.
constexpr int kBusyTimeoutMs = 5000;
// Dictionary caches are dropped when they grow past this (memory bound; they
// refill from the tables on demand).
constexpr std::size_t kMaxCachedUsers = 1000000;
constexpr std::size_t kMaxCachedNames = 100000;

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  bool prepare(sqlite3* db, const char* sql) {
    return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) == SQLITE_OK;
  }
  sqlite3_stmt* get() const { return stmt_; }
  void text(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }
  void text_or_null(int i, std::string_view s) {
    if (s.empty()) sqlite3_bind_null(stmt_, i);
    else text(i, s);
  }
  void integer(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  // Runs the statement to its first row or its end; SQLITE_ROW/SQLITE_DONE/error.
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

struct UserKey {
  std::int64_t app;
  std::string user;
  bool operator==(const UserKey&) const = default;
};
struct UserKeyHash {
  std::size_t operator()(const UserKey& k) const {
    return std::hash<std::string>()(k.user) ^ (static_cast<std::size_t>(k.app) * 0x9E3779B97F4A7C15ULL);
  }
};

}  // namespace

// The writer thread's connection, statements and dictionary caches. Only the
// writer thread touches it after open.
class EventStore::Writer {
 public:
  std::string open(const std::string& path, std::int64_t wal_size_limit_bytes) {
    if (sqlite3_open_v2(path.c_str(), &connection_.db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      return connection_.db ? sqlite3_errmsg(connection_.db) : "out of memory";
    }
    db_ = connection_.db;
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // journal_mode answers the mode it ended up in; anything but WAL (an
    // in-memory database, a filesystem without shared memory) would change the
    // durability and concurrency argument of event_store.h, so refuse it.
    {
      Statement wal;
      if (!wal.prepare(db_, "PRAGMA journal_mode=WAL") || wal.step() != SQLITE_ROW) {
        return sqlite3_errmsg(db_);
      }
      const unsigned char* mode = sqlite3_column_text(wal.get(), 0);
      if (!mode || std::string_view(reinterpret_cast<const char*>(mode)) != "wal") {
        return "the database cannot use WAL mode";
      }
    }
    // secure_delete: an erasure (the only deletes this connection makes)
    // overwrites the erased rows' bytes instead of leaving them in free pages.
    // journal_size_limit: this connection writes the first commit after the
    // log restarts, which is when SQLite cuts the file back.
    const std::string pragmas = "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; PRAGMA wal_autocheckpoint=" +
                                std::to_string(kWalAutocheckpointPages) +
                                "; PRAGMA journal_size_limit=" + std::to_string(wal_size_limit_bytes) + ";";
    if (sqlite3_exec(db_, pragmas.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      return sqlite3_errmsg(db_);
    }
    if (std::string e = migrate_event_schema(db_); !e.empty()) return e;
    struct {
      Statement* stmt;
      const char* sql;
    } statements[] = {
        {&begin_, "BEGIN IMMEDIATE"},
        {&commit_, "COMMIT"},
        {&max_event_id_, "SELECT coalesce(max(id), 0) FROM events"},
        {&highest_id_, "SELECT max((SELECT coalesce(max(id), 0) FROM events), "
                       "(SELECT coalesce(max(max_id), 0) FROM events_high_water))"},
        {&raise_high_water_, "INSERT INTO events_high_water (only, max_id) VALUES (1, ?1) "
                             "ON CONFLICT (only) DO UPDATE SET max_id = max(max_id, excluded.max_id)"},
        {&rollback_, "ROLLBACK"},
        {&insert_event_,
         "INSERT INTO events (id, app, user, time_ms, received_ms, type, name, message_id, anonymous_id, "
         "properties, extra) SELECT ?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 "
         "WHERE NOT EXISTS (SELECT 1 FROM erased_messages WHERE app = ?1 AND message_id = ?7) "
         "ON CONFLICT (app, message_id) DO NOTHING"},
        {&find_app_, "SELECT id FROM event_apps WHERE app_id = ?1"},
        {&insert_app_, "INSERT INTO event_apps (app_id) VALUES (?1)"},
        {&find_name_, "SELECT id FROM event_names WHERE name = ?1"},
        {&insert_name_, "INSERT INTO event_names (name) VALUES (?1)"},
        {&find_user_, "SELECT id FROM event_users WHERE app = ?1 AND user = ?2"},
        {&write_probe_, "INSERT INTO write_probes (only, at_ms) VALUES (1, ?1) "
                        "ON CONFLICT (only) DO UPDATE SET at_ms = max(excluded.at_ms, at_ms + 1)"},
        {&insert_user_, "INSERT INTO event_users (app, user) VALUES (?1, ?2)"},
    };
    for (auto& s : statements) {
      if (!s.stmt->prepare(db_, s.sql)) return sqlite3_errmsg(db_);
    }
    if (std::string e = people_index_.prepare(db_); !e.empty()) return e;
    // A purge cut short by a crash or a restart continues from here.
    return load_purges();
  }

  // Reads app_purges (app_purge.h): the deleted apps, whose events are
  // dropped from now on, and those still to purge. "" or why not.
  std::string load_purges() {
    std::string error;
    std::optional<AppPurges> purges = read_app_purges(db_, &error);
    if (!purges) return "app_purges: " + error;
    deleted_apps_ = std::set<std::string, std::less<>>(purges->all.begin(), purges->all.end());
    pending_purges_.assign(purges->pending.begin(), purges->pending.end());
    return "";
  }

  std::size_t pending_purges() const { return pending_purges_.size(); }
  // After a failed chunk: no retry until purge_deleted_apps() or the next start.
  void postpone_purges() { pending_purges_.clear(); }

  // Deletes one chunk of the oldest pending purge in its own transaction.
  std::string purge_chunk(std::size_t max_rows, std::int64_t now_ms, PurgeChunk& out) {
    if (!run(begin_)) return error("BEGIN");
    // The purged ids stay used even when the app's rows were the newest.
    std::int64_t highest = 0;
    if (!max_event_id(highest)) return abort(error("max(id)"));
    raise_high_water_.integer(1, highest);
    if (!run(raise_high_water_)) return abort(error("events_high_water"));
    if (std::string e = purge_app_chunk(db_, pending_purges_.front(), max_rows, now_ms, &out); !e.empty()) {
      return abort("purge: " + e);
    }
    if (!run(commit_)) return abort(error("COMMIT"));
    if (out.finished) {
      // Its dictionary ids are gone (the app's events are dropped anyway).
      apps_.erase(pending_purges_.front());
      users_.clear();
      pending_purges_.pop_front();
    }
    return "";
  }

  // Deletes one chunk of expired events in its own transaction (retention.h).
  std::string expire_events(std::int64_t cut_off_ms, std::int64_t kept_after_id, std::size_t max_rows,
                            RetentionChunk& out) {
    if (!run(begin_)) return error("BEGIN");
    // The expired ids stay used even when every row expired.
    std::int64_t highest = 0;
    if (!max_event_id(highest)) return abort(error("max(id)"));
    raise_high_water_.integer(1, highest);
    if (!run(raise_high_water_)) return abort(error("events_high_water"));
    if (std::string e = expire_events_chunk(db_, cut_off_ms, kept_after_id, max_rows, &out); !e.empty()) {
      return abort("expire events: " + e);
    }
    if (!run(commit_)) return abort(error("COMMIT"));
    return "";
  }

  // Counts one window of the expired events a hold kept (a read).
  std::string count_held_back(std::int64_t cut_off_ms, std::int64_t after_id, std::size_t max_rows,
                              RetentionChunk& out) {
    if (std::string e = count_held_back_chunk(db_, cut_off_ms, after_id, max_rows, &out); !e.empty()) {
      return "count held back events: " + e;
    }
    return "";
  }

  // Deletes one chunk of users left without events in its own transaction.
  std::string expire_users(std::int64_t after_user_id, std::size_t max_rows, RetentionChunk& out) {
    if (!run(begin_)) return error("BEGIN");
    if (std::string e = expire_orphan_users_chunk(db_, after_user_id, max_rows, &out); !e.empty()) {
      return abort("expire users: " + e);
    }
    if (!run(commit_)) return abort(error("COMMIT"));
    // A cached id of a deleted user would point new events at no row.
    if (out.deleted > 0) users_.clear();
    return "";
  }

  // Deletes one chunk of old person erasures' records in its own transaction.
  std::string expire_erasure_records(std::int64_t before_ms, std::size_t max_rows, RetentionChunk& out) {
    if (!run(begin_)) return error("BEGIN");
    if (std::string e = expire_erasure_records_chunk(db_, before_ms, max_rows, &out); !e.empty()) {
      return abort("expire erasure records: " + e);
    }
    if (!run(commit_)) return abort(error("COMMIT"));
    return "";
  }

  // Rewrites the one row of write_probes: "" once the store can write again.
  std::string probe(std::int64_t now_ms) {
    if (!run(begin_)) return error("BEGIN");
    write_probe_.integer(1, now_ms);
    if (!run(write_probe_)) return abort(error("write probe"));
    if (!run(commit_)) return abort(error("COMMIT"));
    return "";
  }

  // Stores every pending request's events in one transaction. Fills each
  // outcome's counts; returns "" on commit or the reason nothing was stored.
  std::string commit_group(std::deque<Pending>& group, std::vector<WriteOutcome>& outcomes) {
    outcomes.assign(group.size(), WriteOutcome{});
    if (!run(begin_)) return error("BEGIN");
    // Ids are handed out here, not by SQLite, which would give the ids of
    // erased newest rows again (schema.h events_high_water).
    if (!read_integer(highest_id_, next_id_)) return abort(error("highest id"));
    ++next_id_;
    for (std::size_t i = 0; i < group.size(); ++i) {
      std::string e = insert_request(group[i], outcomes[i]);
      if (!e.empty()) return abort(e);
    }
    if (!run(commit_)) return abort(error("COMMIT"));
    return "";
  }

  // Erases one person in its own transaction (person_erasure.h).
  std::string erase(const PendingErasure& p, ErasureOutcome& out) {
    if (!run(begin_)) return error("BEGIN");
    if (!max_event_id(out.cut_off_event_id)) return abort(error("max(id)"));
    // The ids up to the cut-off stay used even if this deletes the newest rows.
    raise_high_water_.integer(1, out.cut_off_event_id);
    if (!run(raise_high_water_)) return abort(error("events_high_water"));
    if (std::string e = erase_person_rows(db_, p.app_id, p.user_key, &out.erased, p.also_ids); !e.empty()) {
      return abort("erase: " + e);
    }
    if (!max_event_id(out.last_event_id)) return abort(error("max(id)"));
    if (p.primary_seq > 0) {
      std::string e = record_replay_step(db_, p.primary_seq, out.erased.seq, out.cut_off_event_id, out.last_event_id);
      if (!e.empty()) return abort("record the replay: " + e);
    }
    if (!run(commit_)) return abort(error("COMMIT"));
    // The erased users' dictionary ids are gone: a cached one would point
    // new events at a deleted event_users row.
    users_.clear();
    return "";
  }

  // Reads max(events.id) into `id`; false when SQLite fails.
  bool max_event_id(std::int64_t& id) { return read_integer(max_event_id_, id); }

  // Runs a one-integer query; false when SQLite fails.
  bool read_integer(Statement& query, std::int64_t& value) {
    const bool read = query.step() == SQLITE_ROW;
    if (read) value = sqlite3_column_int64(query.get(), 0);
    query.reset();
    return read;
  }

  // The events.id of the newest row stored; after a successful commit_group
  // that stored rows, the highest id that commit made durable.
  std::int64_t last_event_id() const { return last_event_id_; }

 private:
  std::string insert_request(const Pending& p, WriteOutcome& out) {
    // Sent before the deletion (the key resolved then): the app is gone.
    if (deleted_apps_.contains(p.app_id)) {
      out.of_deleted_app = p.events.size();
      return "";
    }
    std::int64_t app;
    if (!dictionary_id(apps_, p.app_id, find_app_, insert_app_, app)) return error("app dictionary");
    for (const StoredEvent& e : p.events) {
      std::int64_t user, name;
      if (!user_id(app, e.user, user)) return error("user dictionary");
      if (!dictionary_id(names_, e.name, find_name_, insert_name_, name)) return error("name dictionary");
      Statement& s = insert_event_;
      s.integer(1, app);
      s.integer(2, user);
      s.integer(3, e.time_ms);
      s.integer(4, e.received_ms);
      s.integer(5, e.type);
      s.integer(6, name);
      s.text(7, e.message_id);
      s.text_or_null(8, e.anonymous_id);
      s.text_or_null(9, e.properties);
      s.text_or_null(10, e.extra);
      s.integer(11, next_id_);
      int rc = s.step();
      s.reset();
      if (rc != SQLITE_DONE) return error("insert");
      if (sqlite3_changes(db_) == 1) {
        // In the event's transaction: an acknowledged identify is searchable.
        if (e.type == kIdentifyType) {
          if (std::string why = people_index_.record(app, user, e.time_ms, next_id_, e.extra); !why.empty()) {
            return "people index: " + why;
          }
        }
        ++out.stored;
        last_event_id_ = next_id_++;
      } else {
        ++out.duplicates;
      }
    }
    return "";
  }

  bool dictionary_id(std::unordered_map<std::string, std::int64_t>& cache, const std::string& key,
                     Statement& find, Statement& insert, std::int64_t& id) {
    if (auto it = cache.find(key); it != cache.end()) {
      id = it->second;
      return true;
    }
    find.text(1, key);
    int rc = find.step();
    if (rc == SQLITE_ROW) id = sqlite3_column_int64(find.get(), 0);
    find.reset();
    if (rc != SQLITE_ROW) {
      if (rc != SQLITE_DONE) return false;
      insert.text(1, key);
      rc = insert.step();
      insert.reset();
      if (rc != SQLITE_DONE) return false;
      id = sqlite3_last_insert_rowid(db_);
    }
    if (cache.size() >= kMaxCachedNames) cache.clear();
    cache.emplace(key, id);
    return true;
  }

  bool user_id(std::int64_t app, const std::string& user, std::int64_t& id) {
    UserKey key{app, user};
    if (auto it = users_.find(key); it != users_.end()) {
      id = it->second;
      return true;
    }
    find_user_.integer(1, app);
    find_user_.text(2, user);
    int rc = find_user_.step();
    if (rc == SQLITE_ROW) id = sqlite3_column_int64(find_user_.get(), 0);
    find_user_.reset();
    if (rc != SQLITE_ROW) {
      if (rc != SQLITE_DONE) return false;
      insert_user_.integer(1, app);
      insert_user_.text(2, user);
      rc = insert_user_.step();
      insert_user_.reset();
      if (rc != SQLITE_DONE) return false;
      id = sqlite3_last_insert_rowid(db_);
    }
    if (users_.size() >= kMaxCachedUsers) users_.clear();
    users_.emplace(std::move(key), id);
    return true;
  }

  bool run(Statement& s) {
    int rc = s.step();
    s.reset();
    return rc == SQLITE_DONE;
  }

  std::string error(const char* what) { return std::string(what) + ": " + sqlite3_errmsg(db_); }

  // Rolls back and forgets dictionary ids minted in the failed transaction.
  std::string abort(std::string reason) {
    if (!sqlite3_get_autocommit(db_)) run(rollback_);
    apps_.clear();
    names_.clear();
    users_.clear();
    return reason;
  }

  // Declared first so it closes after every statement is finalized.
  struct Connection {
    sqlite3* db = nullptr;
    ~Connection() { sqlite3_close(db); }
  } connection_;
  sqlite3* db_ = nullptr;
  Statement begin_, commit_, rollback_, insert_event_, max_event_id_, highest_id_, raise_high_water_;
  Statement find_app_, insert_app_, find_name_, insert_name_, find_user_, insert_user_, write_probe_;
  PeopleIndexWriter people_index_;
  std::unordered_map<std::string, std::int64_t> apps_, names_;
  std::unordered_map<UserKey, std::int64_t, UserKeyHash> users_;
  std::int64_t last_event_id_ = 0;
  std::int64_t next_id_ = 0;  // The id the group's next stored event gets.
  std::set<std::string, std::less<>> deleted_apps_;  // app_purges, finished or not.
  std::deque<std::string> pending_purges_;           // Oldest deletion first.
};

std::unique_ptr<EventStore> EventStore::open(const Options& options, std::string* error) {
  auto writer = std::make_unique<Writer>();
  if (std::string e = writer->open(options.path, options.wal_size_limit_bytes); !e.empty()) {
    if (error) *error = "cannot open the event store " + options.path + ": " + e;
    return nullptr;
  }
  return std::unique_ptr<EventStore>(new EventStore(options, std::move(writer)));
}

EventStore::EventStore(const Options& options, std::unique_ptr<Writer> writer)
    : options_(options), writer_(std::move(writer)) {
  if (metrics::Registry* r = options_.metrics) {
    queue_gauge_ = &r->gauge("cairn_store_queued_events", "Events waiting for or in a group commit");
    stored_counter_ = &r->counter("cairn_events_stored_total", "Events committed to the store");
    duplicate_counter_ =
        &r->counter("cairn_events_duplicate_total", "Events skipped: message id already stored");
    failed_counter_ = &r->counter("cairn_store_commit_failures_total", "Group commits that failed");
    erasures_counter_ = &r->counter("cairn_person_erasures_total",
                                    "Person erasures committed to the events store (DELETEs and follower replays)");
    erased_events_counter_ =
        &r->counter("cairn_person_erased_events_total", "Event rows deleted by person erasures");
    purged_rows_counter_ = &r->counter("cairn_app_purge_rows_deleted_total",
                                       "Rows of deleted apps purged from the events store");
    purge_failures_counter_ =
        &r->counter("cairn_app_purge_failures_total", "Purge chunks of deleted apps that failed (purge postponed)");
    purges_pending_gauge_ = &r->gauge("cairn_app_purges_pending", "Deleted apps whose events are still being purged");
    purges_pending_gauge_->set(static_cast<std::int64_t>(writer_->pending_purges()));
    r->gauge("cairn_retention_period_seconds", "Events older than this are deleted (--retention-days); 0: kept forever")
        .set(options_.retention_ms / 1000);
    retention_events_counter_ =
        &r->counter("cairn_retention_events_deleted_total", "Events deleted for being older than the retention period");
    retention_users_counter_ = &r->counter("cairn_retention_users_deleted_total",
                                           "Users deleted by retention once none of their events was left");
    retention_passes_counter_ = &r->counter("cairn_retention_passes_total", "Retention passes finished");
    retention_failures_counter_ =
        &r->counter("cairn_retention_failures_total", "Retention chunks that failed (the pass is retried)");
    retention_last_pass_gauge_ = &r->gauge("cairn_retention_last_pass_timestamp_seconds",
                                           "Unix time the last retention pass finished; 0: none yet");
    retention_held_back_gauge_ =
        &r->gauge("cairn_retention_events_held_back",
                  "Expired events the last retention pass kept because the ClickHouse export had not sent them");
    writable_gauge_ = &r->gauge("cairn_store_writable", "1 while the event store's latest write succeeded, else 0");
    writable_gauge_->set(1);
    commit_seconds_ = &r->histogram("cairn_store_commit_seconds", "Duration of one group commit",
                                    metrics::latency_buckets_seconds());
    commit_requests_ = &r->histogram("cairn_store_commit_requests", "Requests per group commit",
                                     {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000});
  }
  retention_due_ = std::chrono::steady_clock::now();  // A first pass at start.
  thread_ = std::thread([this] { run(); });
}

EventStore::~EventStore() { close(); }

Submit EventStore::erase_person(std::string app_id, std::string user_key, ErasureCompletion done,
                                std::vector<std::string> also_ids, std::int64_t primary_seq) {
  {
    std::lock_guard lock(mutex_);
    if (closing_) return Submit::closed;
    erasures_.push_back({std::move(app_id), std::move(user_key), std::move(also_ids), primary_seq, std::move(done),
                         submitted_requests_});
  }
  wake_.notify_one();
  return Submit::queued;
}

Submit EventStore::submit(std::string app_id, std::vector<StoredEvent> events, Completion done) {
  const std::size_t n = events.size();
  {
    std::lock_guard lock(mutex_);
    if (closing_) return Submit::closed;
    // An empty queue always admits one request, so a batch larger than the
    // limit is not refused forever.
    if (queued_events_ != 0 && queued_events_ + n > options_.max_queued_events) return Submit::full;
    queued_events_ += n;
    queue_.push_back({std::move(app_id), std::move(events), std::move(done)});
    ++submitted_requests_;
    if (queue_gauge_) queue_gauge_->set(static_cast<std::int64_t>(queued_events_));
  }
  wake_.notify_one();
  return Submit::queued;
}

void EventStore::purge_deleted_apps() {
  {
    std::lock_guard lock(mutex_);
    purge_requested_ = true;
  }
  wake_.notify_one();
}

void EventStore::expire_old_events() {
  {
    std::lock_guard lock(mutex_);
    retention_requested_ = true;
  }
  wake_.notify_one();
}

WriteHealth EventStore::write_health() const {
  std::lock_guard lock(mutex_);
  return health_;
}

std::int64_t EventStore::now_ms() const {
  if (options_.now_ms) return options_.now_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void EventStore::note_write(const std::string& error) {
  {
    std::lock_guard lock(mutex_);
    if (error.empty()) {
      health_ = WriteHealth{};
    } else {
      if (health_.writable) health_.failing_since_ms = now_ms();
      health_.writable = false;
      health_.error = error;
      probe_due_ = std::chrono::steady_clock::now() + options_.write_probe_interval;
    }
  }
  if (writable_gauge_) writable_gauge_->set(error.empty() ? 1 : 0);
}

std::optional<std::chrono::steady_clock::time_point> EventStore::next_timer() const {
  std::optional<std::chrono::steady_clock::time_point> next = purge_retry_at_;
  const auto earliest = [&next](std::chrono::steady_clock::time_point t) {
    if (!next || t < *next) next = t;
  };
  if (options_.retention_ms > 0 && !retention_) {
    earliest(retention_due_);
    if (held_through_id_) earliest(hold_recheck_at_);
  }
  if (!health_.writable) earliest(probe_due_);
  return next;
}

std::size_t EventStore::queued_events() const {
  std::lock_guard lock(mutex_);
  return queued_events_;
}

void EventStore::close() {
  {
    std::lock_guard lock(mutex_);
    if (closing_ && !thread_.joinable()) return;
    closing_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  writer_.reset();
}

void EventStore::run_erasures(std::deque<PendingErasure>& erasures) {
  for (const PendingErasure& e : erasures) {
    ErasureOutcome outcome;
    outcome.primary_seq = e.primary_seq;
    outcome.error = writer_->erase(e, outcome);
    outcome.ok = outcome.error.empty();
    if (!outcome.ok) outcome.erased = ErasedPerson{};
    if (!outcome.ok || outcome.erased.events > 0) note_write(outcome.error);
    if (erasures_counter_ && outcome.ok) {
      erasures_counter_->increment();
      erased_events_counter_->increment(outcome.erased.events);
    }
    if (e.done) e.done(outcome);
  }
}

void EventStore::run_purge_chunk() {
  if (writer_->pending_purges() == 0) return;
  PurgeChunk chunk;
  const std::string error = writer_->purge_chunk(options_.purge_chunk_rows, now_ms(), chunk);
  if (!error.empty() || chunk.rows > 0) note_write(error);
  if (!error.empty()) {
    writer_->postpone_purges();
    purge_retry_at_ = std::chrono::steady_clock::now() + options_.purge_retry_delay;
    if (options_.on_write_failure) options_.on_write_failure("app purge", error);
  }
  if (purged_rows_counter_) {
    if (error.empty()) purged_rows_counter_->increment(chunk.rows);
    else purge_failures_counter_->increment();
    purges_pending_gauge_->set(static_cast<std::int64_t>(writer_->pending_purges()));
  }
  // Rows gone from the newest ids: readers that keep "everything up to id N"
  // learn nothing new, so no on_commit.
}

void EventStore::run_retention_chunk() {
  if (options_.retention_ms <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (!retention_) {
    if (held_through_id_ && now >= hold_recheck_at_ && now < retention_due_) {
      // The copy has every event the last pass kept: delete them now.
      if (options_.retention_keeps_after() >= *held_through_id_) retention_due_ = now;
      hold_recheck_at_ = now + options_.retention_hold_recheck;
    }
    if (now < retention_due_) return;
    held_through_id_.reset();
    retention_.emplace();
    retention_->pass.cut_off_ms = now_ms() - options_.retention_ms;
    retention_->erasures_before_ms = now_ms() - kErasureRecordDays * 24 * 60 * 60 * 1000;
    retention_->started = now;
  }
  RetentionState& r = *retention_;
  using Phase = RetentionState::Phase;
  RetentionChunk chunk;
  std::string error;
  switch (r.phase) {
    case Phase::events:
      r.pass.kept_after_event_id =
          options_.retention_keeps_after ? options_.retention_keeps_after() : kNoRetentionHold;
      error = writer_->expire_events(r.pass.cut_off_ms, r.pass.kept_after_event_id, options_.retention_chunk_rows,
                                     chunk);
      break;
    case Phase::held_back:
      error = writer_->count_held_back(r.pass.cut_off_ms, r.next_id, options_.retention_chunk_rows, chunk);
      break;
    case Phase::users: error = writer_->expire_users(r.next_id, options_.retention_chunk_rows, chunk); break;
    case Phase::erasure_records:
      error = writer_->expire_erasure_records(r.erasures_before_ms, options_.retention_chunk_rows, chunk);
      break;
  }
  // A transaction that changed nothing wrote nothing: no news about the disk.
  if (!error.empty() || chunk.deleted > 0) note_write(error);
  if (!error.empty()) {
    // The pass starts again later; what it deleted so far stays deleted.
    retention_.reset();
    retention_due_ = now + options_.purge_retry_delay;
    if (retention_failures_counter_) retention_failures_counter_->increment();
    if (options_.on_write_failure) options_.on_write_failure("retention", error);
    return;
  }
  switch (r.phase) {
    case Phase::events:
      if (chunk.deleted > 0) orphan_users_owed_ = true;
      r.pass.events += chunk.deleted;
      r.pass.apps.insert(chunk.apps.begin(), chunk.apps.end());
      if (retention_events_counter_) retention_events_counter_->increment(chunk.deleted);
      break;
    case Phase::held_back:
      r.pass.held_back += chunk.held;
      r.next_id = chunk.next_id;
      if (chunk.held > 0) r.last_held_id = chunk.last_held_id;
      break;
    case Phase::users:
      r.pass.users += chunk.deleted;
      r.next_id = chunk.next_id;
      if (retention_users_counter_) retention_users_counter_->increment(chunk.deleted);
      break;
    case Phase::erasure_records: r.pass.erasure_records += chunk.deleted; break;
  }
  if (!chunk.finished) return;
  if (r.phase == Phase::events && r.pass.kept_after_event_id != kNoRetentionHold) {
    // Count what the hold kept, from where it stopped the deletion.
    r.phase = Phase::held_back;
    r.next_id = r.pass.kept_after_event_id;
    return;
  }
  if (r.phase == Phase::events || r.phase == Phase::held_back) {
    // Users can only have lost their last event if events went, in this pass
    // or in one whose walk of the users did not finish.
    r.phase = orphan_users_owed_ ? Phase::users : Phase::erasure_records;
    r.next_id = 0;
    return;
  }
  if (r.phase == Phase::users) {
    orphan_users_owed_ = false;
    r.phase = Phase::erasure_records;
    return;
  }
  const auto end = std::chrono::steady_clock::now();
  r.pass.seconds = std::chrono::duration<double>(end - r.started).count();
  retention_due_ = end + options_.retention_interval;
  if (retention_passes_counter_) {
    retention_passes_counter_->increment();
    retention_last_pass_gauge_->set(now_ms() / 1000);
    retention_held_back_gauge_->set(static_cast<std::int64_t>(r.pass.held_back));
  }
  if (r.pass.held_back > 0) {
    held_through_id_ = r.last_held_id;
    hold_recheck_at_ = end + options_.retention_hold_recheck;
  }
  RetentionPass pass = std::move(r.pass);
  retention_.reset();
  if (options_.on_retention) options_.on_retention(pass);
}

void EventStore::run_write_probe() {
  {
    std::lock_guard lock(mutex_);
    if (health_.writable || std::chrono::steady_clock::now() < probe_due_) return;
  }
  const std::string error = writer_->probe(now_ms());
  note_write(error);
  if (!error.empty() && options_.on_write_failure) options_.on_write_failure("write probe", error);
}

void EventStore::run() {
  std::deque<Pending> group;
  std::vector<WriteOutcome> outcomes;
  for (;;) {
    std::size_t group_events = 0;
    std::deque<PendingErasure> erasures;
    bool reload_purges = false;
    {
      std::unique_lock lock(mutex_);
      // writer_ is the writer thread's own: reading it here is safe.
      // So are retention_ and the timers.
      const auto ready = [this] {
        return !queue_.empty() || !erasures_.empty() || closing_ || purge_requested_ || retention_requested_ ||
               writer_->pending_purges() > 0 || retention_.has_value();
      };
      if (const auto deadline = next_timer()) wake_.wait_until(lock, *deadline, ready);
      else wake_.wait(lock, ready);
      // A retention pass asked for now starts at once (or after the one running).
      if (std::exchange(retention_requested_, false)) retention_due_ = std::chrono::steady_clock::now();
      // A purge still pending continues at the next start.
      if (closing_ && queue_.empty() && erasures_.empty()) return;  // Closing and drained.
      reload_purges = std::exchange(purge_requested_, false);
      if (purge_retry_at_ && std::chrono::steady_clock::now() >= *purge_retry_at_) {
        purge_retry_at_.reset();
        reload_purges = true;
      }
      // An erasure runs once every request submitted before it is committed,
      // so none of its person's events lands after it.
      while (!erasures_.empty() && erasures_.front().after_request <= taken_requests_) {
        erasures.push_back(std::move(erasures_.front()));
        erasures_.pop_front();
      }
    }
    if (reload_purges) {
      if (std::string error = writer_->load_purges(); !error.empty() && purge_failures_counter_) {
        purge_failures_counter_->increment();
      }
    }
    if (!erasures.empty()) {
      run_erasures(erasures);
      continue;
    }
    {
      std::unique_lock lock(mutex_);
      // Take whole requests up to the per-commit bound (at least one).
      while (!queue_.empty() &&
             (group.empty() || group_events + queue_.front().events.size() <= options_.max_events_per_commit)) {
        group_events += queue_.front().events.size();
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
        ++taken_requests_;
      }
    }
    // Ingest and purge alternate: at most one group waits for one chunk.
    if (group.empty()) {
      run_purge_chunk();
      run_retention_chunk();
      run_write_probe();
      continue;
    }
    const auto start = std::chrono::steady_clock::now();
    std::string error = writer_->commit_group(group, outcomes);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t stored = 0, duplicates = 0;
    for (std::size_t i = 0; i < group.size(); ++i) {
      outcomes[i].ok = error.empty();
      outcomes[i].error = error;
      if (!error.empty()) outcomes[i].stored = outcomes[i].duplicates = 0;
      stored += outcomes[i].stored;
      duplicates += outcomes[i].duplicates;
    }
    if (commit_seconds_) {
      commit_seconds_->observe(seconds);
      commit_requests_->observe(static_cast<double>(group.size()));
      stored_counter_->increment(stored);
      duplicate_counter_->increment(duplicates);
      if (!error.empty()) failed_counter_->increment();
    }
    // Only duplicates wrote nothing: no news about the disk.
    if (!error.empty() || stored > 0) note_write(error);
    if (!error.empty() && options_.on_write_failure) options_.on_write_failure("group commit", error);
    {
      // The group's room is free once it is committed (or failed), before its
      // completions run, so queued_events() never counts answered events.
      std::lock_guard lock(mutex_);
      queued_events_ -= group_events;
      if (queue_gauge_) queue_gauge_->set(static_cast<std::int64_t>(queued_events_));
    }
    // Before the answers, so whoever follows commits has heard of the rows
    // before any client learns they were stored.
    if (error.empty() && stored > 0 && options_.on_commit) options_.on_commit(writer_->last_event_id());
    // Answer only after the commit: a 2xx means on disk.
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (group[i].done) group[i].done(outcomes[i]);
    }
    group.clear();
    run_purge_chunk();
    run_retention_chunk();
  }
}

}  // namespace cairn::store
