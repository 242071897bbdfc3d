#include "people/person_ids.h"

#include "admin/database.h"
#include "identity/identity_links.h"

#include <algorithm>
#include <unordered_set>

namespace cairn::people {

namespace {

using admin::Statement;

// Both statements repeat the partial indexes' condition (type = 3 AND
// anonymous_id IS NOT NULL, literally: SQLite uses a partial index only for a
// query whose WHERE implies it), and read one (app, id) range in arrival order.
constexpr const char* kByUser =
    "SELECT e.anonymous_id FROM event_users AS u "
    "JOIN events AS e ON e.app = u.app AND e.user = u.id AND e.type = 3 AND e.anonymous_id IS NOT NULL "
    "WHERE u.app = ?1 AND u.user = ?2 ORDER BY e.id";
constexpr const char* kByAnonymous =
    "SELECT e.id, u.user FROM events AS e JOIN event_users AS u ON u.id = e.user "
    "WHERE e.app = ?1 AND e.anonymous_id = ?2 AND e.type = 3 AND e.anonymous_id IS NOT NULL ORDER BY e.id";

struct IdentifyRow {
  std::int64_t id = 0;  // events.id: arrival order.
  std::string anonymous_id;
  std::string user;
};

// Ids in the order first added, each once.
class IdList {
 public:
  explicit IdList(const std::string& first) { add(first); }
  bool contains(const std::string& id) const { return seen_.count(id) != 0; }
  void add(const std::string& id) {
    if (seen_.insert(id).second) ids_.push_back(id);
  }
  std::size_t size() const { return ids_.size(); }
  const std::string& operator[](std::size_t i) const { return ids_[i]; }

 private:
  std::vector<std::string> ids_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

const char* identify_rows_by_user_sql() { return kByUser; }
const char* identify_rows_by_anonymous_sql() { return kByAnonymous; }

std::optional<PersonIds> resolve_person_ids(sqlite3* db, std::int64_t app, const std::string& key,
                                            const PersonIdsBounds& bounds, std::string* error) {
  PersonIds out;
  const auto failed = [&]() -> std::optional<PersonIds> {
    *error = std::string("cannot read the identify links: ") + sqlite3_errmsg(db);
    return std::nullopt;
  };

  // 1. Candidates: ids an identify row stored under a candidate names.
  IdList candidates(key);
  {
    Statement by_user(db, kByUser);
    for (std::size_t i = 0; i < candidates.size() && !out.truncated; ++i) {
      by_user.reset().bind(1, app).bind(2, candidates[i]);
      ++out.index_ranges;
      while (by_user.step()) {
        const std::string anonymous_id = by_user.text(0);
        if (candidates.contains(anonymous_id)) continue;
        if (candidates.size() == bounds.max_candidates + 1) {
          out.truncated = true;
          break;
        }
        candidates.add(anonymous_id);
      }
      if (by_user.failed()) return failed();
    }
  }

  // 2. The closure: the candidates' identify rows and those of every userId
  // they name, which decide the candidates' links.
  IdList closure = candidates;
  std::vector<IdentifyRow> rows;
  {
    Statement by_anonymous(db, kByAnonymous);
    for (std::size_t i = 0; i < closure.size(); ++i) {
      by_anonymous.reset().bind(1, app).bind(2, closure[i]);
      ++out.index_ranges;
      while (by_anonymous.step()) {
        IdentifyRow row{by_anonymous.integer(0), closure[i], by_anonymous.text(1)};
        if (!closure.contains(row.user)) {
          if (closure.size() >= bounds.max_walk_ids) {
            // Too many ids to check the candidates: the key alone is exact.
            out.ids = {key};
            out.truncated = true;
            return out;
          }
          closure.add(row.user);
        }
        rows.push_back(std::move(row));
      }
      if (by_anonymous.failed()) return failed();
    }
  }

  // 3. The replay of those rows, with the rules every other reader uses.
  std::sort(rows.begin(), rows.end(), [](const IdentifyRow& a, const IdentifyRow& b) { return a.id < b.id; });
  identity::IdentityLinks links;
  for (const IdentifyRow& row : rows) links.link(row.anonymous_id, row.user);
  out.ids = links.ids_through(key);
  // Truncated candidates: keep the ids among them, which bound the answer
  // (without truncation every id through the key is a candidate already).
  if (out.truncated) {
    out.ids.erase(std::remove_if(out.ids.begin() + 1, out.ids.end(),
                                 [&](const std::string& id) { return !candidates.contains(id); }),
                  out.ids.end());
  }
  std::sort(out.ids.begin() + 1, out.ids.end());
  return out;
}

}  // namespace cairn::people
