#include "people/people_search.h"

#include "json/utf8.h"
#include "people/case_fold.h"
#include "people/event_reads.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace cairn::people {

namespace {

namespace bj = boost::json;
using admin::Statement;

// A forward range of event_users' UNIQUE (app, user) index from the text; the
// caller stops at the first key without the prefix.
constexpr std::string_view kKeysFrom =
    "SELECT id, user FROM event_users WHERE app = ?1 AND user >= ?2 ORDER BY user LIMIT ?3";

// The app's identify rows newest first: events_by_name_time read backwards
// (time_ms, then the rowid it carries), no sort step.
constexpr std::string_view kIdentifyWindow =
    "SELECT e.user, u.user, e.extra FROM events AS e JOIN event_users AS u ON u.id = e.user "
    "WHERE e.app = ?1 AND e.name = ?2 AND e.type = 3 ORDER BY e.time_ms DESC, e.id DESC LIMIT ?3";

constexpr std::string_view kLastSeen =
    "SELECT time_ms FROM events WHERE app = ?1 AND user = ?2 ORDER BY time_ms DESC LIMIT 1";

// A key match's newest traits outside the window: among its most recently
// stored identify rows (the partial index events_identify_by_user; identify
// rows without an anonymousId are in the window only), the newest by time.
constexpr std::string_view kKeyTraits =
    "SELECT extra FROM (SELECT time_ms, id, extra FROM events "
    "WHERE app = ?1 AND user = ?2 AND type = 3 AND anonymous_id IS NOT NULL ORDER BY id DESC LIMIT ?3) "
    "ORDER BY time_ms DESC, id DESC LIMIT 1";

struct Traits {
  std::optional<std::string> email;
  std::optional<std::string> name;
};

std::optional<std::string> trait_string(const bj::object& traits, std::string_view field) {
  const bj::value* v = traits.if_contains(field);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(json::clip_utf8(v->get_string(), PeopleSearchLimits::kTraitBytes));
}

// traits.email and traits.name of a stored row's `extra`.
Traits traits_of(const std::string& extra) {
  Traits out;
  if (extra.empty()) return out;
  boost::system::error_code ec;
  bj::value parsed = bj::parse(extra, ec);
  if (ec || !parsed.is_object()) return out;
  const bj::value* traits = parsed.get_object().if_contains("traits");
  if (!traits || !traits->is_object()) return out;
  out.email = trait_string(traits->get_object(), "email");
  out.name = trait_string(traits->get_object(), "name");
  return out;
}

bool traits_match(const Traits& traits, std::string_view text) {
  return (traits.email && contains_ignoring_case(*traits.email, text)) ||
         (traits.name && contains_ignoring_case(*traits.name, text));
}

class Search {
 public:
  Search(sqlite3* db, std::int64_t app, const PeopleSearchQuery& query)
      : db_(db), app_(app), query_(query), last_seen_(db, kLastSeen) {}

  // False on a read failure.
  bool run(PeopleSearchResult& out) {
    if (!read_identify_window(out)) return false;
    if (!add_key_matches()) return false;
    for (Candidate& c : trait_matches_) {
      if (full()) break;
      if (listed_.contains(c.user)) continue;
      if (!add(c.user, std::move(c.key), std::move(c.traits))) return false;
    }
    truncated_ = truncated_ || people_.size() > query_.limit;
    if (people_.size() > query_.limit) people_.resize(query_.limit);
    out.people = std::move(people_);
    out.truncated = truncated_;
    return true;
  }

 private:
  struct Candidate {
    std::int64_t user;
    std::string key;
    Traits traits;
  };

  // One more than the limit says whether more match.
  bool full() const { return people_.size() > query_.limit; }

  // The window's newest traits of each key in it; the keys they match.
  bool read_identify_window(PeopleSearchResult& out) {
    Statement find_name(db_, "SELECT id FROM event_names WHERE name = '$identify'");
    const bool known = find_name.step();
    if (find_name.failed()) return false;
    if (!known) return true;  // No identify event is stored.
    Statement rows(db_, kIdentifyWindow);
    // One row past the bound says whether it cut.
    rows.bind(1, app_).bind(2, find_name.integer(0)).bind(3, static_cast<std::int64_t>(query_.bounds.identify_rows + 1));
    while (rows.step()) {
      if (out.identify_rows_read == query_.bounds.identify_rows) {
        truncated_ = true;
        break;
      }
      ++out.identify_rows_read;
      const std::int64_t user = rows.integer(0);
      if (window_traits_.contains(user)) continue;  // An older identify of a key seen.
      Traits traits = traits_of(rows.text(2));
      if (traits_match(traits, query_.text)) {
        trait_matches_.push_back({user, rows.text(1), traits});
      }
      window_traits_.emplace(user, std::move(traits));
    }
    return !rows.failed();
  }

  // Key matches, in key order; one row past the bound says whether it cut.
  bool add_key_matches() {
    Statement keys(db_, kKeysFrom);
    keys.bind(1, app_).bind(2, query_.text).bind(3, static_cast<std::int64_t>(query_.bounds.key_rows + 1));
    std::size_t read = 0;
    while (!full() && keys.step()) {
      std::string key = keys.text(1);
      if (!key.starts_with(query_.text)) break;
      if (++read > query_.bounds.key_rows) {
        truncated_ = true;
        break;
      }
      const std::int64_t user = keys.integer(0);
      std::optional<Traits> traits = key_traits(user);
      if (!traits) return false;
      if (!add(user, std::move(key), std::move(*traits))) return false;
    }
    return !keys.failed();
  }

  // The newest traits of key `user`: the window's, else its own identify rows'.
  std::optional<Traits> key_traits(std::int64_t user) {
    if (auto it = window_traits_.find(user); it != window_traits_.end()) return it->second;
    Statement q(db_, kKeyTraits);
    q.bind(1, app_).bind(2, user).bind(3, static_cast<std::int64_t>(query_.bounds.key_identify_rows));
    const bool found = q.step();
    if (q.failed()) return std::nullopt;
    return found ? traits_of(q.text(0)) : Traits{};
  }

  // Lists key `user` with its newest event's time; a key without events (gone
  // since its identify row was read) is left out. False on a read failure.
  bool add(std::int64_t user, std::string key, Traits traits) {
    const bool seen = last_seen_.reset().bind(1, app_).bind(2, user).step();
    if (last_seen_.failed()) return false;
    if (!seen) return true;
    listed_.insert(user);
    people_.push_back({std::move(key), std::move(traits.email), std::move(traits.name), last_seen_.integer(0)});
    return true;
  }

  sqlite3* db_;
  std::int64_t app_;
  const PeopleSearchQuery& query_;
  Statement last_seen_;
  std::unordered_map<std::int64_t, Traits> window_traits_;
  std::vector<Candidate> trait_matches_;  // Newest identify first.
  std::unordered_set<std::int64_t> listed_;
  std::vector<PersonMatch> people_;
  bool truncated_ = false;
};

}  // namespace

std::string_view keys_from_sql() { return kKeysFrom; }
std::string_view identify_window_sql() { return kIdentifyWindow; }
std::string_view last_seen_sql() { return kLastSeen; }
std::string_view key_traits_sql() { return kKeyTraits; }

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
