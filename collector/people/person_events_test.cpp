// Person events over a real events store: events written by the store's
// group-commit writer are read back by user key, newest first, paged without
// losing or repeating an event, never from another app or user; and the JSON
// summary keeps every part of an event within its bounds.
#include "people/person_events.h"
#include "people/person_events_json.h"
#include "people/person_events_test_store.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace bj = boost::json;
namespace cp = cairn::people;
namespace cs = cairn::store;

using cairn::people_test::names;
using cairn::people_test::numbered;
using cairn::people_test::stored;
using cairn::people_test::StoreOnDisk;

TEST_CASE("person events: newest first, this user of this app only") {
  StoreOnDisk s;
  s.write("app_a", {stored("alice", 1000, "signup"), stored("bob", 1500, "signup"),
                    stored("alice", 3000, "created", R"({"plan":"pro"})"), stored("alice", 2000, "$page", "", "", 1)});
  s.write("app_b", {stored("alice", 5000, "elsewhere")});

  cp::PersonEventsPage page = s.read("app_a", "alice", 20);
  CHECK(names(page) == std::vector<std::string>{"created", "$page", "signup"});
  CHECK(page.events[0].time_ms == 3000);
  CHECK(page.events[0].properties == R"({"plan":"pro"})");
  CHECK(page.events[1].type == 1);
  CHECK_FALSE(page.next_before_ms);

  CHECK(names(s.read("app_b", "alice", 20)) == std::vector<std::string>{"elsewhere"});
  CHECK(s.read("app_a", "carol", 20).events.empty());
  CHECK(s.read("app_missing", "alice", 20).events.empty());
}

TEST_CASE("person events: one range of the (app, user, time) index, no sort") {
  StoreOnDisk s;
  s.write("app", {stored("u", 1, "e")});
  cairn::admin::Statement plan(s.db().handle(), "EXPLAIN QUERY PLAN " + std::string(cp::person_events_sql()));
  std::string steps;
  while (plan.step()) steps += plan.text(3) + "\n";
  INFO(steps);
  CHECK(steps.find("USING INDEX events_by_user_time (app=? AND user=? AND time_ms<?)") != std::string::npos);
  CHECK(steps.find("TEMP B-TREE") == std::string::npos);
  CHECK(steps.find("SCAN") == std::string::npos);
}

TEST_CASE("person events: pages cover every event once, ties by arrival") {
  StoreOnDisk s;
  // Times 100..106, two events at 104 and three at 102: 10 events.
  std::vector<cs::StoredEvent> events;
  for (std::int64_t t : {100, 101, 102, 102, 102, 103, 104, 104, 105, 106}) {
    events.push_back(stored("u", t, numbered('e', events.size())));
  }
  s.write("app", std::move(events));

  SECTION("a page ending inside a millisecond leaves it to the next page") {
    cp::PersonEventsPage first = s.read("app", "u", 4);  // 106, 105, 104, 104 | 103: a clean cut.
    CHECK(names(first) == std::vector<std::string>{"e9", "e8", "e7", "e6"});
    REQUIRE(first.next_before_ms == 104);
    cp::PersonEventsPage second = s.read("app", "u", 4, 104);  // 103, 102, 102, 102 | 101
    CHECK(names(second) == std::vector<std::string>{"e5", "e4", "e3", "e2"});
    cp::PersonEventsPage cut = s.read("app", "u", 3, 104);  // 103, 102, 102 | 102: the 102s move on.
    CHECK(names(cut) == std::vector<std::string>{"e5"});
    REQUIRE(cut.next_before_ms == 103);
    CHECK(names(s.read("app", "u", 3, 103)) == std::vector<std::string>{"e4", "e3", "e2"});
  }
  SECTION("walking every page with limit 3 returns each event exactly once") {
    std::vector<std::string> all;
    std::optional<std::int64_t> before;
    for (int pages = 0; pages < 10; ++pages) {
      cp::PersonEventsPage page = s.read("app", "u", 3, before);
      for (const std::string& n : names(page)) all.push_back(n);
      if (!page.next_before_ms) break;
      CHECK(page.next_before_ms == page.events.back().time_ms);
      before = page.next_before_ms;
    }
    CHECK(all == std::vector<std::string>{"e9", "e8", "e7", "e6", "e5", "e4", "e3", "e2", "e1", "e0"});
  }
  SECTION("more events in one millisecond than a page holds: the page still advances") {
    cp::PersonEventsPage page = s.read("app", "u", 2, 103);  // 102, 102 | 102
    CHECK(names(page) == std::vector<std::string>{"e4", "e3"});
    CHECK(page.next_before_ms == 102);
  }
}

TEST_CASE("person event JSON: type, location, element and bounded properties") {
  SECTION("a page view: its own url/path and name") {
    bj::object e = cp::person_event_json({1, "$page", 42, R"({"path":"/projects","url":"https://a.example/projects"})",
                                          R"({"name":"Projects","context":{"page":{"path":"/old"}}})", "u"});
    CHECK(e.at("type") == "page");
    CHECK(e.at("event") == "$page");
    CHECK(e.at("timestamp_ms") == 42);
    CHECK(e.at("name") == "Projects");
    CHECK(e.at("path") == "/projects");
    CHECK(e.at("url") == "https://a.example/projects");
    CHECK_FALSE(e.contains("element"));
  }
  SECTION("a track event: the page it happened on from context") {
    bj::object e = cp::person_event_json({0, "created", 1, "", R"({"context":{"page":{"path":"/new"}}})", "u"});
    CHECK(e.at("type") == "track");
    CHECK(e.at("path") == "/new");
    CHECK_FALSE(e.contains("url"));
    CHECK(e.at("properties") == bj::object{});
    CHECK(e.at("properties_truncated") == false);
  }
  SECTION("clicks: the element's tag, text (else name) and role") {
    bj::object click = cp::person_event_json(
        {0, "cairn_click", 1, R"({"tag":"button","text":"Save","role":"button","classes":["b"],"x":3})", "", "u"});
    CHECK(click.at("element") == bj::object{{"tag", "button"}, {"text", "Save"}, {"role", "button"}});
    CHECK(click.at("properties") == bj::object{{"tag", "button"}, {"text", "Save"}, {"role", "button"}, {"x", 3}});
    CHECK(click.at("properties_truncated") == true);  // `classes` left out.
    bj::object rage = cp::person_event_json(
        {0, "cairn_rage_click", 1, R"({"click_count":3,"url":"https://a.example/x","target":{"version":1,"element":{"tag":"a","name":"Help"}}})", "", "u"});
    CHECK(rage.at("element") == bj::object{{"tag", "a"}, {"text", "Help"}});
    CHECK(rage.at("url") == "https://a.example/x");
    CHECK_FALSE(cp::person_event_json({0, "Saved", 1, R"({"tag":"button"})", "", "u"}).contains("element"));
  }
  SECTION("properties: at most 20, strings cut on a UTF-8 boundary, long keys left out") {
    bj::object properties;
    properties[std::string(101, 'k')] = 1;
    properties["long"] = std::string(199, 'a') + "\xc3\xa9";  // 201 bytes: the é does not fit.
    for (std::size_t i = 0; i < 30; ++i) properties[numbered('p', i)] = i;
    bj::object e = cp::person_event_json({0, "x", 1, bj::serialize(properties), "", "u"});
    const bj::object& kept = e.at("properties").as_object();
    CHECK(kept.size() == cp::PersonEventJsonLimits::kMaxProperties);
    CHECK(kept.at("long").as_string() == std::string(199, 'a'));
    CHECK_FALSE(kept.contains(std::string(101, 'k')));
    CHECK(kept.contains("p18"));
    CHECK_FALSE(kept.contains("p19"));
    CHECK(e.at("properties_truncated") == true);
  }
  SECTION("an unreadable stored object is no properties, not an error") {
    bj::object e = cp::person_event_json({3, "$identify", 1, "{not json", "[1]", "anon"});
    CHECK(e.at("type") == "identify");
    CHECK(e.at("user_key") == "anon");
    CHECK(e.at("properties") == bj::object{});
  }
  SECTION("the page: events and the next cursor, null on the last page") {
    cp::PersonEventsPage page;
    page.events.push_back({0, "a", 5, "", "", "u"});
    CHECK(cp::person_events_json(page).at("next_before_ms").is_null());
    page.next_before_ms = 5;
    bj::object out = cp::person_events_json(page);
    CHECK(out.at("next_before_ms") == 5);
    CHECK(out.at("events").as_array().size() == 1);
    CHECK(out.at("merged") == false);
    CHECK(out.at("linked_ids") == bj::array{});
    CHECK(out.at("linked_ids_truncated") == false);
  }
  SECTION("a merged page: the linked ids, and each event's own id") {
    cp::PersonEventsPage page;
    page.merged = true;
    page.events.push_back({0, "a", 5, "", "", "anon-1"});
    page.linked_ids = {"anon-1", "anon-2"};
    page.linked_ids_truncated = true;
    bj::object out = cp::person_events_json(page);
    CHECK(out.at("merged") == true);
    CHECK(out.at("linked_ids") == bj::array{"anon-1", "anon-2"});
    CHECK(out.at("linked_ids_truncated") == true);
    CHECK(out.at("events").as_array()[0].at("user_key") == "anon-1");
  }
}
