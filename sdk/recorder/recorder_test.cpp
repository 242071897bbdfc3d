#include "recorder/recorder.h"

#include "event/guide_events.h"
#include "json/reader.h"
#include "time/iso8601.h"
#include "recorder/message_id.h"
#include "recorder/sampling.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

namespace cr = cairn::recorder;
namespace ce = cairn::event;
namespace bj = boost::json;

namespace {

constexpr std::int64_t kT0 = 1'795'000'000'000;  // 2026-11-18T11:06:40Z, a plausible "now".

// SplitMix64 that logs every word, so a test can replay exactly the words a
// backoff delay was drawn from.
class LoggingRandom final : public cr::RandomSource {
 public:
  explicit LoggingRandom(std::uint64_t seed) : inner_(seed) {}
  std::uint32_t next_u32() override {
    words.push_back(inner_.next_u32());
    return words.back();
  }
  std::vector<std::uint32_t> words;

 private:
  cr::SeededRandom inner_;
};

class ReplayRandom final : public cr::RandomSource {
 public:
  explicit ReplayRandom(std::vector<std::uint32_t> words) : words_(std::move(words)) {}
  std::uint32_t next_u32() override { return words_.at(next_++); }

 private:
  std::vector<std::uint32_t> words_;
  std::size_t next_ = 0;
};

cr::RecorderConfig test_config() {
  cr::RecorderConfig config;
  config.write_key = "wk_test";
  config.library.version = "0.1.0";
  config.batching.max_events = 5;
  config.batching.flush_interval_ms = 1000;
  config.persist_delay_ms = 500;
  return config;
}

bj::object body_of(const cr::SendBatch& batch) { return bj::parse(batch.body).as_object(); }
bj::array events_of(const cr::SendBatch& batch) { return body_of(batch).at("batch").as_array(); }

std::vector<std::string> message_ids(const cr::SendBatch& batch) {
  std::vector<std::string> ids;
  const bj::array events = events_of(batch);
  for (const bj::value& e : events) {
    ids.push_back(std::string(e.at("messageId").as_string()));
  }
  return ids;
}

bj::object props(std::string_view json) { return bj::parse(json).as_object(); }

std::string text(const bj::value& v) { return std::string(v.as_string()); }

cr::PageInfo page_info(std::string url, std::string path = {}, std::string title = {}) {
  cr::PageInfo page;
  page.url = std::move(url);
  page.path = std::move(path);
  page.title = std::move(title);
  return page;
}

cr::ClickObservation click_at(std::int64_t time_ms, std::string key, double x = 0, double y = 0,
                              std::string selector = {}) {
  cr::ClickObservation c;
  c.time_ms = time_ms;
  c.x = x;
  c.y = y;
  c.element_key = std::move(key);
  c.selector = std::move(selector);
  return c;
}

struct Harness {
  explicit Harness(cr::RecorderConfig config = test_config(), std::uint64_t seed = 1)
      : random(seed), recorder(std::move(config), storage, random) {}
  cr::MemoryStorage storage;
  LoggingRandom random;
  cr::Recorder recorder;
};

void track_n(cr::Recorder& r, int n, std::int64_t now, std::string_view name = "Clicked Save") {
  for (int i = 0; i < n; ++i) {
    REQUIRE(r.track(name, props(R"({"i": )" + std::to_string(i) + "}"), now).outcome ==
            cr::RecordOutcome::recorded);
  }
}

}  // namespace

TEST_CASE("track stamps messageId, ids, timestamp and context") {
  Harness h;
  h.recorder.set_page({.url = "https://app.example.com/projects?x=1", .path = "/projects",
                       .title = "Projects", .referrer = "https://example.com/", .search = "?x=1"});
  h.recorder.set_device({.locale = "en-GB", .timezone = "Europe/London", .user_agent = "UA",
                         .screen_width = 1440, .screen_height = 900, .pixel_ratio = 2});
  cr::RecordResult result = h.recorder.track("Project Created", props(R"({"plan": "pro"})"), kT0);
  REQUIRE(result.outcome == cr::RecordOutcome::recorded);
  CHECK(cr::looks_like_uuid(result.message_id));
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  CHECK(batch->event_count == 1);
  bj::object body = body_of(*batch);
  CHECK(body.at("writeKey") == "wk_test");
  CHECK(text(body.at("sentAt")) == cairn::time::format_iso8601(kT0));
  CHECK(cairn::time::format_iso8601(kT0) == "2026-11-18T11:06:40.000Z");
  const bj::object& e = body.at("batch").at(0).as_object();
  CHECK(e.at("type") == "track");
  CHECK(e.at("event") == "Project Created");
  CHECK(text(e.at("messageId")) == result.message_id);
  CHECK(text(e.at("anonymousId")) == h.recorder.anonymous_id());
  CHECK(cr::looks_like_uuid(h.recorder.anonymous_id()));
  CHECK_FALSE(e.contains("userId"));
  CHECK(text(e.at("timestamp")) == cairn::time::format_iso8601(kT0));
  CHECK(e.at("properties").at("plan") == "pro");
  const bj::object& context = e.at("context").as_object();
  CHECK(bj::serialize(context.at("library")) == R"({"name":"cairn.js","version":"0.1.0"})");
  CHECK(context.at("page").at("path") == "/projects");
  CHECK(context.at("page").at("title") == "Projects");
  CHECK(context.at("locale") == "en-GB");
  CHECK(context.at("timezone") == "Europe/London");
  CHECK(bj::serialize(context.at("screen")) == R"({"width":1440,"height":900,"density":2E0})");
}

TEST_CASE("every event gets its own messageId") {
  Harness h;
  std::set<std::string> ids;
  for (int i = 0; i < 200; ++i) ids.insert(h.recorder.track("E", {}, kT0 + i).message_id);
  CHECK(ids.size() == 200);
}

TEST_CASE("identify sets the userId for later events, reset forgets it and renews anonymousId") {
  Harness h;
  const std::string first_anonymous = [&] {
    h.recorder.track("Before", {}, kT0);
    return h.recorder.anonymous_id();
  }();
  REQUIRE(h.recorder.identify("user-42", props(R"({"plan": "team"})"), kT0 + 1).outcome ==
          cr::RecordOutcome::recorded);
  h.recorder.track("After", {}, kT0 + 2);
  h.recorder.reset(kT0 + 3);
  CHECK(h.recorder.user_id().empty());
  CHECK(h.recorder.anonymous_id() != first_anonymous);
  h.recorder.track("Logged Out", {}, kT0 + 4);
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0 + 5);
  REQUIRE(batch);
  const bj::array events = events_of(*batch);
  REQUIRE(events.size() == 4);
  CHECK_FALSE(events[0].as_object().contains("userId"));
  CHECK(events[1].at("type") == "identify");
  CHECK(events[1].at("userId") == "user-42");
  CHECK(events[1].at("traits").at("plan") == "team");
  CHECK(events[2].at("userId") == "user-42");
  CHECK(text(events[2].at("anonymousId")) == first_anonymous);
  CHECK_FALSE(events[3].as_object().contains("userId"));
  CHECK(text(events[3].at("anonymousId")) == h.recorder.anonymous_id());
}

TEST_CASE("identify refuses a user id holding U+0000 and keeps recording under the old one") {
  using namespace std::string_literals;
  Harness h;
  REQUIRE(h.recorder.identify("user-1", {}, kT0).outcome == cr::RecordOutcome::recorded);
  cr::RecordResult refused = h.recorder.identify("a\0b"s, {}, kT0 + 1);
  CHECK(refused.outcome == cr::RecordOutcome::invalid);
  CHECK(refused.problems == "/userId: must not contain U+0000 (NUL)");
  CHECK(h.recorder.user_id() == "user-1");
  CHECK(h.recorder.track("Still Recorded", {}, kT0 + 2).outcome == cr::RecordOutcome::recorded);

  // A stored identity holding one (tampered storage) starts afresh.
  cr::MemoryStorage storage;
  storage.write("cairn.identity", R"({"v":1,"anonymousId":"a\u0000","userId":"u"})");
  cr::SeededRandom random(5);
  cr::Recorder reloaded(test_config(), storage, random);
  CHECK(reloaded.track("Works", {}, kT0).outcome == cr::RecordOutcome::recorded);
  CHECK(cr::looks_like_uuid(reloaded.anonymous_id()));
  CHECK(reloaded.user_id().empty());
}

TEST_CASE("identity survives a reload through Storage") {
  cr::MemoryStorage storage;
  cr::SeededRandom r1(1), r2(2);
  std::string anonymous;
  {
    cr::Recorder first(test_config(), storage, r1);
    first.identify("user-7", {}, kT0);
    anonymous = first.anonymous_id();
  }
  cr::Recorder second(test_config(), storage, r2);
  second.track("Back", {}, kT0 + 10);
  CHECK(second.anonymous_id() == anonymous);
  CHECK(second.user_id() == "user-7");
}

TEST_CASE("page, group and guide events are recorded in the spec's shape") {
  Harness h;
  h.recorder.set_page(page_info("https://app.example.com/a", "/a", "A"));
  CHECK(h.recorder.page("Dashboard", props(R"({"title": "Custom"})"), kT0).outcome ==
        cr::RecordOutcome::recorded);
  CHECK(h.recorder.group("acme", props(R"({"seats": 12})"), kT0).outcome == cr::RecordOutcome::recorded);
  ce::GuideRef guide;
  guide.guide_id = "g1";
  guide.step_index = 2;
  CHECK(h.recorder.record(ce::make_step_seen(guide), kT0).outcome ==
        cr::RecordOutcome::recorded);
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  const bj::array events = events_of(*batch);
  REQUIRE(events.size() == 3);
  CHECK(events[0].at("type") == "page");
  CHECK(events[0].at("name") == "Dashboard");
  CHECK(events[0].at("properties").at("path") == "/a");
  CHECK(events[0].at("properties").at("title") == "Custom");
  CHECK(events[1].at("type") == "group");
  CHECK(events[1].at("groupId") == "acme");
  CHECK(events[2].at("event") == "cairn_step_seen");
  CHECK(events[2].at("properties").at("step_index") == 2);
}

TEST_CASE("a page with a very long URL and title still records, its texts cut on a code point") {
  Harness h;
  // 9,000 bytes of query and a title of 20,000 bytes ending in 2-byte "é"s:
  // over the spec's 8 KiB a string, and twice over in a page view.
  const std::string query = "?q=" + std::string(9'000, 'x');
  std::string title(20'000, 'T');
  for (std::size_t i = 1'000; i < title.size(); i += 2) title.replace(i, 2, "\xC3\xA9");
  h.recorder.set_page(page_info("https://app.example.com/a" + query, "/a", title));
  CHECK(h.recorder.page("", {}, kT0).outcome == cr::RecordOutcome::recorded);
  CHECK(h.recorder.track("Saved", {}, kT0).outcome == cr::RecordOutcome::recorded);
  cr::ClickObservation click;
  click.time_ms = kT0;
  click.element_key = "e1";
  for (int i = 0; i < 3; ++i) h.recorder.click(click, {}, kT0);  // A rage click carries the URL too.
  h.recorder.flush();
  bj::array events;  // Big events: more than one batch.
  for (int round = 0; round < 6; ++round) {
    auto batch = h.recorder.poll(kT0);
    if (!batch) break;
    for (const bj::value& e : events_of(*batch)) events.push_back(e);
    h.recorder.batch_delivered(batch->id, kT0);
  }
  REQUIRE(events.size() == 6);  // page, track, three clicks, the rage click
  for (const bj::value& e : events) {
    const bj::object& page = e.at("context").at("page").as_object();
    CHECK(page.at("url").as_string().size() == cr::kMaxPageUrlBytes);
    CHECK(page.at("title").as_string().size() <= cr::kMaxContextTextBytes);
    CHECK(page.at("title").as_string().size() >= cr::kMaxContextTextBytes - 1);
    CHECK(cairn::json::is_valid_utf8(page.at("title").as_string()));
  }
  CHECK(events[0].at("properties").at("url").as_string().size() == cr::kMaxPageUrlBytes);
  CHECK(events[5].at("event") == "cairn_rage_click");
  CHECK(events[5].at("properties").at("url").as_string().size() == cr::kMaxPageUrlBytes);
  CHECK(h.recorder.stats().invalid == 0);
}

TEST_CASE("events that break the spec are refused with every problem") {
  Harness h;
  cr::RecordResult empty_name = h.recorder.track("", {}, kT0);
  CHECK(empty_name.outcome == cr::RecordOutcome::invalid);
  CHECK(empty_name.problems.find("/event") != std::string::npos);
  cr::RecordResult reserved = h.recorder.track("cairn_step_seen", props(R"({"guide_id": "g"})"), kT0);
  CHECK(reserved.outcome == cr::RecordOutcome::invalid);
  CHECK(reserved.problems.find("/properties/step_index") != std::string::npos);
  cr::RecordResult big = h.recorder.track("Big", props(R"({"text": ")" + std::string(40'000, 'x') + "\"}"), kT0);
  CHECK(big.outcome == cr::RecordOutcome::invalid);
  CHECK(h.recorder.group("", {}, kT0).outcome == cr::RecordOutcome::invalid);
  CHECK(h.recorder.identify(std::string(300, 'u'), {}, kT0).outcome == cr::RecordOutcome::invalid);
  CHECK(h.recorder.user_id().empty());
  CHECK(h.recorder.stats().invalid == 5);
  CHECK(h.recorder.queue().empty());
  CHECK(cr::record_outcome_name(cr::RecordOutcome::invalid) == "invalid");
}

// ---- Batching ----

TEST_CASE("a batch goes when max_events events wait, not before") {
  Harness h;
  track_n(h.recorder, 4, kT0);
  CHECK_FALSE(h.recorder.poll(kT0));
  track_n(h.recorder, 1, kT0);
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  CHECK(batch->event_count == 5);
  CHECK(body_of(*batch).at("batch").as_array().size() == 5);
}

TEST_CASE("a batch goes when the oldest event has waited flush_interval_ms") {
  Harness h;
  track_n(h.recorder, 1, kT0);
  track_n(h.recorder, 1, kT0 + 600);
  CHECK(h.recorder.next_wake_ms() == kT0 + 500);  // Persistence comes first.
  CHECK_FALSE(h.recorder.poll(kT0 + 500));
  CHECK(h.recorder.next_wake_ms() == kT0 + 1000);
  CHECK_FALSE(h.recorder.poll(kT0 + 999));
  auto batch = h.recorder.poll(kT0 + 1000);
  REQUIRE(batch);
  CHECK(batch->event_count == 2);
}

TEST_CASE("a batch stays within max_bytes, the rest follows in the next batch") {
  cr::RecorderConfig config = test_config();
  config.batching.max_events = 100;
  config.batching.max_bytes = 4096;
  Harness h(config);
  const std::string padding(900, 'p');
  for (int i = 0; i < 10; ++i) h.recorder.track("Padded", props(R"({"p": ")" + padding + "\"}"), kT0);
  auto first = h.recorder.poll(kT0);
  REQUIRE(first);
  CHECK(first->body.size() <= 4096);
  CHECK(first->event_count >= 3);
  CHECK(first->event_count < 10);
  CHECK_FALSE(h.recorder.poll(kT0));  // One in flight at a time.
  h.recorder.batch_delivered(first->id, kT0 + 50);
  std::size_t total = first->event_count;
  h.recorder.flush();
  while (auto next = h.recorder.poll(kT0 + 100)) {
    CHECK(next->body.size() <= 4096);
    total += next->event_count;
    h.recorder.batch_delivered(next->id, kT0 + 100);
  }
  CHECK(total == 10);
  CHECK(h.recorder.stats().delivered == 10);
  CHECK(h.recorder.queue().empty());
}

TEST_CASE("flush sends at once, in as many batches as needed") {
  Harness h;
  track_n(h.recorder, 7, kT0);
  auto first = h.recorder.poll(kT0);
  REQUIRE(first);
  CHECK(first->event_count == 5);
  h.recorder.batch_delivered(first->id, kT0);
  CHECK_FALSE(h.recorder.poll(kT0));  // 2 waiting, interval not over.
  h.recorder.flush();
  auto second = h.recorder.poll(kT0);
  REQUIRE(second);
  CHECK(second->event_count == 2);
  h.recorder.batch_delivered(second->id, kT0);
  CHECK_FALSE(h.recorder.next_wake_ms() > kT0 + 10'000);
}

// ---- Delivery, retries, backoff ----

TEST_CASE("backoff schedule after network errors is exact with a seeded random, and never drops") {
  Harness h;
  track_n(h.recorder, 5, kT0);
  h.recorder.persist(kT0);  // Leaves only the delivery timers.
  std::int64_t now = kT0;
  auto batch = h.recorder.poll(now);
  REQUIRE(batch);
  const std::vector<std::string> ids = message_ids(*batch);
  for (int attempt = 1; attempt <= 25; ++attempt) {
    h.recorder.batch_failed(batch->id, now, cr::DeliveryFailure::network_error());
    // The delay was drawn from the last two random words.
    ReplayRandom replay({h.random.words.end() - 2, h.random.words.end()});
    const std::int64_t expected =
        cr::retry_delay_ms(cr::BackoffLimits{}, cr::DeliveryFailure::network_error(), attempt, replay);
    CHECK(expected >= std::min<std::int64_t>(1000LL << (attempt - 1), 300'000) / 2);
    CHECK(h.recorder.next_wake_ms() == now + expected);
    CHECK_FALSE(h.recorder.poll(now + expected - 1));
    now += expected;
    batch = h.recorder.poll(now);
    REQUIRE(batch);
    // Dedup safety: a retried batch carries the same events with the same ids.
    CHECK(message_ids(*batch) == ids);
  }
  CHECK(h.recorder.stats().dropped_undeliverable == 0);
  h.recorder.batch_delivered(batch->id, now);
  CHECK(h.recorder.stats().delivered == 5);
}

TEST_CASE("Retry-After on 503 and 429 is honoured") {
  for (int status : {503, 429}) {
    Harness h;
    track_n(h.recorder, 5, kT0);
    h.recorder.persist(kT0);  // Leaves only the delivery timers.
    auto batch = h.recorder.poll(kT0);
    REQUIRE(batch);
    h.recorder.batch_failed(batch->id, kT0, cr::DeliveryFailure::http_status(status, 30));
    const std::int64_t wake = *h.recorder.next_wake_ms();
    CHECK(wake >= kT0 + 30'000);
    CHECK(wake <= kT0 + 33'000);
    CHECK_FALSE(h.recorder.poll(wake - 1));
    auto retry = h.recorder.poll(wake);
    REQUIRE(retry);
    CHECK(message_ids(*retry) == message_ids(*batch));
  }
}

TEST_CASE("the network coming back ends a network error's backoff, not one the collector asked for") {
  Harness h;
  track_n(h.recorder, 5, kT0);
  h.recorder.persist(kT0);  // Leaves only the delivery timers.
  std::int64_t now = kT0;
  auto batch = h.recorder.poll(now);
  REQUIRE(batch);
  // Offline for a while: the backoff grows towards its 5-minute cap.
  for (int attempt = 1; attempt <= 9; ++attempt) {
    h.recorder.batch_failed(batch->id, now, cr::DeliveryFailure::network_error());
    now = *h.recorder.next_wake_ms();
    batch = h.recorder.poll(now);
    REQUIRE(batch);
  }
  h.recorder.batch_failed(batch->id, now, cr::DeliveryFailure::network_error());
  CHECK(*h.recorder.next_wake_ms() >= now + 150'000);
  // An event recorded offline, then `online` 2 s later: everything goes at once.
  track_n(h.recorder, 1, now + 1000, "Saved Offline");
  h.recorder.network_restored(now + 2000);
  CHECK(h.recorder.next_wake_ms() <= now + 2000);
  auto retry = h.recorder.poll(now + 2000);
  REQUIRE(retry);
  CHECK(retry->event_count == 5);  // max_events; the sixth follows.
  // The failure count stays: `online` was wrong, the next backoff is as long.
  h.recorder.batch_failed(retry->id, now + 2100, cr::DeliveryFailure::network_error());
  CHECK(*h.recorder.next_wake_ms() >= now + 2100 + 150'000);
  h.recorder.network_restored(now + 3000);
  retry = h.recorder.poll(now + 3000);
  REQUIRE(retry);
  h.recorder.batch_delivered(retry->id, now + 3100);
  auto rest = h.recorder.poll(now + 3100);
  REQUIRE(rest);
  CHECK(events_of(*rest).at(0).at("event") == "Saved Offline");

  // The collector's own wait is honoured whatever the network does.
  for (auto failure : {cr::DeliveryFailure::http_status(503, 60), cr::DeliveryFailure::http_status(429, 60),
                       cr::DeliveryFailure::http_status(500)}) {
    Harness server;
    track_n(server.recorder, 5, kT0);
    server.recorder.persist(kT0);  // Leaves only the delivery timers.
    auto sent = server.recorder.poll(kT0);
    REQUIRE(sent);
    server.recorder.batch_failed(sent->id, kT0, failure);
    const std::int64_t wake = *server.recorder.next_wake_ms();
    CHECK(wake > kT0 + 400);
    server.recorder.network_restored(kT0 + 10);
    CHECK(server.recorder.next_wake_ms() == wake);
    CHECK_FALSE(server.recorder.poll(kT0 + 10));
    CHECK(server.recorder.poll(wake));
  }
}

TEST_CASE("4xx other than 408/413/429 drops the batch and reports each event") {
  Harness h;
  track_n(h.recorder, 5, kT0, "Saved");
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  const std::vector<std::string> ids = message_ids(*batch);
  h.recorder.batch_failed(batch->id, kT0, cr::DeliveryFailure::http_status(400),
                          R"({"error": "bad", "rejected": [{"index": 2, "reason": "/batch/2/event: required"}]})");
  CHECK(h.recorder.queue().empty());
  CHECK(h.recorder.stats().dropped_undeliverable == 4);
  CHECK(h.recorder.stats().rejected_by_collector == 1);
  std::vector<cr::Rejection> rejections = h.recorder.take_rejections();
  REQUIRE(rejections.size() == 5);
  CHECK(rejections[0].reason == "http 400");
  CHECK(rejections[0].event_name == "Saved");
  CHECK(rejections[2].message_id == ids[2]);
  CHECK(rejections[2].reason == "/batch/2/event: required");
  CHECK(h.recorder.take_rejections().empty());
  CHECK_FALSE(h.storage.contains("cairn.queue"));
}

TEST_CASE("a partial success delivers the good events and reports the rejected ones") {
  Harness h;
  track_n(h.recorder, 5, kT0);
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  const std::vector<std::string> ids = message_ids(*batch);
  h.recorder.batch_delivered(batch->id, kT0 + 20,
                             R"({"accepted": 3, "rejected": [{"index": 0, "reason": "too old"},
                                 {"messageId": ")" + ids[4] + R"(", "problems": [{"pointer": "/batch/4/timestamp", "reason": "bad"}]}]})");
  CHECK(h.recorder.stats().delivered == 3);
  CHECK(h.recorder.stats().rejected_by_collector == 2);
  CHECK(h.recorder.queue().empty());
  std::vector<cr::Rejection> rejections = h.recorder.take_rejections();
  REQUIRE(rejections.size() == 2);
  CHECK(rejections[0].message_id == ids[0]);
  CHECK(rejections[0].reason == "too old");
  CHECK(rejections[1].message_id == ids[4]);
  CHECK(rejections[1].reason == "/batch/4/timestamp: bad");
}

TEST_CASE("413 re-sends the same events in halves at once, then batches normally again") {
  Harness h;
  track_n(h.recorder, 5, kT0);
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  const std::vector<std::string> ids = message_ids(*batch);
  h.recorder.batch_failed(batch->id, kT0, cr::DeliveryFailure::http_status(413));
  auto half = h.recorder.poll(kT0);
  REQUIRE(half);
  CHECK(message_ids(*half) == std::vector<std::string>(ids.begin(), ids.begin() + 2));
  h.recorder.batch_delivered(half->id, kT0);
  track_n(h.recorder, 5, kT0);
  auto next = h.recorder.poll(kT0);
  REQUIRE(next);
  CHECK(next->event_count == 5);
  // A single event refused as too large cannot be split: dropped.
  h.recorder.batch_failed(next->id, kT0, cr::DeliveryFailure::http_status(413));
  auto one = h.recorder.poll(kT0);
  REQUIRE(one);
  h.recorder.batch_failed(one->id, kT0, cr::DeliveryFailure::http_status(413));
  auto single = h.recorder.poll(kT0);
  REQUIRE(single);
  REQUIRE(single->event_count == 1);
  h.recorder.batch_failed(single->id, kT0, cr::DeliveryFailure::http_status(413));
  CHECK(h.recorder.stats().dropped_undeliverable == 1);
}

TEST_CASE("server errors are retried max_http_attempts times, then the batch is dropped") {
  cr::RecorderConfig config = test_config();
  config.backoff.max_http_attempts = 4;
  Harness h(config);
  track_n(h.recorder, 5, kT0);
  h.recorder.persist(kT0);  // Leaves only the delivery timers.
  std::int64_t now = kT0;
  for (int attempt = 1; attempt <= 4; ++attempt) {
    auto batch = h.recorder.poll(now);
    REQUIRE(batch);
    h.recorder.batch_failed(batch->id, now, cr::DeliveryFailure::http_status(500));
    now = h.recorder.next_wake_ms().value_or(now);
  }
  CHECK(h.recorder.stats().dropped_undeliverable == 5);
  CHECK(h.recorder.queue().empty());
  auto rejections = h.recorder.take_rejections();
  REQUIRE(rejections.size() == 5);
  CHECK(rejections[0].reason == "gave up after 4 attempts (last: http 500)");
  // Backoff is over: new events go out on the normal schedule.
  track_n(h.recorder, 5, now);
  CHECK(h.recorder.poll(now));
}

TEST_CASE("a batch without an answer times out as a network error") {
  Harness h;
  track_n(h.recorder, 5, kT0);
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  CHECK(h.recorder.next_wake_ms() == kT0 + 500);
  h.recorder.poll(kT0 + 500);
  CHECK(h.recorder.next_wake_ms() == kT0 + 30'000);
  CHECK_FALSE(h.recorder.poll(kT0 + 30'000));
  CHECK(h.recorder.stats().batches_failed == 1);
  CHECK_FALSE(h.recorder.in_flight_batch());
  // The late answer to the timed-out request is ignored.
  h.recorder.batch_delivered(batch->id, kT0 + 30'001);
  CHECK(h.recorder.stats().delivered == 0);
  auto retry = h.recorder.poll(*h.recorder.next_wake_ms());
  REQUIRE(retry);
  CHECK(message_ids(*retry) == message_ids(*batch));
}

TEST_CASE("a request the recorder stops waiting for is named once, for the adapter to abort") {
  // The send timeout: the collector took the request and never answered.
  Harness h;
  track_n(h.recorder, 5, kT0);
  auto hung = h.recorder.poll(kT0);
  REQUIRE(hung);
  CHECK(h.recorder.take_abandoned() == 0);
  h.recorder.poll(kT0 + 30'000);
  CHECK(h.recorder.take_abandoned() == hung->id);
  CHECK(h.recorder.take_abandoned() == 0);
  // Its answer, should one still come, is ignored: the retry is the one counted.
  auto retry = h.recorder.poll(*h.recorder.next_wake_ms());
  REQUIRE(retry);
  h.recorder.batch_failed(hung->id, *h.recorder.next_wake_ms(), cr::DeliveryFailure::network_error());
  CHECK(h.recorder.stats().batches_failed == 1);

  // Page hide puts the events of the request in flight into beacons.
  const std::int64_t later = kT0 + 60'000;
  h.recorder.batch_delivered(retry->id, later);
  track_n(h.recorder, 5, later);
  auto in_flight = h.recorder.poll(later);
  REQUIRE(in_flight);
  CHECK(h.recorder.beacon_batches(later + 10).size() == 1);
  CHECK(h.recorder.take_abandoned() == in_flight->id);

  // A consent denial drops the request's events with the rest.
  track_n(h.recorder, 5, later + 20);
  auto denied = h.recorder.poll(later + 20);
  REQUIRE(denied);
  h.recorder.set_consent(cr::Consent::denied, later + 30);
  CHECK(h.recorder.take_abandoned() == denied->id);
}

TEST_CASE("beacons the browser refused start no backoff: nothing was sent") {
  cr::RecorderConfig config = test_config();
  config.batching.max_events = 100;
  config.batching.beacon_max_bytes = 4 * 1024;
  Harness h(config);
  for (int i = 0; i < 12; ++i) h.recorder.track("Padded", props(R"({"p": ")" + std::string(700, 'x') + "\"}"), kT0);
  h.recorder.persist(kT0);
  // Offline (the adapter refuses every beacon then), or the keepalive
  // allowance used up: several refusals.
  std::vector<cr::SendBatch> beacons = h.recorder.beacon_batches(kT0 + 10);
  REQUIRE(beacons.size() >= 3);
  for (const cr::SendBatch& b : beacons) {
    h.recorder.batch_failed(b.id, kT0 + 10, cr::DeliveryFailure::network_error());
  }
  CHECK(h.recorder.queue().waiting() == 12);
  // No backoff: the next page hide beacons them again, a flush sends at once.
  CHECK(h.recorder.beacon_batches(kT0 + 20).size() == beacons.size());
  h.recorder.poll(kT0 + 20);  // the adapter lost those answers: they wait again
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0 + 30);
  REQUIRE(batch);
  // The first real failure backs off as a first one: at most base_delay_ms.
  h.recorder.batch_failed(batch->id, kT0 + 40, cr::DeliveryFailure::network_error());
  CHECK(*h.recorder.next_wake_ms() <= kT0 + 40 + 1000);
}

TEST_CASE("a clock set back a day holds neither sends nor Storage writes for a day") {
  constexpr std::int64_t kDay = 86'400'000;
  // Events recorded with the clock a day ahead (a tester's trial date), then
  // the clock set right: the flush interval and the delayed write follow.
  Harness h;
  track_n(h.recorder, 2, kT0 + kDay);
  CHECK_FALSE(h.recorder.poll(kT0 + kDay));
  CHECK_FALSE(h.storage.contains("cairn.queue"));
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  CHECK(batch->event_count == 2);
  CHECK(*h.recorder.next_wake_ms() <= kT0 + 500);
  h.recorder.poll(kT0 + 500);
  CHECK(h.storage.contains("cairn.queue"));

  // A send started a day "later" times out 30 s from now, not a day on.
  Harness in_flight;
  track_n(in_flight.recorder, 5, kT0 + kDay);
  REQUIRE(in_flight.recorder.poll(kT0 + kDay));
  in_flight.recorder.poll(kT0);
  CHECK(*in_flight.recorder.next_wake_ms() <= kT0 + 30'000);
  in_flight.recorder.poll(kT0 + 30'000);
  CHECK(in_flight.recorder.stats().batches_failed == 1);

  // A backoff started a day ahead ends within the longest backoff from now.
  Harness backoff;
  track_n(backoff.recorder, 5, kT0 + kDay);
  auto sent = backoff.recorder.poll(kT0 + kDay);
  REQUIRE(sent);
  backoff.recorder.batch_failed(sent->id, kT0 + kDay, cr::DeliveryFailure::http_status(503, 60));
  CHECK_FALSE(backoff.recorder.poll(kT0));
  CHECK(*backoff.recorder.next_wake_ms() <= kT0 + 660'000);
  CHECK(backoff.recorder.poll(kT0 + 660'000));
}

TEST_CASE("a clock set back an hour neither delays nor decides dead clicks by the old time") {
  constexpr std::int64_t kHour = 3'600'000;
  cr::RecorderConfig config = test_config();
  config.autocapture_clicks = false;
  // A click pending when the clock is set back an hour gets its verdict a
  // window from now, not an hour on.
  Harness h(config);
  h.recorder.click(click_at(kT0 + kHour, "div.card"), {}, kT0 + kHour);
  h.recorder.poll(kT0);
  REQUIRE(h.recorder.next_wake_ms());
  CHECK(*h.recorder.next_wake_ms() <= kT0 + 1001);
  h.recorder.poll(kT0 + 1001);
  CHECK(h.recorder.stats().dead_clicks == 1);

  // The page answering it after the step saves it (no false alarm an hour on).
  Harness answered(config);
  answered.recorder.click(click_at(kT0 + kHour, "div.card"), {}, kT0 + kHour);
  answered.recorder.poll(kT0);
  answered.recorder.change_observed(kT0 + 500);
  answered.recorder.poll(kT0 + kHour + 2000);
  CHECK(answered.recorder.stats().dead_clicks == 0);

  // A change stamped before the step saves no click made after it, also when
  // the click comes before any poll noticed the step.
  Harness later(config);
  later.recorder.change_observed(kT0 + kHour);
  later.recorder.click(click_at(kT0 + 100, "a.help"), {}, kT0 + 100);
  later.recorder.poll(kT0 + 1101);
  CHECK(later.recorder.stats().dead_clicks == 1);
}

// ---- Offline queue ----

TEST_CASE("queued events survive a reload and are re-sent with the same messageIds") {
  cr::MemoryStorage storage;
  cr::SeededRandom r1(1), r2(2);
  std::vector<std::string> ids;
  std::string anonymous;
  {
    cr::Recorder page1(test_config(), storage, r1);
    track_n(page1, 5, kT0);
    auto batch = page1.poll(kT0);  // In flight when the page goes away.
    REQUIRE(batch);
    ids = message_ids(*batch);
    anonymous = page1.anonymous_id();
    CHECK(storage.contains("cairn.queue") == false);  // Not yet: writes are debounced.
    page1.poll(kT0 + 500);
    CHECK(storage.contains("cairn.queue"));
  }
  cr::Recorder page2(test_config(), storage, r2);
  // The next page records nothing itself; its first poll loads and sends.
  auto batch = page2.poll(kT0 + 60'000);
  REQUIRE(batch);
  CHECK(page2.stats().restored == 5);
  CHECK(message_ids(*batch) == ids);
  CHECK(page2.anonymous_id() == anonymous);
  page2.batch_delivered(batch->id, kT0 + 60'100);
  CHECK(storage.contains("cairn.queue") == false);
}

TEST_CASE("the queue is bounded: oldest dropped first, the count survives a reload") {
  cr::RecorderConfig config = test_config();
  config.queue.max_events = 5;
  config.batching.max_events = 100;
  cr::MemoryStorage storage;
  cr::SeededRandom r1(1), r2(2);
  std::vector<std::string> kept;
  {
    cr::Recorder offline(config, storage, r1);
    for (int i = 0; i < 8; ++i) {
      cr::RecordResult result = offline.track(std::to_string(i).insert(0, 1, 'E'), {}, kT0 + i);
      if (i >= 3) kept.push_back(result.message_id);
    }
    CHECK(offline.stats().dropped_queue_full == 3);
    CHECK(offline.queue().size() == 5);
    offline.persist(kT0 + 10);
  }
  cr::Recorder reloaded(config, storage, r2);
  reloaded.set_consent(cr::Consent::granted, kT0 + 20);
  CHECK(reloaded.stats().dropped_queue_full == 3);
  auto batch = reloaded.poll(kT0 + 20);
  REQUIRE(batch);
  CHECK(message_ids(*batch) == kept);
}

TEST_CASE("the byte bound of the queue holds too") {
  cr::RecorderConfig config = test_config();
  config.queue.max_bytes = 8 * 1024;
  Harness h(config);
  for (int i = 0; i < 40; ++i) h.recorder.track("Padded", props(R"({"p": ")" + std::string(500, 'x') + "\"}"), kT0);
  CHECK(h.recorder.queue().bytes() <= 8 * 1024);
  CHECK(h.recorder.stats().dropped_queue_full > 0);
  CHECK(h.recorder.queue().size() + h.recorder.stats().dropped_queue_full == 40);
}

TEST_CASE("corrupted stored data starts fresh without crashing") {
  const char* garbage[] = {"", "{", "null", "[1,2]", R"({"v":1,"events":"x"})", "\xff\xfe",
                           R"({"v":99,"events":[]})"};
  for (const char* text : garbage) {
    INFO(text);
    cr::MemoryStorage storage;
    storage.write("cairn.queue", text);
    storage.write("cairn.identity", text);
    cr::SeededRandom random(3);
    cr::Recorder r(test_config(), storage, random);
    CHECK(r.track("Works", {}, kT0).outcome == cr::RecordOutcome::recorded);
    CHECK(r.stats().storage_corrupt == 2);
    CHECK(cr::looks_like_uuid(r.anonymous_id()));
    CHECK(r.queue().size() == 1);
    r.persist(kT0);
    cr::SeededRandom again(4);
    cr::Recorder reloaded(test_config(), storage, again);
    reloaded.track("Again", {}, kT0);
    CHECK(reloaded.stats().storage_corrupt == 0);
    CHECK(reloaded.queue().size() == 2);
    CHECK(reloaded.anonymous_id() == r.anonymous_id());
  }
}

TEST_CASE("a full storage quota is counted, recording goes on in memory") {
  cr::MemoryStorage storage(600);
  cr::SeededRandom random(1);
  cr::Recorder r(test_config(), storage, random);
  for (int i = 0; i < 4; ++i) r.track("E", props(R"({"p": ")" + std::string(200, 'x') + "\"}"), kT0);
  r.persist(kT0);
  CHECK(r.stats().storage_write_failures >= 1);
  CHECK(r.queue().size() == 4);
}

// ---- Consent, Do-Not-Track, sampling ----

TEST_CASE("with consent required nothing is recorded or stored until granted") {
  cr::RecorderConfig config = test_config();
  config.consent_required = true;
  Harness h(config);
  CHECK_FALSE(h.recorder.recording_allowed());
  CHECK(h.recorder.track("Early", {}, kT0).outcome == cr::RecordOutcome::no_consent);
  CHECK(h.recorder.identify("u1", {}, kT0).outcome == cr::RecordOutcome::no_consent);
  h.recorder.click(click_at(kT0, "b"), {}, kT0);
  CHECK_FALSE(h.recorder.poll(kT0 + 10'000));
  CHECK_FALSE(h.recorder.next_wake_ms());
  CHECK(h.recorder.beacon_batches(kT0).empty());
  CHECK(h.storage.writes() == 0);
  CHECK(h.recorder.anonymous_id().empty());
  CHECK(h.recorder.user_id().empty());
  CHECK(h.recorder.stats().blocked_no_consent == 2);

  h.recorder.set_consent(cr::Consent::granted, kT0 + 1);
  CHECK(h.recorder.track("Later", {}, kT0 + 2).outcome == cr::RecordOutcome::recorded);
  CHECK(h.storage.contains("cairn.identity"));
}

TEST_CASE("unknown consent leaves a stored queue alone, denial deletes it and the ids") {
  cr::RecorderConfig config = test_config();
  config.consent_required = true;
  cr::MemoryStorage storage;
  cr::SeededRandom r1(1), r2(2);
  {
    cr::Recorder earlier(config, storage, r1);
    earlier.set_consent(cr::Consent::granted, kT0);
    track_n(earlier, 3, kT0);
    earlier.persist(kT0);
  }
  REQUIRE(storage.contains("cairn.queue"));
  cr::Recorder now(config, storage, r2);
  now.set_consent(cr::Consent::unknown, kT0 + 1);
  CHECK(storage.contains("cairn.queue"));
  now.set_consent(cr::Consent::granted, kT0 + 2);
  CHECK(now.queue().size() == 3);
  auto batch = now.poll(kT0 + 2);
  REQUIRE(batch);
  now.set_consent(cr::Consent::denied, kT0 + 3);
  CHECK(now.queue().empty());
  CHECK(now.stats().dropped_consent == 3);
  CHECK_FALSE(storage.contains("cairn.queue"));
  CHECK_FALSE(storage.contains("cairn.identity"));
  CHECK(now.anonymous_id().empty());
  CHECK(now.track("After Revoke", {}, kT0 + 4).outcome == cr::RecordOutcome::no_consent);
  // The answer to the batch sent before the revocation changes nothing.
  now.batch_delivered(batch->id, kT0 + 5);
  CHECK(now.stats().delivered == 0);
  CHECK_FALSE(storage.contains("cairn.queue"));
}

TEST_CASE("consent not required: recording until denied") {
  Harness h;
  CHECK(h.recorder.recording_allowed());
  track_n(h.recorder, 2, kT0);
  h.recorder.set_consent(cr::Consent::denied, kT0);
  CHECK(h.recorder.track("No", {}, kT0).outcome == cr::RecordOutcome::no_consent);
  CHECK(h.recorder.queue().empty());
}

TEST_CASE("Do-Not-Track is honoured, and can be switched off by configuration") {
  cr::RecorderConfig config = test_config();
  config.do_not_track = true;
  Harness dnt(config);
  CHECK(dnt.recorder.track("E", {}, kT0).outcome == cr::RecordOutcome::do_not_track);
  CHECK(dnt.recorder.stats().blocked_do_not_track == 1);
  CHECK(dnt.storage.writes() == 0);
  dnt.recorder.set_do_not_track(false, kT0);
  CHECK(dnt.recorder.track("E", {}, kT0).outcome == cr::RecordOutcome::recorded);
  dnt.recorder.set_do_not_track(true, kT0);
  CHECK(dnt.recorder.queue().empty());
  CHECK_FALSE(dnt.storage.contains("cairn.identity"));

  config.honor_do_not_track = false;
  Harness ignored(config);
  CHECK(ignored.recorder.track("E", {}, kT0).outcome == cr::RecordOutcome::recorded);
}

TEST_CASE("sampling is per user and deterministic") {
  cr::RecorderConfig none = test_config();
  none.sample_rate = 0;
  Harness nobody(none);
  CHECK(nobody.recorder.track("E", {}, kT0).outcome == cr::RecordOutcome::not_sampled);
  CHECK(nobody.recorder.stats().not_sampled == 1);

  cr::RecorderConfig half = test_config();
  half.sample_rate = 0.5;
  int recorded = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    Harness h(half, seed);
    const cr::RecordOutcome first = h.recorder.track("A", {}, kT0).outcome;
    // Every event of one user gets the same decision.
    for (int i = 0; i < 5; ++i) CHECK(h.recorder.track("B", {}, kT0 + i).outcome == first);
    CHECK(first == (cr::in_sample(h.recorder.anonymous_id(), "cairn", 0.5)
                        ? cr::RecordOutcome::recorded
                        : cr::RecordOutcome::not_sampled));
    recorded += first == cr::RecordOutcome::recorded;
  }
  CHECK(recorded > 160);
  CHECK(recorded < 240);

  // A known user is sampled by userId, the same on every device.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Harness h(half, seed);
    h.recorder.identify("user-123", {}, kT0);
    CHECK((h.recorder.track("C", {}, kT0).outcome == cr::RecordOutcome::recorded) ==
          cr::in_sample("user-123", "cairn", 0.5));
  }
}

// ---- Masking ----

TEST_CASE("PII is masked in properties, traits and the page context before queueing") {
  cr::RecorderConfig config = test_config();
  config.masking.drop_keys = {"notes"};
  Harness h(config);
  h.recorder.set_page(page_info("https://app.example.com/invite?email=jo@example.com", "/invite",
                                "Invite jo@example.com"));
  h.recorder.track("Paid", props(R"({"password": "hunter2", "notes": "x",
                                     "message": "card 4111 1111 1111 1111 from a@b.co"})"), kT0);
  h.recorder.identify("u1", props(R"({"email": "jo@example.com", "name": "Jo"})"), kT0);
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  CHECK(batch->body.find("hunter2") == std::string::npos);
  CHECK(batch->body.find("4111") == std::string::npos);
  CHECK(batch->body.find("jo@example.com") == std::string::npos);
  const bj::array events = events_of(*batch);
  const bj::object& p = events[0].at("properties").as_object();
  CHECK(p.at("password") == "[masked]");
  CHECK_FALSE(p.contains("notes"));
  CHECK(p.at("message") == "card [card] from [email]");
  CHECK(events[0].at("context").at("page").at("url") == "https://app.example.com/invite?email=[email]");
  CHECK(events[1].at("traits").at("email") == "[email]");
  CHECK(events[1].at("traits").at("name") == "Jo");
  CHECK(h.recorder.stats().masked_values == 4);  // The URL is masked once, in the context.
}

TEST_CASE("unmasked traits reach the batch as given, only in identify and group traits") {
  cr::RecorderConfig config = test_config();
  config.masking.unmasked_traits = {"email"};
  Harness h(config);
  h.recorder.set_page(page_info("https://app.example.com/?invite=jo@example.com"));
  h.recorder.identify("u1", props(R"({"email": "ana@acme.io", "note": "cc bo@acme.io"})"), kT0);
  h.recorder.group("g1", props(R"({"email": "billing@acme.io"})"), kT0);
  h.recorder.track("Invited", props(R"({"email": "jo@example.com"})"), kT0);
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  const bj::array events = events_of(*batch);
  CHECK(events[0].at("traits").at("email") == "ana@acme.io");
  CHECK(events[0].at("traits").at("note") == "cc [email]");
  CHECK(events[1].at("traits").at("email") == "billing@acme.io");
  CHECK(events[2].at("properties").at("email") == "[email]");
  CHECK(batch->body.find("jo@example.com") == std::string::npos);
}

// ---- Clicks ----

TEST_CASE("clicks are autocaptured, three fast ones on one element are a rage click") {
  Harness h;
  h.recorder.set_page(page_info("https://app.example.com/billing"));
  for (int i = 0; i < 4; ++i) {
    h.recorder.click(click_at(kT0 + i * 200, "btn-pay", 50, 60, "button 'Pay'"),
                     props(R"({"tag": "button", "text": "Pay"})"), kT0 + i * 200);
    h.recorder.change_observed(kT0 + i * 200 + 10);
  }
  CHECK(h.recorder.stats().rage_clicks == 1);
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0 + 1000);
  REQUIRE(batch);
  const bj::array events = events_of(*batch);
  REQUIRE(events.size() == 5);
  CHECK(events[0].at("event") == "cairn_click");
  CHECK(events[0].at("properties").at("tag") == "button");
  CHECK(events[0].at("properties").at("element_key") == "btn-pay");
  const bj::object& rage = events[3].as_object();
  CHECK(rage.at("event") == "cairn_rage_click");
  CHECK(rage.at("properties").at("click_count") == 3);
  CHECK(rage.at("properties").at("selector") == "button 'Pay'");
  CHECK(rage.at("properties").at("element_key") == "btn-pay");
  CHECK(rage.at("properties").at("url") == "https://app.example.com/billing");
  CHECK(text(rage.at("timestamp")) == cairn::time::format_iso8601(kT0 + 400));
  CHECK(events[4].at("event") == "cairn_click");
  CHECK(h.recorder.stats().dead_clicks == 0);
}

TEST_CASE("a click without any change within the window becomes a dead click at poll") {
  cr::RecorderConfig config = test_config();
  config.autocapture_clicks = false;
  Harness h(config);
  h.recorder.click(click_at(kT0, "div.card", 5, 6), {}, kT0);
  h.recorder.click(click_at(kT0 + 300, "div.card", 5, 6), {}, kT0 + 300);
  h.recorder.click(click_at(kT0 + 400, "a.help"), {}, kT0 + 400);
  h.recorder.change_observed(kT0 + 600);  // Saves both pending clicks.
  h.recorder.click(click_at(kT0 + 2000, "div.card"), {}, kT0 + 2000);
  h.recorder.click(click_at(kT0 + 2100, "div.card"), {}, kT0 + 2100);
  CHECK(h.recorder.queue().empty());
  CHECK(h.recorder.next_wake_ms() == kT0 + 3001);
  h.recorder.poll(kT0 + 3000);
  CHECK(h.recorder.stats().dead_clicks == 0);
  // The dead click is timestamped at its click, so it has waited long enough to go at once.
  auto batch = h.recorder.poll(kT0 + 3001);
  CHECK(h.recorder.stats().dead_clicks == 1);
  REQUIRE(batch);
  const bj::object dead = events_of(*batch).at(0).as_object();
  CHECK(dead.at("event") == "cairn_dead_click");
  CHECK(dead.at("properties").at("element_key") == "div.card");
  CHECK(dead.at("properties").at("click_count") == 2);
  CHECK(text(dead.at("timestamp")) == cairn::time::format_iso8601(kT0 + 2000));
}

TEST_CASE("a click reported after the change it caused is alive, stamped with its own time") {
  // The adapter records a click in the task after the click's own, so the
  // page's handler has already changed the page (a DOM watcher frame) by then.
  Harness h;
  h.recorder.change_observed(kT0 + 4);
  h.recorder.click(click_at(kT0, "button.save", 1, 2, "button 'Save'"), props(R"({"tag": "button"})"), kT0 + 9);
  CHECK(h.recorder.next_wake_ms() == kT0 + 9 + 500);  // Persistence only: no dead-click window.
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0 + 5000);
  REQUIRE(batch);
  const bj::array events = events_of(*batch);
  REQUIRE(events.size() == 1);
  CHECK(events[0].at("event") == "cairn_click");
  CHECK(text(events[0].at("timestamp")) == cairn::time::format_iso8601(kT0));
  CHECK(h.recorder.stats().dead_clicks == 0);
}

TEST_CASE("a late click after an unrelated earlier change is still dead when nothing follows") {
  cr::RecorderConfig config = test_config();
  config.autocapture_clicks = false;
  Harness h(config);
  h.recorder.change_observed(kT0 - 1);  // Before the click: not its effect.
  h.recorder.click(click_at(kT0, "div.card"), {}, kT0 + 9);
  CHECK(h.recorder.next_wake_ms() == kT0 + 1001);  // The window runs from the click, not its report.
  auto batch = h.recorder.poll(kT0 + 1001);
  REQUIRE(batch);
  const bj::object dead = events_of(*batch).at(0).as_object();
  CHECK(dead.at("event") == "cairn_dead_click");
  CHECK(text(dead.at("timestamp")) == cairn::time::format_iso8601(kT0));
}

TEST_CASE("a host track/page/identify/group call in a click's window saves it; guide events do not") {
  // A button whose handler only calls Cairn.track('Invoice Started') changes
  // nothing on screen, yet the page answered the click.
  cr::RecorderConfig config = test_config();
  config.autocapture_clicks = false;
  Harness h(config);
  h.recorder.click(click_at(kT0, "button.start"), {}, kT0 + 2);
  h.recorder.track("Invoice Started", {}, kT0 + 3);
  h.recorder.click(click_at(kT0 + 2000, "button.page"), {}, kT0 + 2000);
  h.recorder.page("Invoices", {}, kT0 + 2001);
  h.recorder.click(click_at(kT0 + 4000, "button.login"), {}, kT0 + 4000);
  h.recorder.identify("user-1", {}, kT0 + 4500);
  h.recorder.click(click_at(kT0 + 6000, "button.team"), {}, kT0 + 6000);
  h.recorder.group("team-1", {}, kT0 + 7000);  // At the window's last millisecond.
  // Refused, but the handler ran: still an answer.
  h.recorder.click(click_at(kT0 + 8000, "button.bad"), {}, kT0 + 8000);
  CHECK(h.recorder.track("", {}, kT0 + 8001).outcome == cr::RecordOutcome::invalid);
  h.recorder.poll(kT0 + 20000);
  CHECK(h.recorder.stats().dead_clicks == 0);

  // Events the SDK records itself are no answer of the page, nor is a call
  // before the click or after its window.
  h.recorder.track("Earlier", {}, kT0 + 29999);
  h.recorder.click(click_at(kT0 + 30000, "button.guide"), {}, kT0 + 30000);
  ce::GuideRef guide;
  guide.guide_id = "g1";
  h.recorder.record(ce::make_guide_seen(guide), kT0 + 30001);
  h.recorder.track("Later", {}, kT0 + 31001);
  h.recorder.poll(kT0 + 40000);
  CHECK(h.recorder.stats().dead_clicks == 1);
}

TEST_CASE("late clicks of a rage burst keep their own times for the burst and the events") {
  // Each click reported 30 ms late, after a change that came before the burst
  // (focus on the first mousedown, say): the burst is judged by the clicks'
  // times, and nothing changed after them.
  Harness h;
  h.recorder.change_observed(kT0 - 20);
  for (int i = 0; i < 3; ++i) {
    h.recorder.click(click_at(kT0 + i * 300, "btn-pay", 50, 60, "button 'Pay'"), {}, kT0 + i * 300 + 30);
  }
  CHECK(h.recorder.stats().rage_clicks == 1);
  CHECK_FALSE(h.recorder.poll(kT0 + 1000));
  auto batch = h.recorder.poll(kT0 + 1001);  // The fifth event (max_events) makes the batch.
  CHECK(h.recorder.stats().dead_clicks == 1);
  REQUIRE(batch);
  const bj::array events = events_of(*batch);
  REQUIRE(events.size() == 5);
  CHECK(text(events[1].at("timestamp")) == cairn::time::format_iso8601(kT0 + 300));
  const bj::object& rage = events[3].as_object();
  CHECK(rage.at("event") == "cairn_rage_click");
  CHECK(text(rage.at("timestamp")) == cairn::time::format_iso8601(kT0 + 600));
  CHECK(rage.at("properties").at("first_click_ms") == kT0);
  const bj::object& dead = events[4].as_object();
  CHECK(dead.at("event") == "cairn_dead_click");
  CHECK(dead.at("properties").at("click_count") == 3);
  CHECK(text(dead.at("timestamp")) == cairn::time::format_iso8601(kT0));
}

// ---- Page hide ----

TEST_CASE("beacon_batches packs every queued event, in flight included, into bounded bodies") {
  cr::RecorderConfig config = test_config();
  config.batching.max_events = 10;
  config.batching.beacon_max_bytes = 16 * 1024;
  Harness h(config);
  std::set<std::string> recorded;
  for (int i = 0; i < 60; ++i) {
    recorded.insert(h.recorder.track("Padded", props(R"({"p": ")" + std::string(700, 'x') + "\"}"), kT0).message_id);
  }
  auto in_flight = h.recorder.poll(kT0);
  REQUIRE(in_flight);
  std::vector<cr::SendBatch> beacons = h.recorder.beacon_batches(kT0 + 100);
  REQUIRE(beacons.size() > 1);
  std::multiset<std::string> beaconed;
  for (const cr::SendBatch& b : beacons) {
    CHECK(b.body.size() <= 16 * 1024);
    for (const std::string& id : message_ids(b)) beaconed.insert(id);
  }
  CHECK(beaconed.size() == 60);
  CHECK(std::set<std::string>(beaconed.begin(), beaconed.end()) == recorded);
  CHECK(h.storage.contains("cairn.queue"));  // Persisted before the page goes.

  // sendBeacon accepted all but the last.
  for (std::size_t i = 0; i + 1 < beacons.size(); ++i) h.recorder.batch_delivered(beacons[i].id, kT0 + 100);
  h.recorder.batch_failed(beacons.back().id, kT0 + 100, cr::DeliveryFailure::network_error());
  CHECK(h.recorder.queue().size() == beacons.back().event_count);
  // The stale in-flight request's answer changes nothing.
  h.recorder.batch_delivered(in_flight->id, kT0 + 200);
  CHECK(h.recorder.queue().size() == beacons.back().event_count);
}

TEST_CASE("no beacons while backing off: the events wait in Storage for the next page") {
  Harness h;
  track_n(h.recorder, 5, kT0);
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  h.recorder.batch_failed(batch->id, kT0, cr::DeliveryFailure::http_status(503, 60));
  CHECK(h.recorder.beacon_batches(kT0 + 10).empty());
  CHECK(h.storage.contains("cairn.queue"));
  CHECK(h.recorder.queue().size() == 5);
}

TEST_CASE("stale, unknown and repeated batch answers are ignored") {
  Harness h;
  track_n(h.recorder, 5, kT0);
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  h.recorder.batch_delivered(0, kT0);
  h.recorder.batch_delivered(9999, kT0);
  h.recorder.batch_failed(9999, kT0, cr::DeliveryFailure::http_status(400));
  CHECK(h.recorder.queue().size() == 5);
  h.recorder.batch_delivered(batch->id, kT0);
  h.recorder.batch_delivered(batch->id, kT0);
  h.recorder.batch_failed(batch->id, kT0, cr::DeliveryFailure::http_status(400));
  CHECK(h.recorder.stats().delivered == 5);
  CHECK(h.recorder.stats().dropped_undeliverable == 0);
}

TEST_CASE("the collector's error answers give the reasons of dropped events") {
  Harness h;
  track_n(h.recorder, 5, kT0);
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  h.recorder.batch_failed(batch->id, kT0, cr::DeliveryFailure::http_status(401),
                          R"({"error": {"code": "invalid_write_key", "message": "the write key is unknown or revoked"}})");
  auto rejections = h.recorder.take_rejections();
  REQUIRE(rejections.size() == 5);
  CHECK(rejections[0].reason == "http 401 invalid_write_key: the write key is unknown or revoked");

  track_n(h.recorder, 5, kT0);
  batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  h.recorder.batch_failed(batch->id, kT0, cr::DeliveryFailure::http_status(400),
                          R"({"error": {"code": "invalid_events", "message": "no event was stored",
                              "problems": [{"pointer": "/batch/3/properties", "reason": "too many members"}]}})");
  rejections = h.recorder.take_rejections();
  REQUIRE(rejections.size() == 5);
  CHECK(rejections[3].reason == "/batch/3/properties: too many members");
  CHECK(rejections[0].reason == "http 400 invalid_events: no event was stored");
  CHECK(h.recorder.stats().rejected_by_collector == 1);
  CHECK(h.recorder.stats().dropped_undeliverable == 9);
}

TEST_CASE("record_json takes a session's event without ids and checks the rest") {
  Harness h;
  h.recorder.identify("u9", {}, kT0);
  cr::RecordResult ok = h.recorder.record_json(
      bj::parse(R"({"type": "track", "event": "cairn_guide_seen", "properties": {"guide_id": "g1"}})"), kT0);
  REQUIRE(ok.outcome == cr::RecordOutcome::recorded);
  cr::RecordResult given = h.recorder.record_json(
      bj::parse(R"({"type": "track", "event": "Own Ids", "anonymousId": "a-1", "messageId": "m-1"})"), kT0);
  REQUIRE(given.outcome == cr::RecordOutcome::recorded);
  CHECK(given.message_id == "m-1");
  cr::RecordResult bad = h.recorder.record_json(
      bj::parse(R"({"type": "track", "event": "cairn_step_seen", "properties": {"guide_id": "g1"}})"), kT0);
  CHECK(bad.outcome == cr::RecordOutcome::invalid);
  CHECK(bad.problems.find("/event/properties/step_index") != std::string::npos);
  CHECK(h.recorder.record_json(bj::parse("[1]"), kT0).outcome == cr::RecordOutcome::invalid);
  CHECK(h.recorder.record_json(bj::parse(R"({"type": "nope"})"), kT0).outcome == cr::RecordOutcome::invalid);
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  const bj::array events = events_of(*batch);
  REQUIRE(events.size() == 3);
  CHECK(text(events[1].at("anonymousId")) == h.recorder.anonymous_id());
  CHECK(events[1].at("userId") == "u9");
  CHECK(events[1].at("event") == "cairn_guide_seen");
  CHECK(events[2].at("anonymousId") == "a-1");
  CHECK(events[2].at("userId") == "u9");
}

TEST_CASE("beacon events nobody answered wait again at the next poll") {
  Harness h;
  track_n(h.recorder, 3, kT0);
  std::vector<cr::SendBatch> beacons = h.recorder.beacon_batches(kT0);
  REQUIRE(beacons.size() == 1);
  CHECK(h.recorder.queue().waiting() == 0);
  // The page stayed (a tab switch) and the adapter lost the answer.
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0 + 10);
  REQUIRE(batch);
  CHECK(message_ids(*batch) == message_ids(beacons[0]));
}

TEST_CASE("route changes reach later events, an event's own context keys win") {
  cr::RecorderConfig config = test_config();
  config.storage_key_prefix = "app1:";
  Harness h(config);
  h.recorder.set_page(page_info("https://app.example.com/a", "/a"));
  h.recorder.track("On A", {}, kT0);
  h.recorder.set_page(page_info("https://app.example.com/b", "/b"));
  ce::Event own;
  own.event = "Own Context";
  own.context["locale"] = "fr-FR";
  own.context["campaign"] = bj::object{{"name", "spring"}};
  h.recorder.record(std::move(own), kT0);
  h.recorder.persist(kT0);
  CHECK(h.storage.contains("app1:queue"));
  CHECK(h.storage.contains("app1:identity"));
  CHECK_FALSE(h.storage.contains("cairn.queue"));
  h.recorder.flush();
  auto batch = h.recorder.poll(kT0);
  REQUIRE(batch);
  const bj::array events = events_of(*batch);
  CHECK(events[0].at("context").at("page").at("path") == "/a");
  CHECK(events[1].at("context").at("page").at("path") == "/b");
  CHECK(events[1].at("context").at("locale") == "fr-FR");
  CHECK(events[1].at("context").at("campaign").at("name") == "spring");
  CHECK(events[1].at("context").at("library").at("name") == "cairn.js");
}

TEST_CASE("users outside the sample produce no click events and no rage/dead counts") {
  cr::RecorderConfig config = test_config();
  config.sample_rate = 0;
  Harness h(config);
  for (int i = 0; i < 3; ++i) h.recorder.click(click_at(kT0 + i * 100, "b", 1, 1), {}, kT0 + i * 100);
  h.recorder.poll(kT0 + 5000);
  CHECK(h.recorder.stats().rage_clicks == 0);
  CHECK(h.recorder.stats().dead_clicks == 0);
  CHECK(h.recorder.stats().not_sampled == 5);  // 3 clicks, 1 rage click, 1 dead click.
  CHECK(h.recorder.queue().empty());
}
