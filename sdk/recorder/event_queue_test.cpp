#include "recorder/event_queue.h"

#include <catch2/catch.hpp>

#include <string>

namespace cr = cairn::recorder;

namespace {
cr::QueuedEvent event(int n, std::size_t padding = 0) {
  cr::QueuedEvent e;
  const std::string num = std::to_string(n);
  e.message_id = std::string(1, 'm') + num;
  e.name = std::string(1, 'E') + num;
  e.json = std::string("{\"type\":\"track\",\"event\":\"E");
  e.json.append(num).append("\",\"messageId\":\"m").append(num);
  e.json.append("\",\"anonymousId\":\"a\",\"properties\":{\"p\":\"");
  e.json.append(padding, 'x').append("\"}}");
  e.queued_at_ms = n;
  return e;
}

std::vector<std::string> ids(const cr::EventQueue& q) {
  std::vector<std::string> out;
  for (const cr::QueuedEvent& e : q.events()) out.push_back(e.message_id);
  return out;
}
}  // namespace

TEST_CASE("the queue drops the oldest events beyond its event limit and counts them") {
  cr::EventQueue q({.max_events = 3, .max_bytes = 1 << 20});
  for (int i = 1; i <= 3; ++i) CHECK(q.push(event(i)) == 0);
  CHECK(q.push(event(4)) == 1);
  CHECK(q.push(event(5)) == 1);
  CHECK(ids(q) == std::vector<std::string>{"m3", "m4", "m5"});
  CHECK(q.dropped_total() == 2);
}

TEST_CASE("the queue drops the oldest events beyond its byte limit") {
  const std::size_t one = event(1, 100).json.size();
  cr::EventQueue q({.max_events = 100, .max_bytes = one * 2 + 10});
  q.push(event(1, 100));
  q.push(event(2, 100));
  CHECK(q.dropped_total() == 0);
  CHECK(q.push(event(3, 100)) == 1);
  CHECK(ids(q) == std::vector<std::string>{"m2", "m3"});
  CHECK(q.bytes() == 2 * one);
  // An event bigger than the whole queue cannot be kept: it drops everything,
  // itself included.
  CHECK(q.push(event(4, 1000)) == 3);
  CHECK(q.empty());
  CHECK(q.bytes() == 0);
}

TEST_CASE("assign_batch takes waiting events oldest first within count and bytes") {
  cr::EventQueue q;
  for (int i = 1; i <= 5; ++i) q.push(event(i));
  const std::size_t one = q.events().front().json.size();
  CHECK(q.assign_batch(7, 2, 1 << 20) == 2);
  CHECK(q.waiting() == 3);
  CHECK(q.assign_batch(8, 10, 2 * (one + 1)) == 2);
  auto b8 = q.batch(8);
  REQUIRE(b8.size() == 2);
  CHECK(b8[0]->message_id == "m3");
  // At least one event even when it alone exceeds max_bytes.
  CHECK(q.assign_batch(9, 10, 1) == 1);
  CHECK(q.assign_batch(10, 10, 1) == 0);
  CHECK(q.oldest_waiting_ms() == std::numeric_limits<std::int64_t>::max());

  CHECK(q.release_batch(8) == 2);
  CHECK(q.oldest_waiting_ms() == 3);
  CHECK(q.remove_batch(7) == 2);
  CHECK(q.remove_batch(7) == 0);
  CHECK(q.remove_batch(0) == 0);
  CHECK(ids(q) == std::vector<std::string>{"m3", "m4", "m5"});
  q.release_all();
  CHECK(q.waiting() == 3);
  CHECK(q.waiting_bytes() == q.bytes());
}

TEST_CASE("serialize and restore round-trip events, order and the drop counter") {
  cr::EventQueue q({.max_events = 3, .max_bytes = 1 << 20});
  for (int i = 1; i <= 4; ++i) q.push(event(i));
  q.assign_batch(1, 10, 1 << 20);
  const std::string stored = q.serialize();

  cr::EventQueue restored({.max_events = 3, .max_bytes = 1 << 20});
  auto report = restored.restore(stored, 500);
  CHECK_FALSE(report.fresh);
  CHECK(report.restored == 3);
  CHECK(report.skipped == 0);
  CHECK(ids(restored) == std::vector<std::string>{"m2", "m3", "m4"});
  CHECK(restored.dropped_total() == 1);
  CHECK(restored.waiting() == 3);  // In-flight batches are re-sent after a reload.
  CHECK(restored.events()[0].name == "E2");
  CHECK(restored.events()[0].queued_at_ms == 500);
  CHECK(restored.events()[0].json == q.events()[0].json);
  CHECK(restored.serialize() == stored);
}

TEST_CASE("restore starts fresh on corrupted or foreign stored data, without crashing") {
  const char* bad[] = {
      "",
      "not json",
      "{\"v\":1,\"events\":[",          // truncated
      "[]",
      "{\"v\":2,\"events\":[]}",        // another version
      "{\"events\":[]}",                // no version
      "{\"v\":1,\"events\":{}}",        // wrong type
      "{\"v\":1,\"dropped\":-3,\"events\":[]}",
      "{\"v\":\"1\",\"events\":[]}",
  };
  for (const char* text : bad) {
    INFO(text);
    cr::EventQueue q;
    q.push(event(1));
    auto report = q.restore(text, 0);
    CHECK(report.fresh);
    CHECK_FALSE(report.reason.empty());
    CHECK(q.empty());
    CHECK(q.bytes() == 0);
    CHECK(q.dropped_total() == 0);
  }
  cr::EventQueue deep;
  CHECK(deep.restore(std::string(10'000, '[') + std::string(10'000, ']'), 0).fresh);
}

TEST_CASE("restore skips entries that are not events with a messageId") {
  cr::EventQueue q({.max_events = 2, .max_bytes = 1 << 20});
  auto report = q.restore(
      R"({"v":1,"events":[1,"x",{"type":"page"},{"messageId":5},{"messageId":""},
          {"type":"page","messageId":"p1"},{"event":"A","messageId":"a1"},{"event":"B","messageId":"b1"}]})",
      0);
  CHECK_FALSE(report.fresh);
  CHECK(report.skipped == 5);
  CHECK(report.restored == 2);
  CHECK(ids(q) == std::vector<std::string>{"a1", "b1"});
  CHECK(q.dropped_total() == 1);  // p1 did not fit the restored queue's limits.
  CHECK(q.events()[0].name == "A");
  cr::EventQueue page;
  page.restore(R"({"v":1,"events":[{"type":"page","messageId":"p1"}]})", 0);
  CHECK(page.events()[0].name == "$page");
}

TEST_CASE("release_all_except keeps one batch and frees the others") {
  cr::EventQueue q;
  for (int i = 1; i <= 6; ++i) q.push(event(i));
  q.assign_batch(1, 2, 1 << 20);
  q.assign_batch(2, 2, 1 << 20);
  CHECK(q.release_all_except(1) == 2);
  CHECK(q.batch(1).size() == 2);
  CHECK(q.waiting() == 4);
  CHECK(q.release_all_except(0) == 2);
  CHECK(q.waiting() == 6);
}

TEST_CASE("restore survives every truncation and byte flip of a stored queue") {
  cr::EventQueue original;
  for (int i = 1; i <= 4; ++i) original.push(event(i, 20));
  const std::string stored = original.serialize();
  std::size_t fresh = 0, partial = 0;
  for (std::size_t cut = 0; cut < stored.size(); ++cut) {
    cr::EventQueue q;
    auto report = q.restore(std::string_view(stored).substr(0, cut), 0);
    CHECK(report.fresh);  // A truncated document is never half-read.
    CHECK(q.empty());
  }
  for (std::size_t at = 0; at < stored.size(); ++at) {
    for (char flip : {'\0', '"', '{', ']', '9', '\xff'}) {
      std::string mutated = stored;
      mutated[at] = flip;
      cr::EventQueue q;
      auto report = q.restore(mutated, 0);
      if (report.fresh) {
        ++fresh;
        CHECK(q.empty());
      } else {
        ++partial;
        CHECK(q.size() <= 4);
        CHECK(q.size() == report.restored);
        for (const cr::QueuedEvent& e : q.events()) CHECK_FALSE(e.message_id.empty());
      }
    }
  }
  CHECK(fresh > 0);
  CHECK(partial > 0);
}
