// A person's page merged over every id that is the person: the pre-sign-in
// events of a linked anonymousId with the userId's, each saying its id; pages
// that neither repeat nor skip when several ids have events in one
// millisecond (random histories, every page size); merge=0 as before; empty
// after the person's erasure; a walk past its bound reported in the page.
#include "people/person_events_test_store.h"
#include "store/person_erasure.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace cp = cairn::people;
namespace cs = cairn::store;
using cairn::people_test::identify;
using cairn::people_test::names;
using cairn::people_test::numbered;
using cairn::people_test::stored;
using cairn::people_test::StoreOnDisk;

namespace {

std::vector<std::string> user_keys(const cp::PersonEventsPage& page) {
  std::vector<std::string> out;
  for (const cp::StoredPersonEvent& e : page.events) out.push_back(e.user_key);
  return out;
}

cp::PersonEventsQuery query_of(const std::string& app, const std::string& key, std::size_t limit,
                               std::optional<std::int64_t> before_ms = std::nullopt, bool merge = true) {
  cp::PersonEventsQuery q;
  q.app_id = app;
  q.user_key = key;
  q.limit = limit;
  q.before_ms = before_ms;
  q.merge = merge;
  return q;
}

}  // namespace

TEST_CASE("merged page: the browsing before sign-in, each event with its id") {
  StoreOnDisk s;
  s.write("app", {stored("anon-7f3a", 1000, "landing"), stored("anon-7f3a", 2000, "pricing"),
                  identify("anon-7f3a", "jane", 3000), stored("jane", 4000, "created"),
                  stored("bob", 4500, "bob_event"), identify("anon-b", "bob", 4600)});

  cp::PersonEventsPage jane = s.read("app", "jane", 20);
  CHECK(names(jane) == std::vector<std::string>{"created", "$identify", "pricing", "landing"});
  CHECK(user_keys(jane) == std::vector<std::string>{"jane", "jane", "anon-7f3a", "anon-7f3a"});
  CHECK(jane.merged);
  CHECK(jane.linked_ids == std::vector<std::string>{"anon-7f3a"});
  CHECK_FALSE(jane.linked_ids_truncated);

  SECTION("merge=0: the key's own events, as before") {
    cp::PersonEventsPage own = s.read(query_of("app", "jane", 20, std::nullopt, false));
    CHECK(names(own) == std::vector<std::string>{"created", "$identify"});
    CHECK_FALSE(own.merged);
    CHECK(own.linked_ids.empty());
  }
  SECTION("the anonymous id's own page: its events, not the person it joined") {
    cp::PersonEventsPage anon = s.read("app", "anon-7f3a", 20);
    CHECK(names(anon) == std::vector<std::string>{"pricing", "landing"});
    CHECK(anon.linked_ids.empty());
  }
  SECTION("after the person's erasure the page is empty, the linked id's too; others stay") {
    s.erase("app", "jane");
    CHECK(s.read("app", "jane", 20).events.empty());
    CHECK(s.read("app", "jane", 20).linked_ids.empty());
    CHECK(s.read("app", "anon-7f3a", 20).events.empty());
    CHECK(names(s.read("app", "bob", 20)) == std::vector<std::string>{"$identify", "bob_event"});
  }
}

TEST_CASE("merged pages: ties in one millisecond across ids, by arrival") {
  StoreOnDisk s;
  // Arrival order is the write order: e0 .. e7.
  s.write("app", {identify("a", "u", 100),   // e0 (u)
                  stored("a", 200, "e1"), stored("u", 200, "e2"), stored("a", 200, "e3"),
                  stored("u", 300, "e4"), stored("a", 300, "e5"), stored("u", 300, "e6"), stored("a", 400, "e7")});
  CHECK(names(s.read("app", "u", 20)) ==
        std::vector<std::string>{"e7", "e6", "e5", "e4", "e3", "e2", "e1", "$identify"});
  // limit 4: e7 e6 e5 e4 | e3: a clean cut between milliseconds 300 and 200.
  cp::PersonEventsPage first = s.read("app", "u", 4);
  CHECK(names(first) == std::vector<std::string>{"e7", "e6", "e5", "e4"});
  CHECK(first.next_before_ms == 300);
  // limit 3: e7 e6 e5 | e4 would cut millisecond 300 across ids: it moves on whole.
  cp::PersonEventsPage cut = s.read("app", "u", 3);
  CHECK(names(cut) == std::vector<std::string>{"e7"});
  REQUIRE(cut.next_before_ms == 400);
  cp::PersonEventsPage next = s.read("app", "u", 3, 400);
  CHECK(names(next) == std::vector<std::string>{"e6", "e5", "e4"});
  CHECK(user_keys(next) == std::vector<std::string>{"u", "a", "u"});
}

TEST_CASE("merged pages on random histories: every event of the person once, in order, at every page size") {
  StoreOnDisk s;
  const std::vector<std::string> pool{"jane", "a1", "a2", "a3", "bob", "a4"};
  std::size_t ties_across_ids = 0;
  for (unsigned seed = 1; seed <= 60; ++seed) {
    std::mt19937 random(seed);
    const std::string app = numbered('p', seed);
    std::vector<cs::StoredEvent> events;
    std::vector<cs::IdentityLink> links;
    std::vector<std::string> user_of;  // By arrival: "e<arrival>" is the event's name.
    const auto add = [&](cs::StoredEvent e) {
      e.name = numbered('e', events.size());
      user_of.push_back(e.user);
      if (e.type == 3) links.push_back({e.anonymous_id, e.user});
      events.push_back(std::move(e));
    };
    const int rows = 20 + static_cast<int>(random() % 50);
    for (int i = 0; i < rows; ++i) {
      const std::string& user = pool[random() % pool.size()];
      const std::int64_t time_ms = 100 + static_cast<std::int64_t>(random() % 12);  // Many ties.
      if (random() % 5 == 0) {
        add(identify(pool[random() % pool.size()], user, time_ms));
      } else {
        add(stored(user, time_ms, ""));
      }
    }
    std::vector<std::size_t> expected;  // Arrival numbers of the person's events, newest first.
    {
      const std::vector<std::string> ids = cs::ids_of_person(links, "jane");
      const std::set<std::string> person(ids.begin(), ids.end());
      for (std::size_t i = 0; i < events.size(); ++i) {
        if (person.count(events[i].user)) expected.push_back(i);
      }
    }
    std::map<std::int64_t, std::set<std::string>> ids_at;
    std::map<std::int64_t, std::size_t> count_at;
    for (std::size_t i : expected) {
      ids_at[events[i].time_ms].insert(events[i].user);
      ++count_at[events[i].time_ms];
    }
    for (const auto& [ms, ids] : ids_at) ties_across_ids += ids.size() > 1;
    std::sort(expected.begin(), expected.end(), [&](std::size_t a, std::size_t b) {
      return events[a].time_ms != events[b].time_ms ? events[a].time_ms > events[b].time_ms : a > b;
    });
    std::size_t most_in_one_ms = 0;
    for (const auto& [ms, n] : count_at) most_in_one_ms = std::max(most_in_one_ms, n);
    const std::vector<cs::StoredEvent> written = events;
    s.write(app, std::move(events));

    for (std::size_t limit : {1, 2, 3, 5, 8, 100}) {
      INFO("seed " << seed << ", limit " << limit);
      std::vector<std::size_t> seen;
      std::optional<std::int64_t> before;
      for (std::size_t pages = 0; pages <= expected.size() + 1; ++pages) {
        const cp::PersonEventsPage page = s.read(query_of(app, "jane", limit, before));
        REQUIRE(page.events.size() <= limit);
        for (const cp::StoredPersonEvent& e : page.events) {
          const std::size_t arrival = std::stoul(e.event.substr(1));
          CHECK(e.user_key == user_of[arrival]);
          CHECK(e.time_ms == written[arrival].time_ms);
          if (before) CHECK(e.time_ms < *before);
          seen.push_back(arrival);
        }
        if (!page.next_before_ms) break;
        REQUIRE(!page.events.empty());
        CHECK(*page.next_before_ms == page.events.back().time_ms);
        before = page.next_before_ms;
      }
      if (most_in_one_ms <= limit) {
        CHECK(seen == expected);
      } else {
        // Only events of a millisecond holding more than `limit` may be left
        // out; the rest is in order, none twice.
        std::vector<std::size_t> kept;
        for (std::size_t i : expected) {
          if (std::find(seen.begin(), seen.end(), i) != seen.end()) {
            kept.push_back(i);
          } else {
            CHECK(count_at[written[i].time_ms] > limit);
          }
        }
        CHECK(seen == kept);
      }
    }
  }
  CHECK(ties_across_ids > 60);  // The histories did put several ids in one millisecond.
}

TEST_CASE("merged page: a walk past its bound says so") {
  StoreOnDisk s;
  s.write("app", {identify("a1", "jane", 1), identify("a2", "jane", 2), identify("a3", "jane", 3),
                  stored("a1", 10, "x"), stored("a3", 11, "y")});
  cp::PersonEventsQuery q = query_of("app", "jane", 20);
  q.id_bounds = {2, 10};
  cp::PersonEventsPage page = s.read(q);
  CHECK(page.linked_ids == std::vector<std::string>{"a1", "a2"});
  CHECK(page.linked_ids_truncated);
  CHECK(names(page) == std::vector<std::string>{"x", "$identify", "$identify", "$identify"});
  q.id_bounds = {3, 10};
  CHECK_FALSE(s.read(q).linked_ids_truncated);
  CHECK(names(s.read(q)) == std::vector<std::string>{"y", "x", "$identify", "$identify", "$identify"});
}
