// wasm/bridge/recorder_export.cpp called natively as the adapter calls it
// (cairn_client.ts #recorder): a start with the stored keys, config, page and
// device, then one input per call with `now` and `entropy`, each answered
// with the commands to run (store, send_batch, abort_batch, schedule_tick) and the ids.
// Pins down the protocol: a click becomes an event sent once flushed and
// settled by its delivery, an invalid track is refused with its problem,
// denied consent drops events and removes what was stored, the store
// commands of one page restore its identity at the next start, and input
// that is not what the protocol says is refused with where and why, changing
// nothing: no event, no store command, no new identity, a batch left in flight.
#include "problem_at.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

extern "C" {
int cairn_recorder_input(const char* data, int length);
const char* cairn_result_ptr();
int cairn_result_len();
}

namespace bj = boost::json;

namespace {

// 64 random bytes as the adapter sends them with each input
// (crypto.getRandomValues, hex): distinct per call, as ids depend on them.
std::string entropy() {
  static std::uint32_t calls = 0;
  std::string hex;
  for (int word = 0; word < 16; ++word) {
    char buffer[9];
    std::snprintf(buffer, sizeof buffer, "%08x", (++calls * 2654435761u) ^ 0x5bd1e995u);
    hex += buffer;
  }
  return hex;
}

// Calls cairn_recorder_input with `input` plus `now` and entropy, as the
// adapter adds them; its answer, its return value in `*status`.
bj::object input(std::int64_t now, const std::string& fields, int* status = nullptr) {
  const std::string text = R"({"now": )" + std::to_string(now) + R"(, "entropy": ")" + entropy() + "\", " + fields + "}";
  const int s = cairn_recorder_input(text.data(), static_cast<int>(text.size()));
  if (status) *status = s;
  return bj::parse(std::string(cairn_result_ptr(), static_cast<std::size_t>(cairn_result_len()))).as_object();
}

// The start input; `config` adds to or overrides the adapter's defaults.
std::string start_fields(const std::string& stored_json = "{}", const std::string& config_extra = "") {
  return R"("type": "start", "stored": )" + stored_json + R"(,
    "config": {"write_key": "wk_test", "library_version": "1.2.3", "consent_required": false,
               "consent": "unknown", "honor_do_not_track": true, "do_not_track": false,
               "sample_rate": 1, "autocapture": true, "flush_at": 20, "flush_interval_ms": 3000)" +
         config_extra + R"(},
    "page": {"url": "https://app.test/settings?tab=1", "path": "/settings", "title": "Settings",
             "referrer": "", "search": "?tab=1"},
    "device": {"locale": "en-GB", "timezone": "Europe/London", "user_agent": "test",
               "screen_width": 1280, "screen_height": 800, "pixel_ratio": 2})";
}

// The start of a page. In the browser each page has a module of its own;
// here the calls share one, whose storage keeps what earlier tests stored:
// a denial first removes it (its queue and identity), as a fresh page has none.
bj::object start_page(std::int64_t now, const std::string& stored_json = "{}", const std::string& config_extra = "",
                      int* status = nullptr) {
  input(now, start_fields());
  input(now, R"("type": "consent", "granted": false)");
  return input(now, start_fields(stored_json, config_extra), status);
}

std::vector<bj::object> commands_of(const bj::object& answer, const std::string& type) {
  std::vector<bj::object> out;
  for (const bj::value& c : answer.at("commands").as_array()) {
    if (c.at("type") == type.c_str()) out.push_back(c.as_object());
  }
  return out;
}

// The store commands of `answer` applied to `stored` (the adapter's localStorage).
void apply_stores(const bj::object& answer, std::map<std::string, std::string>& stored) {
  for (const bj::object& c : commands_of(answer, "store")) {
    const std::string key(c.at("key").as_string());
    if (c.at("value").is_null()) stored.erase(key);
    else stored[key] = std::string(c.at("value").as_string());
  }
}

std::string as_json(const std::map<std::string, std::string>& stored) {
  bj::object o;
  for (const auto& [key, value] : stored) o[key] = value;
  return bj::serialize(o);
}

// The one send_batch command of `answer`, if any.
std::optional<bj::object> sent(const bj::object& answer) {
  std::vector<bj::object> sends = commands_of(answer, "send_batch");
  REQUIRE(sends.size() <= 1);
  if (sends.empty()) return std::nullopt;
  return sends.front();
}

bj::array events_of(const bj::object& send) { return bj::parse(send.at("body").as_string()).at("batch").as_array(); }

}  // namespace

TEST_CASE("bridge: a click is recorded, sent once flushed, and settled by its delivery") {
  int status = -1;
  const bj::object started = start_page(1000, "{}", "", &status);
  INFO(bj::serialize(started));
  REQUIRE(status == 0);
  CHECK(started.at("recording") == true);
  CHECK_FALSE(started.at("anonymous_id").as_string().empty());
  CHECK(started.at("user_id") == "");
  CHECK(commands_of(started, "schedule_tick").size() == 1);

  const bj::object clicked = input(1100, R"("type": "click", "x": 10, "y": 20, "element_key": "button:save",
      "selector": "button 'Save'", "element": {"tag": "button", "name": "Save", "text": "Save"})", &status);
  INFO(bj::serialize(clicked));
  CHECK(status == 0);
  CHECK_FALSE(sent(clicked));  // Below flush_at and within the flush interval: it waits.
  // A tick is asked for (the flush interval, the dead-click window).
  REQUIRE(commands_of(clicked, "schedule_tick").size() == 1);
  CHECK(commands_of(clicked, "schedule_tick")[0].at("at_ms").to_number<std::int64_t>() > 1100);

  const bj::object flushed = input(1200, R"("type": "flush")");
  INFO(bj::serialize(flushed));
  const std::optional<bj::object> batch = sent(flushed);
  REQUIRE(batch);
  CHECK(batch->at("beacon") == false);
  const bj::object body = bj::parse(batch->at("body").as_string()).as_object();
  CHECK(body.at("writeKey") == "wk_test");
  const bj::array events = body.at("batch").as_array();
  REQUIRE(events.size() == 1);
  const bj::object& click = events[0].as_object();
  CHECK(click.at("type") == "track");
  CHECK(click.at("event") == "cairn_click");
  CHECK(click.at("anonymousId") == started.at("anonymous_id"));
  CHECK(click.at("properties").at("x").to_number<double>() == 10);
  CHECK(click.at("properties").at("y").to_number<double>() == 20);
  CHECK(click.at("properties").at("element_key") == "button:save");
  CHECK(click.at("properties").at("tag") == "button");

  // In flight: nothing else goes; delivered: the queue is empty, nothing is sent again.
  CHECK_FALSE(sent(input(1300, R"("type": "flush")")));
  const bj::object delivered = input(1400, R"("type": "delivered", "batch_id": )" +
                                               std::to_string(batch->at("batch_id").to_number<std::int64_t>()) +
                                               R"(, "body": "{\"accepted\": 1}")",
                                     &status);
  INFO(bj::serialize(delivered));
  CHECK(status == 0);
  CHECK_FALSE(sent(delivered));
  CHECK_FALSE(sent(input(1500, R"("type": "flush")")));
}

TEST_CASE("bridge: a failed batch is sent again, with the same events") {
  start_page(1000);
  input(1100, R"("type": "track", "name": "Saved", "properties": {"plan": "pro"})");
  const std::optional<bj::object> first = sent(input(1200, R"("type": "flush")"));
  REQUIRE(first);
  const std::string id = std::to_string(first->at("batch_id").to_number<std::int64_t>());
  bj::object answer = input(1300, R"("type": "failed", "batch_id": )" + id + R"(, "status": 503, "body": "")");
  CHECK_FALSE(sent(answer));  // Backoff first.
  // The adapter's timer: a tick at each time asked for, until the retry goes.
  std::optional<bj::object> again;
  for (int i = 0; i < 10 && !again; ++i) {
    const bj::value& at = commands_of(answer, "schedule_tick").at(0).at("at_ms");
    REQUIRE(at.is_int64());
    answer = input(at.as_int64(), R"("type": "tick")");
    again = sent(answer);
  }
  REQUIRE(again);
  CHECK(events_of(*again) == events_of(*first));  // Same message ids: the collector drops a duplicate.
}

TEST_CASE("bridge: a request the recorder gave up on is to be aborted, before the beacons that carry its events") {
  start_page(1000);
  input(1100, R"("type": "track", "name": "Hung", "properties": {})");
  const std::optional<bj::object> hung = sent(input(1200, R"("type": "flush")"));
  REQUIRE(hung);
  CHECK(commands_of(input(1300, R"("type": "tick")"), "abort_batch").empty());
  // The send timeout: the collector took the request and never answered.
  const bj::object timed_out = input(1200 + 30000, R"("type": "tick")");
  INFO(bj::serialize(timed_out));
  const std::vector<bj::object> aborts = commands_of(timed_out, "abort_batch");
  REQUIRE(aborts.size() == 1);
  CHECK(aborts[0].at("batch_id") == hung->at("batch_id"));

  // Page hide with a request in flight: its events go by beacon, it is aborted first.
  start_page(100000);
  input(100100, R"("type": "track", "name": "In Flight", "properties": {})");
  const std::optional<bj::object> in_flight = sent(input(100200, R"("type": "flush")"));
  REQUIRE(in_flight);
  const bj::array hidden = input(100300, R"("type": "page_hide")").at("commands").as_array();
  INFO(bj::serialize(hidden));
  REQUIRE(hidden.size() >= 2);
  CHECK(hidden[0].at("type") == "abort_batch");
  CHECK(hidden[0].at("batch_id") == in_flight->at("batch_id"));
  CHECK(hidden[1].at("type") == "send_batch");
  CHECK(hidden[1].at("beacon") == true);
  CHECK(events_of(hidden[1].as_object()) == events_of(*in_flight));
}

TEST_CASE("bridge: the beacons of a page hide are answered one by one, nothing sent again between them") {
  start_page(200000);
  // About 70 KiB queued (a batch in flight holds the rest back): two beacons.
  const std::string pad(7000, 'x');
  for (int i = 0; i < 10; ++i) input(200100 + i, R"("type": "track", "name": "Big", "properties": {"pad": ")" + pad + "\"}");
  const bj::object hidden = input(200200, R"("type": "page_hide")");
  const std::vector<bj::object> beacons = commands_of(hidden, "send_batch");
  REQUIRE(beacons.size() == 2);
  // The adapter reports each right after its sendBeacon.
  const bj::object first = input(200201, R"("type": "delivered", "body": "", "batch_id": )" +
                                              std::to_string(beacons[0].at("batch_id").to_number<std::int64_t>()));
  INFO(bj::serialize(first));
  CHECK_FALSE(sent(first));  // the second beacon's events are not sent again by fetch
  input(200202, R"("type": "delivered", "body": "", "batch_id": )" +
                    std::to_string(beacons[1].at("batch_id").to_number<std::int64_t>()));
  CHECK_FALSE(sent(input(200300, R"("type": "flush")")));  // both settled: nothing left to send
}

TEST_CASE("bridge: online sends at once after a network error, not after a 503") {
  for (const int status : {0, 503}) {
    start_page(1000);
    input(1100, R"("type": "track", "name": "Saved Offline", "properties": {})");
    const std::optional<bj::object> first = sent(input(1200, R"("type": "flush")"));
    REQUIRE(first);
    const std::string id = std::to_string(first->at("batch_id").to_number<std::int64_t>());
    CHECK_FALSE(sent(input(1300, R"("type": "failed", "batch_id": )" + id + R"(, "status": )" +
                                     std::to_string(status) + R"(, "body": "")")));
    const bj::object online = input(1301, R"("type": "online")");
    INFO(bj::serialize(online));
    CHECK(sent(online).has_value() == (status == 0));
  }
}

TEST_CASE("bridge: a click the browser answered (a download link) is never a dead click") {
  start_page(1000);
  for (const bool answered : {true, false}) {
    const std::int64_t at = answered ? 2000 : 5000;
    input(at, R"("type": "click", "x": 1, "y": 2, "element_key": "a:export", "selector": "a 'Export'",
        "element": {"tag": "a"}, "answered": )" + std::string(answered ? "true" : "false"));
    const bj::object later = input(at + 1500, R"("type": "flush")");
    const std::optional<bj::object> batch = sent(later);
    REQUIRE(batch);
    bool dead = false;
    for (const bj::value& e : events_of(*batch)) dead = dead || e.at("event") == "cairn_dead_click";
    CHECK(dead == !answered);
    input(at + 1600, R"("type": "delivered", "batch_id": )" +
                         std::to_string(batch->at("batch_id").to_number<std::int64_t>()) + R"(, "body": "")");
  }
}

TEST_CASE("bridge: an invalid track is refused with its problem, and nothing is queued") {
  start_page(1000);
  int status = -1;
  const bj::object refused =
      input(1100, R"("type": "track", "name": ")" + std::string(300, 'x') + R"(", "properties": {})", &status);
  INFO(bj::serialize(refused));
  CHECK(status == 0);  // The input was well formed; the event is what was refused.
  CHECK(refused.at("outcome") == "invalid");
  REQUIRE(refused.at("problems").is_string());
  CHECK(std::string(refused.at("problems").as_string()).find("/event") != std::string::npos);
  CHECK_FALSE(sent(input(1200, R"("type": "flush")")));

  const bj::object recorded = input(1300, R"("type": "track", "name": "Saved", "properties": {})");
  CHECK(recorded.at("outcome") == "recorded");
  CHECK_FALSE(recorded.contains("problems"));
}

TEST_CASE("bridge: consent denied drops events and removes what was stored") {
  // Consent pending: nothing is recorded, nothing stored.
  int status = -1;
  const bj::object started = start_page(1000, "{}", R"(, "consent_required": true)", &status);
  REQUIRE(status == 0);
  CHECK(started.at("recording") == false);
  CHECK(input(1100, R"("type": "track", "name": "Saved", "properties": {})").at("outcome") == "no_consent");

  // Granted: recorded and persisted.
  const bj::object granted = input(1200, R"("type": "consent", "granted": true)");
  CHECK(granted.at("recording") == true);
  CHECK(input(1300, R"("type": "track", "name": "Saved", "properties": {})").at("outcome") == "recorded");
  std::map<std::string, std::string> stored;
  apply_stores(granted, stored);
  const bj::object ticked = input(60000, R"("type": "tick")");  // Past the delayed persistence.
  apply_stores(ticked, stored);
  if (const std::optional<bj::object> batch = sent(ticked)) {
    input(60100, R"("type": "failed", "batch_id": )" + std::to_string(batch->at("batch_id").to_number<std::int64_t>()) +
                     R"(, "status": 0, "body": "")");
  }
  CHECK_FALSE(stored.empty());

  // Denied: the queue and the identity are removed, later events dropped, nothing sent.
  const bj::object denied = input(61000, R"("type": "consent", "granted": false)");
  INFO(bj::serialize(denied));
  CHECK(denied.at("recording") == false);
  apply_stores(denied, stored);
  CHECK(stored.empty());
  CHECK(commands_of(denied, "schedule_tick").at(0).at("at_ms").is_null());
  CHECK(input(61100, R"("type": "track", "name": "Saved", "properties": {})").at("outcome") == "no_consent");
  CHECK_FALSE(sent(input(61200, R"("type": "flush")")));
  CHECK_FALSE(sent(input(200000, R"("type": "tick")")));
}

TEST_CASE("bridge: the store commands of one page give the next start its identity and unsent events") {
  std::map<std::string, std::string> stored;
  apply_stores(start_page(1000), stored);
  const bj::object identified = input(1100, R"("type": "identify", "user_id": "jane", "traits": {"plan": "pro"})");
  CHECK(identified.at("user_id") == "jane");
  const std::string anonymous_id(identified.at("anonymous_id").as_string());
  apply_stores(identified, stored);
  apply_stores(input(1200, R"("type": "track", "name": "Saved", "properties": {})"), stored);
  // Leaving the page: the rest goes as a beacon; sendBeacon refused it, so it stays queued.
  const bj::object hidden = input(1300, R"("type": "page_hide")");
  apply_stores(hidden, stored);
  const std::vector<bj::object> beacons = commands_of(hidden, "send_batch");
  REQUIRE(beacons.size() == 1);
  CHECK(beacons[0].at("beacon") == true);
  apply_stores(input(1301, R"("type": "failed", "batch_id": )" +
                               std::to_string(beacons[0].at("batch_id").to_number<std::int64_t>()) +
                               R"(, "status": 0, "body": "")"),
               stored);
  // A reset takes a new identity (not stored in `stored`: the next page starts before it).
  const bj::object reset = input(1400, R"("type": "reset")");
  CHECK(reset.at("anonymous_id") != identified.at("anonymous_id"));
  CHECK(reset.at("user_id") == "");

  // The next page load starts from what the first page stored.
  const bj::object restarted = start_page(5000, as_json(stored));
  INFO(as_json(stored));
  CHECK(restarted.at("user_id") == "jane");
  CHECK(restarted.at("anonymous_id").as_string() == anonymous_id);
  // Queued longer than the flush interval: they go with the start's answer.
  const std::optional<bj::object> batch = sent(restarted);
  REQUIRE(batch);
  std::vector<std::string> names;
  for (const bj::value& e : events_of(*batch)) {
    names.emplace_back(e.at("type") == "identify" ? "identify" : std::string(e.at("event").as_string()));
  }
  CHECK(names == std::vector<std::string>{"identify", "Saved"});
}

TEST_CASE("bridge: a tab stores its queue under its own key and takes over a gone tab's, then removes it") {
  std::map<std::string, std::string> stored;
  apply_stores(start_page(1000, "{}", R"(, "tab_id": "gone")"), stored);
  apply_stores(input(1100, R"("type": "track", "name": "In The Gone Tab", "properties": {})"), stored);
  apply_stores(input(2200, R"("type": "tick")"), stored);  // stored within the persist delay
  REQUIRE(stored.count("cairn.queue.gone") == 1);
  CHECK(stored.count("cairn.queue") == 0);

  // A new tab: its own key, the gone tab's queue taken over.
  const bj::object started = start_page(5000, as_json(stored), R"(, "tab_id": "new")");
  std::vector<std::string> order;
  for (const bj::object& c : commands_of(started, "store")) {
    order.push_back(std::string(c.at("key").as_string()) + (c.at("value").is_null() ? " removed" : " written"));
  }
  // Ours is written before theirs goes (the denial of start_page's first removes what earlier tests left).
  const auto written = std::find(order.begin(), order.end(), "cairn.queue.new written");
  const auto removed = std::find(order.begin(), order.end(), "cairn.queue.gone removed");
  INFO(bj::serialize(started));
  CHECK(written < removed);
  CHECK(removed != order.end());
  const std::optional<bj::object> batch = sent(started);
  REQUIRE(batch);
  CHECK(events_of(*batch).at(0).at("event") == "In The Gone Tab");
}

TEST_CASE("bridge: a tab takes the identity another tab stored") {
  start_page(1000, "{}", R"(, "tab_id": "a")");
  const bj::object answer = input(1100, R"("type": "identity_stored", "value": "{\"v\":1,\"anonymousId\":\"9b2f6a1e-2c1d-4e5f-8a9b-0c1d2e3f4a5b\",\"userId\":\"jane\"}")");
  CHECK(answer.at("user_id") == "jane");
  CHECK(answer.at("anonymous_id") == "9b2f6a1e-2c1d-4e5f-8a9b-0c1d2e3f4a5b");
  CHECK(commands_of(answer, "store").empty());
  // Text that is no identity changes nothing.
  CHECK(input(1200, R"("type": "identity_stored", "value": "{}")").at("user_id") == "jane");
}

TEST_CASE("bridge: a recorder input that is not what the protocol says is refused with where and why") {
  start_page(1000);
  struct Case {
    std::string text;
    std::string pointer;  // Of the first problem; "" = any.
  };
  const std::vector<Case> cases = {
      {"{", ""},
      {"[1]", ""},
      {R"({"now": 1})", "/type"},
      {R"({"type": "flush"})", "/now"},
      {R"({"type": "fly", "now": 1})", "/type"},
      {R"({"type": "track", "now": 1, "properties": {}})", "/name"},
      {R"({"type": "consent", "now": 1})", "/granted"},
      {R"({"type": "delivered", "now": 1, "batch_id": -3, "body": ""})", "/batch_id"},
      {R"({"type": "event", "now": 1, "event": {"type": "track"}})", "/event"},
      {R"({"type": "click", "now": 1, "x": "left"})", "/x"},
      {R"({"type": "identity_stored", "now": 1})", "/value"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const int status = cairn_recorder_input(c.text.data(), static_cast<int>(c.text.size()));
    const bj::object answer =
        bj::parse(std::string(cairn_result_ptr(), static_cast<std::size_t>(cairn_result_len()))).as_object();
    CHECK(status == 1);
    REQUIRE(answer.contains("problems"));
    const bj::object& problem = answer.at("problems").at(0).as_object();
    CHECK_FALSE(problem.at("reason").as_string().empty());
    CHECK(std::string(problem.at("pointer").as_string()).rfind(c.pointer, 0) == 0);
    CHECK(commands_of(answer, "send_batch").empty());
  }
  CHECK(cairn_recorder_input(nullptr, 0) == 1);
  // The recorder still works.
  CHECK(input(2000, R"("type": "track", "name": "Saved", "properties": {})").at("outcome") == "recorded");
}

namespace {

// Calls cairn_recorder_input with `text` as is (no `now` or entropy added).
bj::object raw(const std::string& text, int* status = nullptr) {
  const int s = cairn_recorder_input(text.data(), static_cast<int>(text.size()));
  if (status) *status = s;
  return bj::parse(std::string(cairn_result_ptr(), static_cast<std::size_t>(cairn_result_len()))).as_object();
}

// Checks a refused answer: status 1, a problem at `pointer`, no command, no
// outcome, no identity. `answer` is the call's, made with `&status` before.
void check_refused(const bj::object& answer, int status, const std::string& pointer) {
  INFO(bj::serialize(answer));
  CHECK(status == 1);
  CHECK(has_problem_at(answer, pointer));
  CHECK(answer.at("commands").as_array().empty());
  CHECK_FALSE(answer.contains("outcome"));
  CHECK_FALSE(answer.contains("anonymous_id"));
}

}  // namespace

TEST_CASE("bridge: a recorder input with a bad field records, stores and sends nothing") {
  struct Case {
    std::string text;  // Whole, `now` and entropy included where they belong.
    std::string pointer;
  };
  const std::string at = R"("now": 1100, "entropy": "00ff00ff", )";
  const std::string click = R"("type": "click", "element_key": "k", "selector": "a", "element": {"tag": "a"}, )";
  const std::vector<Case> cases = {
      // Required fields missing.
      {R"({"entropy": "00ff", "type": "track", "name": "Saved", "properties": {}})", "/now"},
      {"{" + at + R"("type": "track", "properties": {}})", "/name"},
      {"{" + at + R"("type": "group", "traits": {}})", "/group_id"},
      {"{" + at + R"("type": "event"})", "/event"},
      {"{" + at + R"("type": "consent"})", "/granted"},
      {"{" + at + click + R"("y": 20})", "/x"},
      // Present with the wrong type or value.
      {"{" + at + R"("type": "track", "name": "Saved", "properties": 5})", "/properties"},
      {"{" + at + R"("type": "track", "name": 5, "properties": {}})", "/name"},
      {"{" + at + R"("type": "page", "name": "Home", "properties": {}, "page": 5})", "/page"},
      {"{" + at + R"("type": "page", "name": "Home", "page": {"url": 5}})", "/page/url"},
      {"{" + at + R"("type": "page", "name": 1})", "/name"},
      {"{" + at + R"("type": "identify", "user_id": "jane", "traits": "pro"})", "/traits"},
      {"{" + at + R"("type": "identify", "user_id": 7, "traits": {}})", "/user_id"},
      {"{" + at + R"("type": "group", "group_id": "acme", "traits": []})", "/traits"},
      {"{" + at + R"("type": "event", "event": {"type": "track", "event": 5}})", "/event"},
      {"{" + at + R"("type": "consent", "granted": "no"})", "/granted"},
      {"{" + at + click + R"("x": "left", "y": 20})", "/x"},
      {"{" + at + click + R"("x": 1, "y": 20, "time": "early"})", "/time"},
      {"{" + at + R"("type": "click", "x": 1, "y": 2, "element_key": 3})", "/element_key"},
      {"{" + at + R"("type": "click", "x": 1, "y": 2, "element": "a"})", "/element"},
      {R"({"now": 1100, "entropy": "not hex", "type": "reset"})", "/entropy"},
      {R"({"now": 1100, "entropy": 12, "type": "track", "name": "Saved"})", "/entropy"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const bj::object started = start_page(1000);
    int status = -1;
    const bj::object answer = raw(c.text, &status);
    check_refused(answer, status, c.pointer);
    // Nothing was queued and the identity is the same: a flush sends nothing.
    const bj::object flushed = input(1200, R"("type": "flush")");
    CHECK_FALSE(sent(flushed));
    CHECK(flushed.at("anonymous_id") == started.at("anonymous_id"));
    CHECK(flushed.at("user_id") == "");
    CHECK(flushed.at("recording") == true);
  }
}

TEST_CASE("bridge: a recorder start with a bad field leaves the running recorder as it was") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {start_fields("{}", R"(, "flush_at": "1")"), "/config/flush_at"},
      {start_fields("{}", R"(, "sample_rate": 2)"), "/config/sample_rate"},
      {start_fields("{}", R"(, "consent_required": "yes")"), "/config/consent_required"},
      {start_fields("{}", R"(, "unmasked_traits": "email")"), "/config/unmasked_traits"},
      {start_fields("{}", R"(, "unmasked_traits": ["email", 3])"), "/config/unmasked_traits/1"},
      {start_fields(R"({"cairn.identity": 5})"), "/stored/cairn.identity"},
      {R"("type": "start", "config": {}, "page": {"title": 1})", "/page/title"},
      {R"("type": "start", "config": {}, "device": {"screen_width": "wide"})", "/device/screen_width"},
      {R"("type": "start", "config": [])", "/config"},
  };
  for (const auto& [fields, pointer] : cases) {
    INFO(fields);
    std::map<std::string, std::string> stored;
    apply_stores(start_page(1000), stored);
    const bj::object identified = input(1100, R"("type": "identify", "user_id": "jane", "traits": {})");
    int status = -1;
    const bj::object answer = input(1200, fields, &status);
    check_refused(answer, status, pointer);
    // Still the same recorder: the identify waits in its queue, its identity holds.
    const std::optional<bj::object> batch = sent(input(1300, R"("type": "flush")"));
    REQUIRE(batch);
    CHECK(events_of(*batch).size() == 1);
    const bj::object tick = input(1400, R"("type": "tick")");
    CHECK(tick.at("user_id") == "jane");
    CHECK(tick.at("anonymous_id") == identified.at("anonymous_id"));
  }
}

TEST_CASE("bridge: the config's unmasked_traits are sent as given, other emails masked") {
  start_page(1000, "{}", R"(, "unmasked_traits": ["email"])");
  input(1100, R"("type": "identify", "user_id": "ana", "traits": {"email": "ana@acme.io", "work": "ana@acme.io"})");
  input(1150, R"("type": "track", "name": "Invited", "properties": {"email": "bo@acme.io"})");
  const std::optional<bj::object> batch = sent(input(1200, R"("type": "flush")"));
  REQUIRE(batch);
  const bj::array events = events_of(*batch);
  REQUIRE(events.size() == 2);
  CHECK(events[0].at("traits").at("email") == "ana@acme.io");
  CHECK(events[0].at("traits").at("work") == "[email]");
  CHECK(events[1].at("properties").at("email") == "[email]");
  input(1300, R"("type": "delivered", "batch_id": )" + std::to_string(batch->at("batch_id").to_number<std::int64_t>()) +
                  R"(, "body": "{\"accepted\": 2}")");

  // Without the option (the next page's start), the same trait is masked.
  start_page(2000);
  input(2100, R"("type": "identify", "user_id": "ana", "traits": {"email": "ana@acme.io"})");
  const std::optional<bj::object> masked = sent(input(2200, R"("type": "flush")"));
  REQUIRE(masked);
  CHECK(events_of(*masked).back().at("traits").at("email") == "[email]");
}

TEST_CASE("bridge: a delivery result with a bad field leaves its batch in flight") {
  struct Case {
    std::string fields;  // After the batch id.
    std::string pointer;
  };
  const std::vector<Case> cases = {
      {R"("type": "delivered", "body": 5)", "/body"},
      {R"("type": "failed", "status": "503", "body": "")", "/status"},
      {R"("type": "failed", "status": 503, "retry_after": "soon", "body": "")", "/retry_after"},
      {R"("type": "failed", "status": 503, "retry_after": -1, "body": "")", "/retry_after"},
  };
  for (const Case& c : cases) {
    INFO(c.fields);
    start_page(1000);
    input(1100, R"("type": "track", "name": "Saved", "properties": {})");
    const std::optional<bj::object> batch = sent(input(1200, R"("type": "flush")"));
    REQUIRE(batch);
    const std::string id = std::to_string(batch->at("batch_id").to_number<std::int64_t>());
    int status = -1;
    const bj::object answer = input(1300, c.fields + R"(, "batch_id": )" + id, &status);
    check_refused(answer, status, c.pointer);
    // Still in flight: its failure now sends it again, with the same events.
    input(1400, R"("type": "failed", "status": 0, "body": "", "batch_id": )" + id);
    std::optional<bj::object> again;
    for (std::int64_t now = 2000; now < 400000 && !again; now += 10000) again = sent(input(now, R"("type": "tick")"));
    REQUIRE(again);
    CHECK(events_of(*again) == events_of(*batch));
    input(500000, R"("type": "delivered", "body": "", "batch_id": )" + std::to_string(again->at("batch_id").to_number<std::int64_t>()));
  }
}

TEST_CASE("bridge: a Retry-After of any size, or a fraction, is read, not refused") {
  for (const char* seconds : {"1.5", "99999999"}) {
    INFO(seconds);
    start_page(1000);
    input(1100, R"("type": "track", "name": "Saved", "properties": {})");
    const std::optional<bj::object> batch = sent(input(1200, R"("type": "flush")"));
    REQUIRE(batch);
    int status = -1;
    const bj::object failed = input(1300, R"("type": "failed", "status": 503, "body": "", "retry_after": )" +
                                              std::string(seconds) + R"(, "batch_id": )" +
                                              std::to_string(batch->at("batch_id").to_number<std::int64_t>()),
                                    &status);
    INFO(bj::serialize(failed));
    CHECK(status == 0);
    CHECK_FALSE(failed.contains("problems"));
    // Sent again once the server's delay (at least 1.5 s) has passed, not before.
    std::optional<bj::object> again;
    std::int64_t now = 1300;
    for (bj::object answer = failed; !again && now < 2000000;) {
      const bj::value& at = commands_of(answer, "schedule_tick").at(0).at("at_ms");
      REQUIRE(at.is_int64());
      now = at.as_int64();
      answer = input(now, R"("type": "tick")");
      again = sent(answer);
    }
    REQUIRE(again);
    CHECK(now >= 1300 + 1500);
    input(now + 1, R"("type": "delivered", "body": "", "batch_id": )" + std::to_string(again->at("batch_id").to_number<std::int64_t>()));
  }
}

TEST_CASE("bridge: a delivery body is read up to the input's 1 MiB, an input over it is refused") {
  start_page(1000);
  input(1100, R"("type": "track", "name": "Saved", "properties": {})");
  const std::optional<bj::object> batch = sent(input(1200, R"("type": "flush")"));
  REQUIRE(batch);
  const std::string id = std::to_string(batch->at("batch_id").to_number<std::int64_t>());
  // A JSON answer padded with spaces to `size` bytes.
  const auto delivered = [&](std::int64_t now, std::size_t size, int* status) {
    return input(now, R"("type": "delivered", "batch_id": )" + id + R"(, "body": "{\"accepted\": 1})" +
                          std::string(size - 15, ' ') + "\"", status);
  };
  int status = -1;
  // Over the whole input's limit (json::ParseLimits, 1 MiB): refused, the batch still in flight.
  const bj::object over = delivered(1300, std::size_t{1} << 20, &status);
  CHECK(status == 1);
  CHECK(over.contains("problems"));
  CHECK_FALSE(sent(input(1400, R"("type": "flush")")));
  // Just under it: read, and the batch is settled.
  const bj::object under = delivered(1500, (std::size_t{1} << 20) - 400, &status);
  INFO(bj::serialize(under).substr(0, 400));
  CHECK(status == 0);
  CHECK_FALSE(under.contains("problems"));
  // The queue was waiting for the delivery: the next event goes at once.
  const std::optional<bj::object> next = sent(input(1600, R"("type": "track", "name": "Next", "properties": {})"));
  REQUIRE(next);
  CHECK(events_of(*next).size() == 1);  // Only the new event: the first batch was delivered.
}
