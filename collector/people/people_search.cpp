#include "people/people_search.h"

#include "people/case_fold.h"
#include "people/event_reads.h"

#include <unordered_set>

namespace cairn::people {

namespace {

using admin::Statement;

// A forward range of event_users' UNIQUE (app, user) index from the text; the
// caller stops at the first key without the prefix.
constexpr std::string_view kKeysFrom =
    "SELECT id, user FROM event_users WHERE app = ?1 AND user >= ?2 ORDER BY user LIMIT ?3";

// The app's identified people, latest identify first: people_by_recency read
// backwards, no sort step, no table row (the index holds the folded traits;
// the shown ones and the key are read for matches only).
constexpr std::string_view kPeopleByRecency =
    "SELECT user, email_folded, name_folded FROM people WHERE app = ?1 "
    "ORDER BY time_ms DESC, event_id DESC LIMIT ?2";

constexpr std::string_view kIndexedPerson =
    "SELECT u.user, p.email, p.name FROM event_users AS u LEFT JOIN people AS p ON p.user = u.id WHERE u.id = ?1";

constexpr std::string_view kLastSeen =
    "SELECT time_ms FROM events WHERE app = ?1 AND user = ?2 ORDER BY time_ms DESC LIMIT 1";

std::optional<std::string> optional_text(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return s.text(column);
}

class Search {
 public:
  Search(sqlite3* db, std::int64_t app, const PeopleSearchQuery& query)
      : db_(db),
        app_(app),
        query_(query),
        folded_text_(fold_case(query.text)),
        indexed_person_(db, kIndexedPerson),
        last_seen_(db, kLastSeen) {}

  // False on a read failure.
  bool run(PeopleSearchResult& out) {
    if (!add_key_matches()) return false;
    if (!add_trait_matches(out)) return false;
    truncated_ = truncated_ || people_.size() > query_.limit;
    if (people_.size() > query_.limit) people_.resize(query_.limit);
    out.people = std::move(people_);
    out.truncated = truncated_;
    return true;
  }

 private:
  // One more than the limit says whether more match.
  bool full() const { return people_.size() > query_.limit; }

  // Key matches, in key order; one row past the bound says whether it cut.
  bool add_key_matches() {
    Statement keys(db_, kKeysFrom);
    keys.bind(1, app_).bind(2, query_.text).bind(3, static_cast<std::int64_t>(query_.bounds.key_rows + 1));
    std::size_t read = 0;
    while (!full() && keys.step()) {
      if (!keys.text_view(1).starts_with(query_.text)) break;
      if (++read > query_.bounds.key_rows) {
        truncated_ = true;
        break;
      }
      if (!add(keys.integer(0))) return false;
    }
    return !keys.failed();
  }

  // Trait matches, latest identify first, until the list is full; one row
  // past the bound says whether it cut.
  bool add_trait_matches(PeopleSearchResult& out) {
    Statement rows(db_, kPeopleByRecency);
    rows.bind(1, app_).bind(2, static_cast<std::int64_t>(query_.bounds.people_rows + 1));
    while (!full() && rows.step()) {
      if (out.people_rows_read == query_.bounds.people_rows) {
        truncated_ = true;
        break;
      }
      ++out.people_rows_read;
      if (rows.text_view(1).find(folded_text_) == std::string_view::npos &&
          rows.text_view(2).find(folded_text_) == std::string_view::npos) {
        continue;
      }
      const std::int64_t user = rows.integer(0);
      if (listed_.contains(user)) continue;  // A key match.
      if (!add(user)) return false;
    }
    return !rows.failed();
  }

  // Lists key `user` with its latest identify's traits and its newest
  // event's time; a key without events (gone since it was read) is left out.
  // False on a read failure.
  bool add(std::int64_t user) {
    const bool seen = last_seen_.reset().bind(1, app_).bind(2, user).step();
    if (last_seen_.failed()) return false;
    if (!seen) return true;
    const bool known = indexed_person_.reset().bind(1, user).step();
    if (indexed_person_.failed()) return false;
    if (!known) return true;
    listed_.insert(user);
    people_.push_back({indexed_person_.text(0), optional_text(indexed_person_, 1), optional_text(indexed_person_, 2),
                       last_seen_.integer(0)});
    return true;
  }

  sqlite3* db_;
  std::int64_t app_;
  const PeopleSearchQuery& query_;
  const std::string folded_text_;
  Statement indexed_person_;
  Statement last_seen_;
  std::unordered_set<std::int64_t> listed_;
  std::vector<PersonMatch> people_;
  bool truncated_ = false;
};

}  // namespace

std::string_view keys_from_sql() { return kKeysFrom; }
std::string_view people_by_recency_sql() { return kPeopleByRecency; }
std::string_view indexed_person_sql() { return kIndexedPerson; }
std::string_view last_seen_sql() { return kLastSeen; }

std::optional<PeopleSearchResult> search_people(admin::Database& db, const PeopleSearchQuery& query,
                                                std::string* error) {
  PeopleSearchResult result;
  // The connection is shared with the admin API; its lock keeps another
  // handler's transaction from ending under this read.
  auto lock = db.lock();
  ReadSnapshot snapshot(db);
  std::optional<std::int64_t> app;
  if (!find_event_app(db, query.app_id, &app, error)) return std::nullopt;
  if (!app) return result;  // No event of the app is stored.
  Search search(db.handle(), *app, query);
  if (!search.run(result)) {
    *error = "cannot read the events: " + db.error();
    return std::nullopt;
  }
  return result;
}

}  // namespace cairn::people
