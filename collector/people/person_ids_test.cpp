// The link walk (person_ids.h) against the replay of every identify row
// (store::ids_of_person, what an erasure erases): the same set on random link
// histories with chains, ignored back-links and second links of one id; the
// walk reads only the partial indexes; its bounds cut where documented and
// what it still answers is exact.
#include "identity/identity_links.h"
#include "people/person_events_test_store.h"
#include "people/person_ids.h"
#include "store/person_erasure.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace cp = cairn::people;
namespace cs = cairn::store;
using cairn::people_test::identify;
using cairn::people_test::numbered;
using cairn::people_test::stored;
using cairn::people_test::StoreOnDisk;

namespace {

std::int64_t app_number(cairn::admin::Database& db, const std::string& app_id) {
  cairn::admin::Statement q(db.handle(), "SELECT id FROM event_apps WHERE app_id = ?1");
  REQUIRE(q.bind(1, app_id).step());
  return q.integer(0);
}

cp::PersonIds walk(cairn::admin::Database& db, const std::string& app_id, const std::string& key,
                   const cp::PersonIdsBounds& bounds = {}) {
  std::string error;
  std::optional<cp::PersonIds> ids = cp::resolve_person_ids(db.handle(), app_number(db, app_id), key, bounds, &error);
  INFO(error);
  REQUIRE(ids);
  REQUIRE_FALSE(ids->ids.empty());
  CHECK(ids->ids.front() == key);
  return *ids;
}

std::set<std::string> as_set(const std::vector<std::string>& ids) { return {ids.begin(), ids.end()}; }

std::string query_plan(cairn::admin::Database& db, const char* sql) {
  cairn::admin::Statement plan(db.handle(), "EXPLAIN QUERY PLAN " + std::string(sql));
  std::string steps;
  while (plan.step()) steps += plan.text(3) + "\n";
  return steps;
}

}  // namespace

TEST_CASE("the link walk answers the replay's ids on random histories") {
  StoreOnDisk s;
  // Ids play both parts: a userId may be linked as an anonymousId later
  // (chains), and back to an id linked to it (ignored).
  const std::vector<std::string> pool{"u0", "u1", "u2", "u3", "a0", "a1", "a2", "a3", "a4", "a5"};
  std::size_t people_checked = 0, with_links = 0, chained = 0;
  for (unsigned seed = 1; seed <= 400; ++seed) {
    std::mt19937 random(seed);
    // Small pools make chains and conflicts likely, large ones long histories.
    const std::size_t used = 3 + random() % (pool.size() - 2);
    std::uniform_int_distribution<std::size_t> pick(0, used - 1);
    const std::string app = numbered('s', seed);
    std::vector<cs::StoredEvent> events;
    std::vector<cs::IdentityLink> links;  // In arrival order, as the erasure reads them.
    const int rows = 5 + static_cast<int>(random() % 40);
    for (int i = 0; i < rows; ++i) {
      const std::string& user = pool[pick(random)];
      if (random() % 2 == 0) {
        const std::string& anonymous_id = pool[pick(random)];
        events.push_back(identify(anonymous_id, user, 1000 + i));
        links.push_back({anonymous_id, user});
      } else {
        events.push_back(stored(user, 1000 + i, "e"));
      }
    }
    s.write(app, std::move(events));
    for (std::size_t i = 0; i < used; ++i) {
      const std::vector<std::string> replay = cs::ids_of_person(links, pool[i]);
      const cp::PersonIds walked = walk(s.db(), app, pool[i]);
      INFO("seed " << seed << ", person " << pool[i]);
      CHECK(as_set(walked.ids) == as_set(replay));
      CHECK(walked.ids.size() == replay.size());  // Each id once.
      CHECK_FALSE(walked.truncated);
      ++people_checked;
      with_links += replay.size() > 1;
      // A chain: an id linked through another linked id.
      cairn::identity::IdentityLinks resolved;
      for (const cs::IdentityLink& link : links) resolved.link(link.anonymous_id, link.user);
      for (const std::string& id : replay) chained += id != pool[i] && resolved.links().at(id) != pool[i];
    }
  }
  // The histories exercised what they are for.
  CHECK(people_checked > 2000);
  CHECK(with_links > 500);
  CHECK(chained > 100);
}

TEST_CASE("the link walk: the rules' corner cases, and its cost") {
  StoreOnDisk s;
  s.write("app", {
                     identify("anon-1", "jane", 10),   // anon-1 -> jane.
                     identify("anon-1", "bob", 11),    // Ignored: the first link of anon-1 won.
                     identify("anon-2", "anon-1", 12),  // anon-2 -> jane, through anon-1.
                     identify("jane", "anon-2", 13),    // Ignored: back to jane's own person.
                     identify("jane", "jane", 14),      // Ignored: an id to itself.
                     identify("tmp", "carol", 15),      // tmp -> carol.
                     identify("carol", "jane", 16),     // carol -> jane: tmp follows.
                     stored("anon-3", 17, "e"),         // Never linked.
                 });
  const cp::PersonIds jane = walk(s.db(), "app", "jane");
  CHECK(jane.ids == std::vector<std::string>{"jane", "anon-1", "anon-2", "carol", "tmp"});
  CHECK_FALSE(jane.truncated);
  CHECK(walk(s.db(), "app", "bob").ids == std::vector<std::string>{"bob"});
  CHECK(walk(s.db(), "app", "carol").ids == std::vector<std::string>{"carol", "tmp"});
  // anon-2 went to the person of anon-1 (jane), not to anon-1.
  CHECK(walk(s.db(), "app", "anon-1").ids == std::vector<std::string>{"anon-1"});
  CHECK(walk(s.db(), "app", "nobody").ids == std::vector<std::string>{"nobody"});

  SECTION("a usual person: two index ranges per id") {
    s.write("app", {identify("a1", "dana", 20), identify("a2", "dana", 21), stored("dana", 22, "e")});
    const cp::PersonIds dana = walk(s.db(), "app", "dana");
    CHECK(dana.ids == std::vector<std::string>{"dana", "a1", "a2"});
    CHECK(dana.index_ranges == 6);
    CHECK(walk(s.db(), "app", "erin").index_ranges == 2);  // Nobody linked: the key's two ranges.
  }
}

TEST_CASE("the link walk reads the identify indexes, never scans the events") {
  StoreOnDisk s;
  s.write("app", {identify("a", "u", 1)});
  const std::string by_user = query_plan(s.db(), cp::identify_rows_by_user_sql());
  INFO(by_user);
  CHECK(by_user.find("USING INDEX events_identify_by_user (app=? AND user=?)") != std::string::npos);
  const std::string by_anonymous = query_plan(s.db(), cp::identify_rows_by_anonymous_sql());
  INFO(by_anonymous);
  CHECK(by_anonymous.find("USING INDEX events_identify_by_anonymous (app=? AND anonymous_id=?)") != std::string::npos);
  for (const std::string& plan : {by_user, by_anonymous}) {
    CHECK(plan.find("SCAN") == std::string::npos);
    CHECK(plan.find("TEMP B-TREE") == std::string::npos);
  }
}

TEST_CASE("the link walk's bounds: what it answers past them is exact, and says so") {
  StoreOnDisk s;
  std::vector<cs::StoredEvent> events;
  std::vector<cs::IdentityLink> links;
  // Jane was identified from 150 browsers; each anonymous id was later also
  // identified as someone else (ignored: the first link won).
  for (std::size_t i = 0; i < 150; ++i) {
    const std::string anonymous_id = numbered('a', i);
    events.push_back(identify(anonymous_id, "jane", static_cast<std::int64_t>(i)));
    links.push_back({anonymous_id, "jane"});
  }
  for (std::size_t i = 0; i < 150; ++i) {
    const std::string anonymous_id = numbered('a', i), other = numbered('o', i);
    events.push_back(identify(anonymous_id, other, static_cast<std::int64_t>(200 + i)));
    links.push_back({anonymous_id, other});
  }
  s.write("app", std::move(events));
  const std::set<std::string> all = as_set(cs::ids_of_person(links, "jane"));
  REQUIRE(all.size() == 151);

  SECTION("past the candidates' bound: the first ones, each one of hers") {
    const cp::PersonIds jane = walk(s.db(), "app", "jane");
    CHECK(jane.truncated);
    CHECK(jane.ids.size() == cp::PersonIdsLimits::kMaxLinkedIds + 1);
    for (const std::string& id : jane.ids) CHECK(all.count(id) == 1);
    CHECK(std::is_sorted(jane.ids.begin() + 1, jane.ids.end()));
  }
  SECTION("within the bounds: everything, not truncated") {
    const cp::PersonIds jane = walk(s.db(), "app", "jane", {150, 400});
    CHECK_FALSE(jane.truncated);
    CHECK(as_set(jane.ids) == all);
  }
  SECTION("past the walk's bound: the key alone") {
    const cp::PersonIds jane = walk(s.db(), "app", "jane", {150, 200});  // The 150 others make 301 ids.
    CHECK(jane.truncated);
    CHECK(jane.ids == std::vector<std::string>{"jane"});
  }
}
