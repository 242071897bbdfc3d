#include "people/person_events.h"

#include "people/event_reads.h"

#include <limits>
#include <memory>
#include <queue>

namespace cairn::people {

namespace {

using admin::Statement;

// From the user key (one row by its UNIQUE index) into events_by_user_time
// read backwards: SQLite satisfies the ORDER BY from the index (time_ms, then
// the rowid it carries), with no sort step, and steps lazily.
constexpr std::string_view kSelect =
    "SELECT e.type, n.name, e.time_ms, e.properties, e.extra, e.id "
    "FROM event_users AS u "
    "JOIN events AS e ON e.app = u.app AND e.user = u.id AND e.time_ms < ?3 "
    "JOIN event_names AS n ON n.id = e.name "
    "WHERE u.app = ?1 AND u.user = ?2 "
    "ORDER BY e.time_ms DESC, e.id DESC LIMIT ?4";

// One id's events, newest first, one row ahead.
struct Cursor {
  std::unique_ptr<Statement> select;
  const std::string* user_key = nullptr;
  std::int64_t time_ms = 0;
  std::int64_t event_id = 0;

  // Reads the next row; false at the end (or on a failure, see failed()).
  bool advance() {
    if (!select->step()) return false;
    time_ms = select->integer(2);
    event_id = select->integer(5);
    return true;
  }
  StoredPersonEvent event() const {
    return StoredPersonEvent{static_cast<int>(select->integer(0)), select->text(1), time_ms, select->text(3),
                             select->text(4), *user_key};
  }
};

// The newest head first: time, then arrival (events.id is unique over the
// app, so two heads never compare equal).
struct OlderHead {
  bool operator()(const Cursor* a, const Cursor* b) const {
    return a->time_ms != b->time_ms ? a->time_ms < b->time_ms : a->event_id < b->event_id;
  }
};

// Up to `rows` events of `ids`, merged newest first. False on a read failure.
bool merge_newest(sqlite3* db, std::int64_t app, const std::vector<std::string>& ids, std::int64_t before_ms,
                  std::size_t rows, std::vector<StoredPersonEvent>& out) {
  std::vector<Cursor> cursors(ids.size());
  std::priority_queue<Cursor*, std::vector<Cursor*>, OlderHead> heads;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Cursor& c = cursors[i];
    c.select = std::make_unique<Statement>(db, kSelect);
    c.user_key = &ids[i];
    c.select->bind(1, app).bind(2, ids[i]).bind(3, before_ms).bind(4, static_cast<std::int64_t>(rows));
    if (c.advance()) heads.push(&c);
    if (c.select->failed()) return false;
  }
  while (out.size() < rows && !heads.empty()) {
    Cursor* newest = heads.top();
    heads.pop();
    out.push_back(newest->event());
    if (newest->advance()) heads.push(newest);
    if (newest->select->failed()) return false;
  }
  return true;
}

}  // namespace

std::string_view person_events_sql() { return kSelect; }

std::optional<PersonEventsPage> read_person_events(admin::Database& db, const PersonEventsQuery& query,
                                                   std::string* error) {
  PersonEventsPage page;
  page.merged = query.merge;
  {
    // The connection is shared with the admin API; its lock keeps another
    // handler's transaction from ending under this read.
    auto lock = db.lock();
    ReadSnapshot snapshot(db);
    std::optional<std::int64_t> found;
    if (!find_event_app(db, query.app_id, &found, error)) return std::nullopt;
    if (!found) return page;  // No event of the app is stored.
    const std::int64_t app = *found;

    std::vector<std::string> ids{query.user_key};
    if (query.merge) {
      std::optional<PersonIds> person = resolve_person_ids(db.handle(), app, query.user_key, query.id_bounds, error);
      if (!person) return std::nullopt;
      ids = std::move(person->ids);
      page.linked_ids.assign(ids.begin() + 1, ids.end());
      page.linked_ids_truncated = person->truncated;
    }
    // One row past the page says whether older events exist.
    if (!merge_newest(db.handle(), app, ids, query.before_ms.value_or(std::numeric_limits<std::int64_t>::max()),
                      query.limit + 1, page.events)) {
      *error = "cannot read the events: " + db.error();
      return std::nullopt;
    }
  }
  if (page.events.size() <= query.limit) return page;

  const std::int64_t first_left_out = page.events[query.limit].time_ms;
  page.events.resize(query.limit);
  // Events of the millisecond that continues past the page go to the next
  // page, unless they are the whole page (then it would never advance).
  std::size_t keep = page.events.size();
  while (keep > 0 && page.events[keep - 1].time_ms == first_left_out) --keep;
  if (keep > 0) page.events.resize(keep);
  page.next_before_ms = page.events.back().time_ms;
  return page;
}

}  // namespace cairn::people
