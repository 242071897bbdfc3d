// People search over a real events store: keys found by prefix, people by
// their identifies' merged email or name (case-insensitive) from the people
// index however old, the limit and the index read's bound reported as
// `truncated`, erased people gone, and each read one index range.
#include "people/people_search.h"
#include "people/person_events_test_store.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace cp = cairn::people;
namespace cs = cairn::store;

using cairn::people_test::identify;
using cairn::people_test::numbered;
using cairn::people_test::stored;
using cairn::people_test::StoreOnDisk;

namespace {

// An identify row of `user` with these traits (and, as the SDK sends it, an anonymousId).
cs::StoredEvent identified(const std::string& user, std::int64_t time_ms, const std::string& traits) {
  cs::StoredEvent e = identify(user + "-anon", user, time_ms);
  e.extra = R"({"traits":)" + traits + "}";
  return e;
}

cp::PeopleSearchResult search(StoreOnDisk& s, const std::string& app_id, const std::string& text,
                              std::size_t limit = 20, cp::PeopleSearchBounds bounds = {}) {
  cp::PeopleSearchQuery query;
  query.app_id = app_id;
  query.text = text;
  query.limit = limit;
  query.bounds = bounds;
  std::string error;
  std::optional<cp::PeopleSearchResult> result = cp::search_people(s.db(), query, &error);
  INFO(error);
  REQUIRE(result);
  return *result;
}

std::vector<std::string> keys(const cp::PeopleSearchResult& r) {
  std::vector<std::string> out;
  for (const cp::PersonMatch& m : r.people) out.push_back(m.user_key);
  return out;
}

}  // namespace

TEST_CASE("people search: user keys by prefix, case-sensitive, in key order, this app only") {
  StoreOnDisk s;
  s.write("app", {stored("user-20", 1000, "a"), stored("user-3", 2000, "a"), stored("user-3", 2500, "b"),
                  stored("User-9", 3000, "a"), stored("usex", 3000, "a"), stored("other", 4000, "a")});
  s.write("app_b", {stored("user-1", 5000, "a")});

  cp::PeopleSearchResult r = search(s, "app", "user-");
  CHECK(keys(r) == std::vector<std::string>{"user-20", "user-3"});
  CHECK(r.people[1].last_seen_ms == 2500);
  CHECK_FALSE(r.people[1].email);
  CHECK_FALSE(r.truncated);
  CHECK(keys(search(s, "app", "user-3")) == std::vector<std::string>{"user-3"});
  CHECK(keys(search(s, "app", "User")) == std::vector<std::string>{"User-9"});
  CHECK(search(s, "app", "nobody").people.empty());
  CHECK(search(s, "app_missing", "user").people.empty());
}

TEST_CASE("people search: email or name of the newest identify, ignoring case") {
  StoreOnDisk s;
  s.write("app", {identified("u1", 1000, R"({"email":"Jane@Acme.io","name":"Jane Doe"})"),
                  identified("u2", 1100, R"({"email":"bob@example.com","name":"Bob ACME"})"),
                  identified("u3", 1200, R"({"email":42,"name":["acme"]})"),  // Not strings: no match.
                  stored("u1", 5000, "later")});

  cp::PeopleSearchResult r = search(s, "app", "jane@ACME.IO");
  REQUIRE(keys(r) == std::vector<std::string>{"u1"});
  CHECK(r.people[0].email == "Jane@Acme.io");
  CHECK(r.people[0].name == "Jane Doe");
  CHECK(r.people[0].last_seen_ms == 5000);
  // Newest identify first: u2 (1100) before u1 (1000).
  CHECK(keys(search(s, "app", "acme")) == std::vector<std::string>{"u2", "u1"});
  CHECK(keys(search(s, "app", "jane doe")) == std::vector<std::string>{"u1"});
}

TEST_CASE("people search: names in other scripts are found ignoring case, accents count") {
  StoreOnDisk s;
  s.write("app", {identified("u1", 1000, R"({"email":"ayse@firma.com.tr","name":"Ayşe Öztürk"})"),
                  identified("u2", 1100, R"({"email":"ivan@firma.ru","name":"Иван Петров"})"),
                  identified("u3", 1200, R"({"email":"jose@acme.es","name":"José Núñez"})"),
                  identified("u4", 1300, R"({"email":"lan@acme.vn","name":"Nguyễn Thị Ơn"})")});
  CHECK(keys(search(s, "app", "ÖZTÜRK")) == std::vector<std::string>{"u1"});
  CHECK(keys(search(s, "app", "ПЕТРОВ")) == std::vector<std::string>{"u2"});
  CHECK(keys(search(s, "app", "JOSÉ NÚÑEZ")) == std::vector<std::string>{"u3"});
  CHECK(keys(search(s, "app", "NGUYỄN THỊ ƠN")) == std::vector<std::string>{"u4"});
  CHECK(search(s, "app", "Jose Nunez").people.empty());  // Accents are not folded.
}

TEST_CASE("people search: the latest identify's traits win, by event time") {
  StoreOnDisk s;
  // u1 changed email; the newer identify arrived first (a delayed batch).
  s.write("app", {identified("u1", 2000, R"({"email":"new@acme.io"})")});
  s.write("app", {identified("u1", 1000, R"({"email":"old@acme.io"})")});
  // An identify without an anonymousId (a server-side call) counts too.
  cs::StoredEvent server_side = stored("u2", 3000, "$identify", "", R"({"traits":{"name":"Renamed"}})", 3);
  s.write("app", {identified("u2", 500, R"({"name":"Original"})"), server_side});

  CHECK(search(s, "app", "old@").people.empty());
  cp::PeopleSearchResult r = search(s, "app", "new@");
  REQUIRE(keys(r) == std::vector<std::string>{"u1"});
  CHECK(r.people[0].email == "new@acme.io");
  CHECK(search(s, "app", "original").people.empty());
  CHECK(keys(search(s, "app", "renamed")) == std::vector<std::string>{"u2"});
  // A key match shows its newest traits.
  cp::PeopleSearchResult by_key = search(s, "app", "u1");
  REQUIRE(keys(by_key) == std::vector<std::string>{"u1"});
  CHECK(by_key.people[0].email == "new@acme.io");
}

TEST_CASE("people search: identify traits merge, so an identify with only a changed trait keeps the email") {
  StoreOnDisk s;
  // Segment-style: email and name at sign-in, later only what changed.
  s.write("app", {identified("u1", 1000, R"({"email":"jane@acme.io","name":"Jane Doe"})")});
  s.write("app", {identified("u1", 2000, R"({"plan":"pro"})")});
  cp::PeopleSearchResult r = search(s, "app", "jane@acme");
  REQUIRE(keys(r) == std::vector<std::string>{"u1"});
  CHECK(r.people[0].email == "jane@acme.io");
  CHECK(r.people[0].name == "Jane Doe");
  // A null removes the trait: the name no longer finds her, the email does.
  s.write("app", {identified("u1", 3000, R"({"name":null})")});
  CHECK(search(s, "app", "jane doe").people.empty());
  r = search(s, "app", "jane@acme");
  REQUIRE(keys(r) == std::vector<std::string>{"u1"});
  CHECK_FALSE(r.people[0].name);
}

TEST_CASE("people search: key matches first, each person once, limit and truncated") {
  StoreOnDisk s;
  s.write("app", {identified("acme-1", 1000, R"({"email":"a@acme.io"})"),
                  identified("zed", 2000, R"({"email":"z@acme.io"})"),
                  identified("yan", 3000, R"({"name":"Yan from ACME"})")});

  cp::PeopleSearchResult all = search(s, "app", "acme");
  CHECK(keys(all) == std::vector<std::string>{"acme-1", "yan", "zed"});
  CHECK_FALSE(all.truncated);
  cp::PeopleSearchResult two = search(s, "app", "acme", 2);
  CHECK(keys(two) == std::vector<std::string>{"acme-1", "yan"});
  CHECK(two.truncated);
  cp::PeopleSearchResult three = search(s, "app", "acme", 3);
  CHECK(three.people.size() == 3);
  CHECK_FALSE(three.truncated);
}

TEST_CASE("people search: a person identified long before 5,000 newer identifies is found by email and name") {
  StoreOnDisk s;
  // Jane signed in a week ago; the app has identified 6,000 people since
  // (every page load of a B2B app calls identify).
  s.write("app", {identified("usr_jane", 1000, R"({"email":"Jane@Acme.io","name":"Jane Öztürk"})"),
                  stored("usr_jane", 2000, "Opened ticket")});
  std::vector<cs::StoredEvent> newer;
  for (std::size_t i = 0; i < 6000; ++i) {
    newer.push_back(identified(numbered('u', i), 600'000'000 + static_cast<std::int64_t>(i),
                               R"({"email":"someone@example.com","name":"Someone"})"));
  }
  s.write("app", std::move(newer));

  cp::PeopleSearchResult by_email = search(s, "app", "jane@acme.io");
  REQUIRE(keys(by_email) == std::vector<std::string>{"usr_jane"});
  CHECK(by_email.people[0].email == "Jane@Acme.io");
  CHECK(by_email.people[0].last_seen_ms == 2000);
  CHECK_FALSE(by_email.truncated);  // Every identified person was read.
  CHECK(by_email.people_rows_read == 6001);
  CHECK(keys(search(s, "app", "JANE ÖZTÜRK")) == std::vector<std::string>{"usr_jane"});
  // A common text stops at the limit, latest identify first.
  cp::PeopleSearchResult common = search(s, "app", "SOMEONE", 3);
  CHECK(keys(common) == std::vector<std::string>{"u5999", "u5998", "u5997"});
  CHECK(common.truncated);
  CHECK(common.people_rows_read == 4);  // One past the limit says there are more.
}

TEST_CASE("people search: the people index read is bounded and says so") {
  StoreOnDisk s;
  std::vector<cs::StoredEvent> events;
  for (int i = 0; i < 10; ++i) {
    events.push_back(identified(numbered('u', static_cast<std::size_t>(i)), 1000 + i,
                                i == 0 ? R"({"email":"x@acme.io"})" : R"({"email":"y@other.io"})"));
  }
  s.write("app", std::move(events));

  cp::PeopleSearchBounds bounds;
  bounds.people_rows = 4;
  cp::PeopleSearchResult r = search(s, "app", "acme", 20, bounds);
  CHECK(r.people.empty());  // u0 is the oldest, past the bound.
  CHECK(r.people_rows_read == 4);
  CHECK(r.truncated);
  bounds.people_rows = 10;  // Exactly the app's people: nothing left out.
  cp::PeopleSearchResult all = search(s, "app", "acme", 20, bounds);
  CHECK(keys(all) == std::vector<std::string>{"u0"});
  CHECK_FALSE(all.truncated);
}

TEST_CASE("people search: a key match shows its latest identify's traits, however old") {
  StoreOnDisk s;
  // k's identify rows arrive with times 3000, 1000, 2000; then many newer
  // identifies of others.
  s.write("app", {identified("k", 3000, R"({"email":"third@acme.io"})")});
  s.write("app", {identified("k", 1000, R"({"email":"first@acme.io"})")});
  s.write("app", {identified("k", 2000, R"({"email":"second@acme.io"})")});
  std::vector<cs::StoredEvent> newer;
  for (std::size_t i = 0; i < 200; ++i) {
    newer.push_back(identified(numbered('w', i), 9000 + static_cast<std::int64_t>(i), R"({"email":"w@acme.io"})"));
  }
  s.write("app", std::move(newer));

  cp::PeopleSearchResult all = search(s, "app", "k");
  REQUIRE(keys(all) == std::vector<std::string>{"k"});
  CHECK(all.people[0].email == "third@acme.io");  // The newest by time.
  CHECK(search(s, "app", "second@").people.empty());
}

TEST_CASE("people search: the key range is bounded; long traits are cut") {
  StoreOnDisk s;
  const std::string long_name = std::string(199, 'a') + "\u00e9";  // 201 bytes: é is cut whole.
  s.write("app", {stored("k1", 1, "a"), stored("k2", 2, "a"), stored("k3", 3, "a"),
                  identified("k4", 4, R"({"name":")" + long_name + "\"}")});

  cp::PeopleSearchBounds bounds;
  bounds.key_rows = 2;
  cp::PeopleSearchResult r = search(s, "app", "k", 20, bounds);
  CHECK(keys(r) == std::vector<std::string>{"k1", "k2"});
  CHECK(r.truncated);
  cp::PeopleSearchResult all = search(s, "app", "k");
  CHECK(keys(all) == std::vector<std::string>{"k1", "k2", "k3", "k4"});
  CHECK_FALSE(all.truncated);
  CHECK(all.people[3].name == std::string(199, 'a'));
}

TEST_CASE("people search: an erased person is no longer found") {
  StoreOnDisk s;
  s.write("app", {identified("jane-1", 1000, R"({"email":"jane@acme.io"})"), stored("jane-1", 2000, "a"),
                  identified("john-1", 1500, R"({"email":"john@acme.io"})")});
  REQUIRE(keys(search(s, "app", "acme")) == std::vector<std::string>{"john-1", "jane-1"});

  s.erase("app", "jane-1");
  CHECK(keys(search(s, "app", "acme")) == std::vector<std::string>{"john-1"});
  CHECK(search(s, "app", "jane").people.empty());
}

TEST_CASE("people search: each read is one index range, no sort, no scan") {
  StoreOnDisk s;
  s.write("app", {stored("u", 1, "e")});
  auto plan_of = [&s](std::string_view sql) {
    cairn::admin::Statement plan(s.db().handle(), "EXPLAIN QUERY PLAN " + std::string(sql));
    std::string steps;
    while (plan.step()) steps += plan.text(3) + "\n";
    return steps;
  };
  const std::string keys_plan = plan_of(cp::keys_from_sql());
  INFO(keys_plan);
  CHECK(keys_plan.find("(app=? AND user>?)") != std::string::npos);
  const std::string people_plan = plan_of(cp::people_by_recency_sql());
  INFO(people_plan);
  CHECK(people_plan.find("USING COVERING INDEX people_by_recency (app=?)") != std::string::npos);
  const std::string person_plan = plan_of(cp::indexed_person_sql());
  INFO(person_plan);
  CHECK(person_plan.find("USING INTEGER PRIMARY KEY (rowid=?)") != std::string::npos);
  const std::string last_seen_plan = plan_of(cp::last_seen_sql());
  INFO(last_seen_plan);
  CHECK(last_seen_plan.find("events_by_user_time (app=? AND user=?)") != std::string::npos);
  for (const std::string& steps : {keys_plan, people_plan, person_plan, last_seen_plan}) {
    CHECK(steps.find("TEMP B-TREE") == std::string::npos);
    CHECK(steps.find("SCAN") == std::string::npos);
  }
}

