// Several tabs of one origin recording into one Storage (RecorderConfig::tab_id,
// adopted_queue_keys): no tab overwrites another's queue, and a tab that is gone
// leaves its events to the next one that starts.
#include "recorder/recorder.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <set>
#include <string>

namespace cr = cairn::recorder;
namespace bj = boost::json;

namespace {

constexpr std::int64_t kT0 = 1'795'000'000'000;

cr::RecorderConfig tab_config(std::string tab_id, std::vector<std::string> adopted = {}) {
  cr::RecorderConfig config;
  config.write_key = "wk_test";
  config.persist_delay_ms = 0;
  config.tab_id = std::move(tab_id);
  config.adopted_queue_keys = std::move(adopted);
  return config;
}

std::set<std::string> queued_names(const cr::Recorder& r) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < r.queue().size(); ++i) {
    names.insert(std::string(bj::parse(r.queue().at(i).json).at("event").as_string()));
  }
  return names;
}

// Two tabs record offline; both close; their queues stay apart in storage.
void two_tabs_close_offline(cr::MemoryStorage& storage) {
  cr::SeededRandom ra(1), rb(2);
  cr::Recorder a(tab_config("a"), storage, ra);
  cr::Recorder b(tab_config("b"), storage, rb);
  REQUIRE(a.track("In A", {}, kT0).outcome == cr::RecordOutcome::recorded);
  REQUIRE(b.track("In B", {}, kT0 + 1).outcome == cr::RecordOutcome::recorded);
  // Offline: sendBeacon refuses, nothing is delivered.
  for (cr::Recorder* tab : {&a, &b}) {
    for (const cr::SendBatch& beacon : tab->beacon_batches(kT0 + 10)) {
      tab->batch_failed(beacon.id, kT0 + 10, cr::DeliveryFailure::network_error());
    }
  }
}

}  // namespace

TEST_CASE("two tabs keep their queues under their own keys") {
  cr::MemoryStorage storage;
  two_tabs_close_offline(storage);
  CHECK(storage.contains("cairn.queue.a"));
  CHECK(storage.contains("cairn.queue.b"));
  CHECK_FALSE(storage.contains("cairn.queue"));
}

TEST_CASE("a starting tab takes over the queues of gone tabs, then removes their keys") {
  cr::MemoryStorage storage;
  two_tabs_close_offline(storage);
  cr::SeededRandom rc(3);
  cr::Recorder c(tab_config("c", {"cairn.queue.a", "cairn.queue.b", "cairn.queue.gone"}), storage, rc);
  auto batch = c.poll(kT0 + 1000);
  REQUIRE(batch);
  CHECK(batch->event_count == 2);
  CHECK(queued_names(c) == std::set<std::string>{"In A", "In B"});
  CHECK(c.stats().restored == 2);
  CHECK(storage.contains("cairn.queue.c"));
  CHECK_FALSE(storage.contains("cairn.queue.a"));
  CHECK_FALSE(storage.contains("cairn.queue.b"));
  c.batch_delivered(batch->id, kT0 + 1100);
  CHECK_FALSE(storage.contains("cairn.queue.c"));
}

TEST_CASE("a taken-over queue keeps its key when ours cannot be stored") {
  cr::MemoryStorage storage;
  two_tabs_close_offline(storage);
  // Room for what is stored and no more: the merged queue cannot be written,
  // so A's events must stay where they are (sent twice at worst, never lost).
  cr::MemoryStorage tight(storage.read("cairn.queue.a")->size() + storage.read("cairn.identity")->size());
  tight.write("cairn.identity", *storage.read("cairn.identity"));
  tight.write("cairn.queue.a", *storage.read("cairn.queue.a"));
  cr::SeededRandom rc(3);
  cr::Recorder c(tab_config("c", {"cairn.queue.a"}), tight, rc);
  c.poll(kT0 + 1000);
  CHECK(queued_names(c) == std::set<std::string>{"In A"});
  CHECK(c.stats().storage_write_failures == 1);
  CHECK(tight.contains("cairn.queue.a"));
}

TEST_CASE("a corrupt taken-over queue is counted and changes nothing of ours") {
  cr::MemoryStorage storage;
  storage.write("cairn.queue.gone", "{not json");
  cr::SeededRandom rc(3);
  cr::Recorder c(tab_config("c", {"cairn.queue.gone"}), storage, rc);
  REQUIRE(c.track("In C", {}, kT0).outcome == cr::RecordOutcome::recorded);
  CHECK(c.stats().storage_corrupt == 1);
  CHECK(queued_names(c) == std::set<std::string>{"In C"});
  CHECK_FALSE(storage.contains("cairn.queue.gone"));  // not read again at every load
}

TEST_CASE("a consent denial removes the taken-over queues with ours") {
  cr::MemoryStorage storage;
  two_tabs_close_offline(storage);
  cr::RecorderConfig config = tab_config("c", {"cairn.queue.a", "cairn.queue.b"});
  config.consent_required = true;
  cr::SeededRandom rc(3);
  cr::Recorder c(config, storage, rc);
  c.set_consent(cr::Consent::denied, kT0 + 1000);
  CHECK_FALSE(storage.contains("cairn.queue.a"));
  CHECK_FALSE(storage.contains("cairn.queue.b"));
  CHECK_FALSE(storage.contains("cairn.identity"));
}

TEST_CASE("a tab takes the identity another tab stored, and ignores what is none") {
  cr::MemoryStorage storage;
  cr::SeededRandom ra(1), rb(2);
  cr::Recorder a(tab_config("a"), storage, ra);
  cr::Recorder b(tab_config("b"), storage, rb);
  a.identify("user-7", {}, kT0);
  b.poll(kT0);
  b.adopt_identity(*storage.read("cairn.identity"));
  CHECK(b.user_id() == "user-7");
  a.reset(kT0 + 1);  // log out in A
  b.adopt_identity(*storage.read("cairn.identity"));
  CHECK(b.user_id().empty());
  CHECK(b.anonymous_id() == a.anonymous_id());
  b.adopt_identity("{\"v\":1}");
  b.adopt_identity("garbage");
  CHECK(b.anonymous_id() == a.anonymous_id());
  REQUIRE(b.track("After Logout", {}, kT0 + 2).outcome == cr::RecordOutcome::recorded);
  const bj::value last = bj::parse(b.queue().at(b.queue().size() - 1).json);
  CHECK(last.as_object().if_contains("userId") == nullptr);
  CHECK(last.at("anonymousId").as_string() == a.anonymous_id());
}
