#include "session/persisted_state_codec.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace cs = cairn::session;
namespace cj = cairn::json;

namespace {

cs::PersistedState sample() {
  cs::PersistedState s;
  s.user_id = "u1";
  s.anonymous_id = "anon-1";
  s.session_number = 4;
  s.last_activity_ms = 1'800'000'000'000;
  cairn::rules::GuideRecord record;
  cairn::rules::note_seen(record, "3", 1'799'000'000'000);
  cairn::rules::note_seen(record, "4", 1'800'000'000'000);
  cairn::rules::note_dismissed(record, 1'800'000'000'001);
  s.history.guides["tour"] = record;
  cairn::rules::GuideRecord done;
  cairn::rules::note_completed(done, 5);
  s.history.guides["done"] = done;
  cairn::rules::GuideRecord held;  // in an experiment's holdout: started, never shown
  cairn::rules::note_seen(held, "4", 6, true);
  s.history.guides["experiment"] = held;
  s.checked_items["list"] = {"a", "b"};
  cs::ActiveGuideState a;
  a.guide_id = "tour";
  a.guide_version = 3;
  a.step_index = 2;
  a.variant = "short";
  a.guide_seen_recorded = true;
  a.step_seen_recorded = true;
  a.launched_manually = true;
  s.active.push_back(a);
  cs::ActiveGuideState b;
  b.guide_id = "list";
  b.guide_version = 1;
  b.suspended = true;
  s.active.push_back(b);
  s.event_times["export"] = {1, 2, 3};
  return s;
}

std::string problem_pointers(const cj::Problems& problems) {
  std::string out;
  for (const cj::Problem& p : problems.stored()) out += p.pointer + ";";
  return out;
}

}  // namespace

TEST_CASE("the running guides and activity time can be given beside the state") {
  const cs::PersistedState full = sample();
  cs::PersistedState rest = full;
  rest.active.clear();
  rest.last_activity_ms = 7;
  CHECK(cs::write_persisted_state(rest, full.active, full.last_activity_ms) ==
        cs::write_persisted_state(full));
  CHECK(cs::write_persisted_state(full, {}, 7) == cs::write_persisted_state(rest));
}

TEST_CASE("persisted state round-trips") {
  const cs::PersistedState s = sample();
  cj::Problems problems;
  const cs::PersistedState back = cs::read_persisted_state(cs::write_persisted_state(s), problems);
  CHECK(problems.empty());
  CHECK(back == s);
  CHECK(cs::read_persisted_state(cs::write_persisted_state({}), problems) == cs::PersistedState{});
  CHECK(problems.empty());
}

TEST_CASE("a stored holdout count above the starts is cut to them") {
  cj::Problems problems;
  const cs::PersistedState back = cs::read_persisted_state(
      R"({"version": 1, "guides": {"g": {"seen": 1, "held_out": 5}}})", problems);
  CHECK(problems.empty());
  REQUIRE(back.history.find("g") != nullptr);
  CHECK(back.history.find("g")->held_out_count == 1);
}

TEST_CASE("persisted state that is not JSON, not an object or another version starts fresh") {
  for (const char* text : {"", "{", "null", "[1]", "{}", "{\"version\": 2, \"user_id\": \"u\"}",
                           "{\"version\": \"1\"}", "{\"version\": 0}"}) {
    cj::Problems problems;
    CHECK(cs::read_persisted_state(text, problems) == cs::PersistedState{});
    CHECK_FALSE(problems.empty());
  }
}

TEST_CASE("malformed entries are dropped one by one, each reported with its pointer") {
  const std::string text = R"({
    "version": 1,
    "user_id": "u1",
    "session": {"number": 2, "last_activity_ms": 10},
    "guides": {
      "ok": {"seen": 1, "starts": [5]},
      "bad": {"seen": -1},
      "": {"seen": 1},
      "bad-start": {"starts": [1, "x"]}
    },
    "checked": {"list": ["a", 3, ""], "other": "nope"},
    "active": [
      {"guide": "ok", "version": 1, "step": 0},
      {"guide": "ok", "version": 1, "step": 1},
      {"version": 1, "step": 0},
      {"guide": "x", "version": 1, "step": 5000},
      "junk"
    ],
    "events": {"e": [3, 1, 2], "f": 7}
  })";
  cj::Problems problems;
  const cs::PersistedState s = cs::read_persisted_state(text, problems);
  CHECK(s.user_id == "u1");
  CHECK(s.session_number == 2);
  CHECK(s.history.guides.size() == 1);
  CHECK(s.history.find("ok")->seen_count == 1);
  CHECK(s.checked_items.at("list") == std::vector<std::string>{"a"});
  REQUIRE(s.active.size() == 1);
  CHECK(s.active[0].step_index == 0);
  CHECK(s.event_times.at("e") == std::vector<std::int64_t>{1, 2, 3});
  CHECK(s.event_times.count("f") == 0);
  const std::string pointers = problem_pointers(problems);
  for (const char* p : {"/guides/bad/seen;", "/guides/;", "/guides/bad-start/starts/1;",
                        "/checked/list/1;", "/checked/list/2;", "/checked/other;", "/active/1;",
                        "/active/2/guide;", "/active/3/step;", "/active/4;", "/events/f;"}) {
    CHECK(pointers.find(p) != std::string::npos);
  }
}

TEST_CASE("persisted lists are cut to their limits, newest kept") {
  cs::PersistedState s;
  s.session_number = 1;
  for (std::size_t i = 0; i < cs::kMaxHistoryGuides + 10; ++i) {
    cairn::rules::GuideRecord r;
    r.last_seen_ms = static_cast<std::int64_t>(i);
    std::string id = "g";
    id += std::to_string(i);
    s.history.guides[id] = r;
  }
  std::vector<std::int64_t> many;
  for (std::size_t i = 0; i < cs::kMaxEventTimesPerName + 5; ++i) many.push_back(static_cast<std::int64_t>(i));
  s.event_times["e"] = many;
  cj::Problems problems;
  const cs::PersistedState back = cs::read_persisted_state(cs::write_persisted_state(s), problems);
  CHECK(back.history.guides.size() == cs::kMaxHistoryGuides);
  CHECK(back.history.find("g0") == nullptr);  // least recently used
  CHECK(back.history.find("g509") != nullptr);
  REQUIRE(back.event_times.at("e").size() == cs::kMaxEventTimesPerName);
  CHECK(back.event_times.at("e").front() == 5);
}

TEST_CASE("stored time lists out of order come back ascending, newest kept, repeats kept") {
  cs::PersistedState s;
  s.session_number = 1;
  s.event_times["e"] = {7};
  cairn::rules::GuideRecord r;
  cairn::rules::note_seen(r, "1", 7);
  s.history.guides["g"] = r;
  std::string text = cs::write_persisted_state(s);
  // A hand-edited store: both lists unsorted; the event list also over its limit.
  std::string events = "[";
  for (std::size_t i = cs::kMaxEventTimesPerName + 3; i > 0; --i) events += std::to_string(i * 10) + ",";
  events += "20]";
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"\"e\":[7]", "\"e\":" + events},
                                 {"\"starts\":[7]", "\"starts\":[50,10,30,10]"}}) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  }
  cj::Problems problems;
  const cs::PersistedState back = cs::read_persisted_state(text, problems);
  CHECK(problems.empty());
  CHECK(back.history.find("g")->recent_starts_ms == std::vector<std::int64_t>{10, 10, 30, 50});
  const std::vector<std::int64_t>& times = back.event_times.at("e");
  REQUIRE(times.size() == cs::kMaxEventTimesPerName);
  CHECK(times.front() == 40);  // 10, 20 and the extra 20 and 30 are the oldest four
  CHECK(times.back() == static_cast<std::int64_t>((cs::kMaxEventTimesPerName + 3) * 10));
  CHECK(std::is_sorted(times.begin(), times.end()));
}
