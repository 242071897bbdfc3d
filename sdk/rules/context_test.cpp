#include "rules/context.h"

#include <catch2/catch.hpp>

namespace cr = cairn::rules;

TEST_CASE("EventLog counts events in an inclusive range") {
  cr::EventLog log;
  log.add("e", 30);
  log.add("e", 10);
  log.add("e", 20);
  log.add("e", 20);
  log.add("other", 20);
  CHECK(log.count("e", 10, 30) == 4);
  CHECK(log.count("e", 11, 29) == 2);
  CHECK(log.count("e", 20, 20) == 2);
  CHECK(log.count("e", 31, 100) == 0);
  CHECK(log.count("e", 30, 10) == 0);
  CHECK(log.count("missing", 0, 100) == 0);
}

TEST_CASE("insert_time keeps a time list ascending, a new time after equal ones") {
  std::vector<std::int64_t> times;
  for (std::int64_t t : {50, 10, 50, 70, 0, 30, 70}) cr::insert_time(times, t);
  CHECK(times == std::vector<std::int64_t>{0, 10, 30, 50, 50, 70, 70});
  cr::insert_time(times, 100);  // the common case: the newest goes last
  CHECK(times.back() == 100);
  cr::insert_time(times, -5);
  CHECK(times.front() == -5);
  CHECK(times.size() == 9);
}

TEST_CASE("EventLog keeps at most kMaxPerEvent timestamps, dropping the oldest") {
  cr::EventLog log;
  for (std::size_t i = 0; i < cr::EventLog::kMaxPerEvent + 5; ++i) {
    log.add("e", static_cast<std::int64_t>(i));
  }
  CHECK(log.count("e", 0, 1'000'000) == static_cast<std::int64_t>(cr::EventLog::kMaxPerEvent));
  CHECK(log.count("e", 0, 4) == 0);
}

TEST_CASE("guide history lookups and record updates") {
  cr::GuideHistory history;
  CHECK(history.find("g") == nullptr);
  cr::GuideRecord& r = history.guides["g"];
  cr::note_seen(r, "s1", 100);
  cr::note_dismissed(r, 150);
  cr::note_completed(r, 200);
  const cr::GuideRecord* found = history.find("g");
  REQUIRE(found);
  CHECK(found->seen_count == 1);
  CHECK(found->last_seen_session == "s1");
  CHECK(found->last_seen_ms == 100);
  CHECK(found->dismissed_count == 1);
  CHECK(found->last_dismissed_ms == 150);
  CHECK(found->completed_count == 1);
  CHECK(found->last_completed_ms == 200);
}

TEST_CASE("guide histories compare by value") {
  cr::GuideHistory a, b;
  CHECK(a == b);
  cr::note_seen(a.guides["g"], "s", 1);
  CHECK_FALSE(a == b);
  cr::note_seen(b.guides["g"], "s", 1);
  CHECK(a == b);
}
