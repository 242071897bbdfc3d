// Every documented ingest limit (docs/api-ingest.md, "Limits") at its edge,
// over HTTP against the real collector: a request or event exactly at the
// limit is stored, one unit more is refused with the documented status, code,
// pointer and reason. Also bad input in every string field (invalid UTF-8) and
// a slow body, each answered with a 4xx JSON error and the server healthy.
#include "support/deflate.h"
#include "support/error_body.h"
#include "ingest_fixture.h"

#include "event/batch.h"
#include "event/event_limits.h"
#include "ingest/ingest_limits.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

namespace ct = cairn::testing;
namespace bj = boost::json;
namespace ev = cairn::event;
namespace ci = cairn::ingest;

namespace {

// A started collector with one app; healthy() proves it still ingests.
struct Ingest : ct::IngestFixture {
  using IngestFixture::IngestFixture;

  bool healthy() {
    bj::object e{{"type", "track"}, {"event", "still"}, {"userId", "u"}};
    return post_batch(R"({"batch": [)" + bj::serialize(e) + "]}").status == 200;
  }
};

bj::object track(const std::string& message_id) {
  return {{"type", "track"}, {"event", "E"}, {"userId", "u"}, {"messageId", message_id}};
}

std::string batch_of(std::initializer_list<bj::object> events) {
  bj::array batch;
  for (const bj::object& e : events) batch.push_back(e);
  return bj::serialize(bj::object{{"batch", batch}});
}

std::string code_of(const ct::HttpResult& r) { return ct::error_code_of(r.body); }

// For a 200 with one stored event and the event at index 1 rejected: the
// problems of the rejected event as "pointer: reason" lines.
std::string rejected_second(const ct::HttpResult& r) {
  REQUIRE(r.status == 200);
  bj::value v = bj::parse(r.body);
  CHECK(v.at("stored") == 1);
  const bj::array& rejected = v.at("rejected").as_array();
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].at("index") == 1);
  std::string out;
  for (const bj::value& p : rejected[0].at("problems").as_array()) {
    out += std::string(p.at("pointer").as_string()) + ": " + std::string(p.at("reason").as_string()) + "\n";
  }
  return out;
}

// Properties nested `depth` levels deep as the event limits count them
// ({"k": 1} is 1, {"k": {"k": 1}} is 2).
bj::object nested(std::size_t depth) {
  bj::object o{{"k", 1}};
  for (std::size_t i = 1; i < depth; ++i) o = bj::object{{"k", o}};
  return o;
}

// The event codec's size measure for an event of strings and objects only:
// its JSON text plus one byte per non-empty object (value_shape.h counts a
// separator after every member).
std::size_t measured_bytes(const bj::object& event) {
  std::size_t objects = 1;
  for (const auto& kv : event) {
    if (kv.value().is_object() && !kv.value().as_object().empty()) ++objects;
  }
  return bj::serialize(event).size() + objects;
}

// A track event whose measured size is exactly `bytes`: strings under the
// string limit fill it.
bj::object event_of_size(const std::string& message_id, std::size_t bytes) {
  bj::object e = track(message_id);
  bj::object properties;
  for (int i = 0; i < 3; ++i) properties["s" + std::to_string(i)] = std::string(ev::kMaxStringBytes, 'x');
  properties["pad"] = "";
  e["properties"] = properties;
  const std::size_t base = measured_bytes(e);
  REQUIRE(base <= bytes);
  REQUIRE(bytes - base <= ev::kMaxStringBytes);
  e["properties"].as_object()["pad"] = std::string(bytes - base, 'p');
  REQUIRE(measured_bytes(e) == bytes);
  return e;
}

}  // namespace

TEST_CASE("ingest limits: body size and decompressed size at their edges") {
  Ingest in;
  const std::string one = batch_of({track("b1")});

  SECTION("kMaxBodyBytes as received") {
    std::string at_limit = one + std::string(ci::kMaxBodyBytes - one.size(), ' ');
    CHECK(in.post_batch(at_limit).status == 200);
    ct::HttpResult over = in.post_batch(at_limit + " ");
    CHECK(over.status == 413);
    CHECK(code_of(over) == "body_too_large");
  }
  SECTION("kMaxDecompressedBytes after gzip") {
    std::string at_limit = one + std::string(ci::kMaxDecompressedBytes - one.size(), ' ');
    REQUIRE(ct::deflate_body(at_limit).size() < ci::kMaxBodyBytes);
    CHECK(in.post_batch(ct::deflate_body(at_limit), {"Content-Encoding: gzip"}).status == 200);
    ct::HttpResult over = in.post_batch(ct::deflate_body(at_limit + " "), {"Content-Encoding: gzip"});
    CHECK(over.status == 413);
    CHECK(code_of(over) == "decompressed_too_large");
  }
  CHECK(in.healthy());
}

TEST_CASE("ingest limits: events per batch and nesting depth at their edges") {
  Ingest in;
  SECTION("kMaxEventsPerBatch") {
    bj::array batch;
    for (std::size_t i = 0; i < ev::kMaxEventsPerBatch; ++i) batch.push_back(track("n" + std::to_string(i)));
    ct::HttpResult full = in.post_batch(bj::serialize(bj::object{{"batch", batch}}));
    REQUIRE(full.status == 200);
    CHECK(bj::parse(full.body).at("stored").to_number<std::size_t>() == ev::kMaxEventsPerBatch);
    batch.push_back(track("one-more"));
    ct::HttpResult over = in.post_batch(bj::serialize(bj::object{{"batch", batch}}));
    CHECK(over.status == 400);
    CHECK(code_of(over) == "invalid_batch");
    CHECK(over.body.find("/batch") != std::string::npos);
  }
  SECTION("kMaxNestingDepth inside properties") {
    bj::object deepest = track("d1");
    deepest["properties"] = nested(ev::kMaxNestingDepth);
    CHECK(bj::parse(in.post_batch(batch_of({deepest})).body).at("stored") == 1);
    // One level more is deeper than the batch's parse limit: the whole
    // request is refused before any event is read.
    bj::object deeper = track("d2");
    deeper["properties"] = nested(ev::kMaxNestingDepth + 1);
    ct::HttpResult over = in.post_batch(batch_of({deeper}));
    CHECK(over.status == 400);
    CHECK(code_of(over) == "invalid_json");
    CHECK(over.body.find("nesting deeper") != std::string::npos);
    // A single-event endpoint has a shallower envelope: the event itself is refused.
    ct::HttpResult single = in.http.post(in.collector.base_url() + "/v1/track", bj::serialize(deeper),
                                         {in.key_header});
    CHECK(single.status == 400);
    CHECK(code_of(single) == "invalid_events");
    CHECK(single.body.find("nesting deeper than 8 levels") != std::string::npos);
  }
  CHECK(in.healthy());
}

TEST_CASE("ingest limits: per-event size, property count, string and id lengths at their edges") {
  Ingest in;
  SECTION("kMaxEventBytes") {
    std::string problems = rejected_second(in.post_batch(batch_of(
        {event_of_size("s1", ev::kMaxEventBytes), event_of_size("s2", ev::kMaxEventBytes + 1)})));
    CHECK(problems == "/batch/1: event is about 32769 bytes of JSON; the limit is 32768\n");
  }
  SECTION("kMaxPropertyCount") {
    bj::object full = track("p1");
    bj::object properties;
    for (std::size_t i = 0; i < ev::kMaxPropertyCount; ++i) properties["p" + std::to_string(i)] = "v";
    full["properties"] = properties;
    bj::object over = full;
    over["messageId"] = "p2";
    over["properties"].as_object()["one_more"] = "v";
    std::string problems = rejected_second(in.post_batch(batch_of({full, over})));
    CHECK(problems == "/batch/1: more than 500 properties (keys and array items, at every depth)\n");
  }
  SECTION("kMaxStringBytes") {
    bj::object at_limit = track("l1");
    at_limit["properties"] = bj::object{{"s", std::string(ev::kMaxStringBytes, 'x')}};
    bj::object over = track("l2");
    over["properties"] = bj::object{{"s", std::string(ev::kMaxStringBytes + 1, 'x')}};
    std::string problems = rejected_second(in.post_batch(batch_of({at_limit, over})));
    CHECK(problems == "/batch/1/properties/s: string is 8193 bytes; the limit is 8192\n");
  }
  SECTION("kMaxIdBytes and kMaxNameBytes") {
    for (const char* field : {"userId", "anonymousId", "messageId", "event"}) {
      INFO(field);
      const std::size_t limit = std::string(field) == "event" ? ev::kMaxNameBytes : ev::kMaxIdBytes;
      bj::object at_limit = track(std::string("i1-") + field);
      at_limit[field] = std::string(limit, 'a');
      bj::object over = track(std::string("i2-") + field);
      over[field] = std::string(limit + 1, 'b');
      std::string problems = rejected_second(in.post_batch(batch_of({at_limit, over})));
      CHECK(problems.rfind(std::string("/batch/1/") + field + ": ", 0) == 0);
      CHECK(problems.find("the limit is " + std::to_string(limit)) != std::string::npos);
    }
  }
  CHECK(in.healthy());
}

TEST_CASE("ingest bad input: invalid UTF-8 in every string field, broken gzip, a slow body") {
  Ingest in;
  SECTION("invalid UTF-8 anywhere is invalid_json, whichever field holds it") {
    const std::string bad = "\xc3\x28";  // A lead byte without its continuation.
    const std::vector<std::string> bodies = {
        R"({"batch": [{"type": "track", "event": ")" + bad + R"(", "userId": "u"}]})",
        R"({"batch": [{"type": "track", "event": "E", "userId": ")" + bad + R"("}]})",
        R"({"batch": [{"type": "track", "event": "E", "userId": "u", "anonymousId": ")" + bad + R"("}]})",
        R"({"batch": [{"type": "track", "event": "E", "userId": "u", "messageId": ")" + bad + R"("}]})",
        R"({"batch": [{"type": "track", "event": "E", "userId": "u", "timestamp": ")" + bad + R"("}]})",
        R"({"batch": [{"type": ")" + bad + R"(", "event": "E", "userId": "u"}]})",
        R"({"batch": [{"type": "group", "groupId": ")" + bad + R"(", "userId": "u"}]})",
        R"({"batch": [{"type": "track", "event": "E", "userId": "u", "properties": {"k": ")" + bad + R"("}}]})",
        R"({"batch": [{"type": "track", "event": "E", "userId": "u", "properties": {")" + bad + R"(": 1}}]})",
        R"({"batch": [{"type": "identify", "userId": "u", "traits": {"name": ")" + bad + R"("}}]})",
        R"({"batch": [{"type": "track", "event": "E", "userId": "u", "context": {"page": {"url": ")" + bad + R"("}}}]})",
        R"({"batch": [{"type": "track", "event": "E", "userId": "u"}], "sentAt": ")" + bad + R"("})",
        R"({"batch": [{"type": "track", "event": "E", "userId": "u"}], "writeKey": ")" + bad + R"("})",
        R"({"batch": [{"type": "track", "event": "E", "userId": "u"}], "context": {"ip": ")" + bad + R"("}})",
    };
    for (const std::string& body : bodies) {
      INFO(body);
      ct::HttpResult r = in.post_batch(body);
      CHECK(r.status == 400);
      CHECK(code_of(r) == "invalid_json");
    }
  }
  SECTION("a gzip body cut anywhere is invalid_gzip") {
    const std::string gz = ct::deflate_body(batch_of({track("g1"), track("g2")}));
    for (std::size_t cut : {std::size_t{1}, std::size_t{10}, gz.size() - 8, gz.size() - 1}) {
      INFO("cut at " << cut << " of " << gz.size());
      ct::HttpResult r = in.post_batch(gz.substr(0, cut), {"Content-Encoding: gzip"});
      CHECK(r.status == 400);
      CHECK(code_of(r) == "invalid_gzip");
    }
  }
  SECTION("huge numbers are refused per event, not stored as infinity") {
    bj::object ok = track("h1");
    const std::string body = R"({"batch": [)" + bj::serialize(ok) +
                             R"(, {"type": "track", "event": "E", "userId": "u", "messageId": "h2", "properties": {"n": -1e400}}]})";
    std::string problems = rejected_second(in.post_batch(body));
    CHECK(problems == "/batch/1/properties/n: number is out of range (larger than 1.8e308)\n");
  }
  CHECK(in.healthy());
}

TEST_CASE("ingest bad input: a slow body is cut off with 408 and the server stays healthy") {
  Ingest in({"--body-timeout-ms", "400"});
  ct::RawConnection raw(in.collector.port());
  REQUIRE(raw.connected());
  // The rest of the body never comes; the answer must, within the deadline.
  REQUIRE(raw.send("POST /v1/batch HTTP/1.1\r\nHost: x\r\n" + in.key_header +
                   "\r\nContent-Length: 200\r\n\r\n{\"batch\": ["));
  const std::string answer = raw.read_all(std::chrono::seconds(3));
  CHECK(answer.rfind("HTTP/1.1 408", 0) == 0);
  CHECK(answer.find("\"code\":\"request_timeout\"") != std::string::npos);
  CHECK(in.healthy());
  CHECK(in.collector.stop() == 0);
}
