#include "people/person_events.h"

#include <limits>

namespace cairn::people {

namespace {

// Joins from the app and the user key (one row each, by their UNIQUE indexes)
// into events_by_user_time read backwards: SQLite satisfies the ORDER BY from
// the index (time_ms, then the rowid it carries), with no sort step.
constexpr std::string_view kSelect =
    "SELECT e.type, n.name, e.time_ms, e.properties, e.extra "
    "FROM event_apps AS a "
    "JOIN event_users AS u ON u.app = a.id AND u.user = ?2 "
    "JOIN events AS e ON e.app = a.id AND e.user = u.id AND e.time_ms < ?3 "
    "JOIN event_names AS n ON n.id = e.name "
    "WHERE a.app_id = ?1 "
    "ORDER BY e.time_ms DESC, e.id DESC LIMIT ?4";

}  // namespace

std::string_view person_events_sql() { return kSelect; }

std::optional<PersonEventsPage> read_person_events(admin::Database& db, const PersonEventsQuery& query,
                                                   std::string* error) {
  PersonEventsPage page;
  {
    // The connection is shared with the admin API; its lock keeps another
    // handler's transaction from ending under this read.
    auto lock = db.lock();
    admin::Statement select(db.handle(), kSelect);
    // One row past the page says whether older events exist.
    select.bind(1, query.app_id)
        .bind(2, query.user_key)
        .bind(3, query.before_ms.value_or(std::numeric_limits<std::int64_t>::max()))
        .bind(4, static_cast<std::int64_t>(query.limit + 1));
    while (select.step()) {
      page.events.push_back(StoredPersonEvent{static_cast<int>(select.integer(0)), select.text(1),
                                              select.integer(2), select.text(3), select.text(4)});
    }
    if (select.failed()) {
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
