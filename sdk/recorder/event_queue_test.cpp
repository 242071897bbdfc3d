#include "recorder/event_queue.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

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
  for (std::size_t i = 0; i < q.size(); ++i) out.push_back(q.at(i).message_id);
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
  const std::size_t one = q.at(0).json.size();
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
  CHECK(restored.at(0).name == "E2");
  CHECK(restored.at(0).queued_at_ms == 500);
  CHECK(restored.at(0).json == q.at(0).json);
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
  CHECK(q.at(0).name == "A");
  cr::EventQueue page;
  page.restore(R"({"v":1,"events":[{"type":"page","messageId":"p1"}]})", 0);
  CHECK(page.at(0).name == "$page");
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
        for (std::size_t i = 0; i < q.size(); ++i) CHECK_FALSE(q.at(i).message_id.empty());
      }
    }
  }
  CHECK(fresh > 0);
  CHECK(partial > 0);
}

TEST_CASE("a full queue wraps around: oldest dropped per push, order kept, stored oldest first") {
  cr::EventQueue q({.max_events = 5, .max_bytes = 1 << 20});
  for (int i = 1; i <= 5; ++i) CHECK(q.push(event(i)) == 0);
  // Push past the wrap point several times over; the window slides by one.
  for (int i = 6; i <= 23; ++i) {
    CHECK(q.push(event(i)) == 1);
    REQUIRE(q.size() == 5);
    std::vector<std::string> expected;
    for (int k = i - 4; k <= i; ++k) expected.push_back("m" + std::to_string(k));
    CHECK(ids(q) == expected);
  }
  CHECK(q.dropped_total() == 18);
  CHECK(q.bytes() == q.waiting_bytes());
  CHECK(q.oldest_waiting_ms() == 19);

  // Batches, removal and persistence work on the wrapped ring in queue order.
  CHECK(q.assign_batch(4, 2, 1 << 20) == 2);
  auto b = q.batch(4);
  REQUIRE(b.size() == 2);
  CHECK(b[0]->message_id == "m19");
  CHECK(b[1]->message_id == "m20");
  const std::string stored = q.serialize();
  CHECK(stored.find("\"m19\"") < stored.find("\"m20\""));
  CHECK(stored.find("\"m22\"") < stored.find("\"m23\""));
  CHECK(q.remove_batch(4) == 2);
  CHECK(ids(q) == std::vector<std::string>{"m21", "m22", "m23"});
  // Room again: pushes append after the survivors, then wrap once more.
  for (int i = 24; i <= 27; ++i) q.push(event(i));
  CHECK(ids(q) == std::vector<std::string>{"m23", "m24", "m25", "m26", "m27"});
  CHECK(q.dropped_total() == 20);

  cr::EventQueue restored({.max_events = 5, .max_bytes = 1 << 20});
  CHECK(restored.restore(q.serialize(), 0).restored == 5);
  CHECK(ids(restored) == ids(q));
  CHECK(restored.serialize() == q.serialize());
  // A smaller restored queue keeps the newest.
  cr::EventQueue small({.max_events = 2, .max_bytes = 1 << 20});
  auto report = small.restore(q.serialize(), 0);
  CHECK(report.restored == 2);
  CHECK(ids(small) == std::vector<std::string>{"m26", "m27"});
  CHECK(small.dropped_total() == 23);
}

TEST_CASE("a full queue with in-flight events still drops the oldest, in flight or not") {
  cr::EventQueue q({.max_events = 3, .max_bytes = 1 << 20});
  for (int i = 1; i <= 3; ++i) q.push(event(i));
  CHECK(q.assign_batch(9, 1, 1 << 20) == 1);  // m1 in flight.
  CHECK(q.push(event(4)) == 1);
  CHECK(q.batch(9).empty());
  CHECK(q.remove_batch(9) == 0);
  CHECK(ids(q) == std::vector<std::string>{"m2", "m3", "m4"});
  CHECK(q.waiting() == 3);
}

TEST_CASE("byte and count limits together on a wrapped ring match the append-then-drop rule") {
  // A reference model (a plain vector that appends, then erases its oldest)
  // against the ring, over seeded event sizes that hit either limit.
  const cr::QueueLimits limits{.max_events = 7, .max_bytes = 900};
  cr::EventQueue q(limits);
  std::vector<cr::QueuedEvent> model;
  std::size_t model_bytes = 0;
  std::uint64_t model_dropped = 0;
  std::uint32_t seed = 7;
  for (int i = 1; i <= 2000; ++i) {
    seed = seed * 1664525u + 1013904223u;
    cr::QueuedEvent e = event(i, (seed >> 8) % 260);
    model_bytes += e.json.size();
    model.push_back(e);
    std::size_t drop = 0;
    while (drop < model.size() && (model.size() - drop > limits.max_events || model_bytes > limits.max_bytes)) {
      model_bytes -= model[drop++].json.size();
    }
    model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(drop));
    model_dropped += drop;
    CHECK(q.push(std::move(e)) == drop);
    if (i % 97 == 0) {
      q.assign_batch(static_cast<std::uint64_t>(i), 2, 1 << 20);
      q.remove_batch(static_cast<std::uint64_t>(i));
      const std::size_t removed = std::min<std::size_t>(2, model.size());
      for (std::size_t k = 0; k < removed; ++k) model_bytes -= model[k].json.size();
      model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(removed));
    }
    std::vector<std::string> expected;
    for (const cr::QueuedEvent& m : model) expected.push_back(m.message_id);
    REQUIRE(ids(q) == expected);
    REQUIRE(q.bytes() == model_bytes);
  }
  CHECK(q.dropped_total() == model_dropped);
}
