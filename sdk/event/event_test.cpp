#include "event/event.h"

#include "json/reader.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

namespace ce = cairn::event;
namespace cj = cairn::json;
namespace bj = boost::json;

namespace {

// Every problem as "pointer: reason", so a test can name exactly what it expects.
std::vector<std::string> problem_list(const cj::Problems& problems) {
  std::vector<std::string> out;
  for (const cj::Problem& p : problems.stored()) out.push_back(p.pointer + ": " + p.reason);
  return out;
}

bool has_problem_at(const cj::Problems& problems, const std::string& pointer,
                    const std::string& reason_part) {
  for (const cj::Problem& p : problems.stored()) {
    if (p.pointer == pointer && p.reason.find(reason_part) != std::string::npos) return true;
  }
  return false;
}

std::optional<ce::Event> read(const std::string& text, cj::Problems& problems,
                              const ce::EventLimits& limits = {},
                              std::optional<ce::EventType> implied = std::nullopt) {
  return ce::read_event(bj::parse(text), "/e", problems, limits, implied);
}

}  // namespace

TEST_CASE("read_event reads every field of a track event") {
  cj::Problems problems;
  auto e = read(R"({"type": "track", "event": "Project Created", "userId": "u1", "anonymousId": "a1",
                    "messageId": "m1", "timestamp": "2026-11-23T09:15:55.123Z",
                    "sentAt": "2026-11-23T09:16:00Z", "context": {"page": {"url": "https://x"}},
                    "properties": {"plan": "pro", "seats": 3}, "traits": {"email": "a@b"}})",
                problems);
  INFO(problems.summary());
  REQUIRE(e);
  CHECK(e->type == ce::EventType::track);
  CHECK(e->event == "Project Created");
  CHECK(e->user_id == "u1");
  CHECK(e->anonymous_id == "a1");
  CHECK(e->message_id == "m1");
  CHECK(e->timestamp_ms == 1795425355123);
  CHECK(e->sent_at_ms == 1795425360000);
  CHECK(e->context.at("page").at("url") == "https://x");
  CHECK(e->properties.at("seats") == 3);
  CHECK(e->traits.at("email") == "a@b");
  CHECK(e->unknown.empty());
  CHECK(ce::analytics_name(*e) == "Project Created");
}

TEST_CASE("read_event reads page, screen, identify and group events") {
  cj::Problems problems;
  auto page = read(R"({"type": "page", "name": "Pricing", "anonymousId": "a"})", problems);
  auto screen = read(R"({"type": "screen", "anonymousId": "a"})", problems);
  auto identify = read(R"({"type": "identify", "userId": "u", "traits": {"plan": "free"}})", problems);
  auto group = read(R"({"type": "group", "userId": "u", "groupId": "acme"})", problems);
  INFO(problems.summary());
  REQUIRE(page);
  REQUIRE(screen);
  REQUIRE(identify);
  REQUIRE(group);
  CHECK(page->name == "Pricing");
  CHECK(ce::analytics_name(*page) == "$page");
  CHECK(ce::analytics_name(*screen) == "$screen");
  CHECK(ce::analytics_name(*identify) == "$identify");
  CHECK(group->group_id == "acme");
  CHECK(ce::analytics_name(*group) == "$group");
}

TEST_CASE("read_event reports every problem with its pointer") {
  cj::Problems problems;
  auto e = read(R"({"type": "track", "event": 5, "userId": 7, "messageId": "",
                    "timestamp": "yesterday", "sentAt": 12, "context": [], "properties": "x",
                    "traits": null})",
                problems);
  CHECK_FALSE(e);
  INFO(problem_list(problems).size());
  CHECK(has_problem_at(problems, "/e/event", "must be a string"));
  CHECK(has_problem_at(problems, "/e/userId", "must be a string"));
  CHECK(has_problem_at(problems, "/e/messageId", "must not be empty"));
  CHECK(has_problem_at(problems, "/e/timestamp", "must be an ISO-8601 date-time"));
  CHECK(has_problem_at(problems, "/e/sentAt", "must be a string"));
  CHECK(has_problem_at(problems, "/e/context", "must be an object"));
  CHECK(has_problem_at(problems, "/e/properties", "must be an object"));
  CHECK(has_problem_at(problems, "/e/traits", "must be an object"));
  CHECK(problems.total() == 8);
}

TEST_CASE("read_event requires a type, a name for track, a group id for group and a user") {
  cj::Problems no_type, no_name, empty_name, no_group, no_user, empty_users, bad_type, not_object;
  CHECK_FALSE(read(R"({"event": "x", "userId": "u"})", no_type));
  CHECK(has_problem_at(no_type, "/e/type", "required"));
  CHECK_FALSE(read(R"({"type": "track", "userId": "u"})", no_name));
  CHECK(has_problem_at(no_name, "/e/event", "required"));
  CHECK_FALSE(read(R"({"type": "track", "event": "", "userId": "u"})", empty_name));
  CHECK(has_problem_at(empty_name, "/e/event", "must not be empty"));
  CHECK_FALSE(read(R"({"type": "group", "userId": "u"})", no_group));
  CHECK(has_problem_at(no_group, "/e/groupId", "required"));
  CHECK_FALSE(read(R"({"type": "page"})", no_user));
  CHECK(has_problem_at(no_user, "/e", "requires a userId or an anonymousId"));
  CHECK_FALSE(read(R"({"type": "page", "userId": "", "anonymousId": ""})", empty_users));
  CHECK(has_problem_at(empty_users, "/e", "non-empty userId or anonymousId"));
  CHECK_FALSE(read(R"({"type": "alias", "userId": "u"})", bad_type));
  CHECK(has_problem_at(bad_type, "/e/type", "must be one of: track, page, screen, identify, group"));
  CHECK_FALSE(read(R"([1, 2])", not_object));
  CHECK(has_problem_at(not_object, "/e", "must be an object"));
}

TEST_CASE("read_event refuses a person id holding U+0000, which no admin path could name") {
  cj::Problems user, anonymous;
  CHECK_FALSE(read(R"({"type": "page", "userId": "a\u0000b"})", user));
  CHECK(has_problem_at(user, "/e/userId", "must not contain U+0000 (NUL)"));
  CHECK_FALSE(read(R"({"type": "page", "userId": "u", "anonymousId": "\u0000"})", anonymous));
  CHECK(has_problem_at(anonymous, "/e/anonymousId", "must not contain U+0000 (NUL)"));
  CHECK(anonymous.total() == 1);
}

TEST_CASE("read_event with an implied type") {
  cj::Problems ok, mismatch;
  auto e = read(R"({"event": "x", "userId": "u"})", ok, {}, ce::EventType::track);
  INFO(ok.summary());
  REQUIRE(e);
  CHECK(e->type == ce::EventType::track);
  CHECK_FALSE(read(R"({"type": "page", "userId": "u"})", mismatch, {}, ce::EventType::track));
  CHECK(has_problem_at(mismatch, "/e/type", "this endpoint takes \"track\" events"));
}

TEST_CASE("read_event keeps unknown fields and drops server-owned ones") {
  cj::Problems problems;
  auto e = read(R"({"type": "track", "event": "x", "userId": "u", "integrations": {"All": true},
                    "originalTimestamp": "2026-01-01T00:00:00Z", "receivedAt": "2000-01-01T00:00:00Z",
                    "writeKey": "secret"})",
                problems);
  REQUIRE(e);
  CHECK(e->unknown.size() == 2);
  CHECK(e->unknown.contains("integrations"));
  CHECK(e->unknown.contains("originalTimestamp"));
  bj::object written = ce::write_event(*e);
  CHECK(written.at("integrations").at("All") == true);
  CHECK_FALSE(written.contains("writeKey"));
  CHECK_FALSE(written.contains("receivedAt"));
}

TEST_CASE("write_event and read_event round-trip") {
  const char* docs[] = {
      R"({"type":"track","event":"Signed Up","userId":"u","anonymousId":"a","messageId":"m","timestamp":"2026-11-23T09:15:55.123Z","sentAt":"2026-11-23T09:15:56.000Z","context":{"locale":"de"},"properties":{"n":[1,{"x":null}]},"future":{"k":1}})",
      R"({"type":"page","name":"Home","anonymousId":"a"})",
      R"({"type":"group","groupId":"g","userId":"u","traits":{"size":5}})",
  };
  for (const char* text : docs) {
    cj::Problems problems;
    auto e = read(text, problems);
    INFO(text << " " << problems.summary());
    REQUIRE(e);
    bj::object written = ce::write_event(*e);
    CHECK(bj::value(written) == bj::parse(text));
    cj::Problems again;
    auto e2 = ce::read_event(written, "", again);
    REQUIRE(e2);
    CHECK(bj::value(ce::write_event(*e2)) == bj::value(written));
  }
}

TEST_CASE("read_event enforces every event limit") {
  ce::EventLimits small;
  small.max_event_bytes = 150;
  small.max_nesting_depth = 3;
  small.max_property_count = 5;
  small.max_string_bytes = 10;
  small.max_id_bytes = 4;
  small.max_name_bytes = 6;

  cj::Problems deep, many, long_string, big, long_id, long_name, ok;
  CHECK(read(R"({"type":"track","event":"x","userId":"u","properties":{"a":{"b":{}}}})", ok, small));
  INFO(ok.summary());
  CHECK_FALSE(read(R"({"type":"track","event":"x","userId":"u","properties":{"a":{"b":{"c":{}}}}})", deep, small));
  CHECK(has_problem_at(deep, "/e", "nesting deeper than 3 levels"));
  CHECK_FALSE(read(R"({"type":"track","event":"x","userId":"u","properties":{"a":[1,2,3,4,5]}})", many, small));
  CHECK(has_problem_at(many, "/e", "more than 5 properties"));
  CHECK_FALSE(read(R"({"type":"track","event":"x","userId":"u","context":{"ua":"01234567890"}})", long_string, small));
  CHECK(has_problem_at(long_string, "/e/context/ua", "string is 11 bytes; the limit is 10"));
  CHECK_FALSE(read(R"({"type":"track","event":"x","userId":"u","properties":{"a":"0123456789","b":"0123456789","c":"0123456789","d":"0123456789","e":"0123456789"}, "q1": "0123456789", "q2": "0123456789", "q3": "0123456789"})", big, small));
  CHECK(has_problem_at(big, "/e", "the limit is 150"));
  CHECK_FALSE(read(R"({"type":"track","event":"x","userId":"12345"})", long_id, small));
  CHECK(has_problem_at(long_id, "/e/userId", "the limit is 4"));
  CHECK_FALSE(read(R"({"type":"track","event":"1234567","userId":"u"})", long_name, small));
  CHECK(has_problem_at(long_name, "/e/event", "the limit is 6"));
}

TEST_CASE("parse_event reports syntax errors and depth as document problems") {
  cj::Problems broken, deep;
  CHECK_FALSE(ce::parse_event(R"({"type": "track",)", broken));
  CHECK(has_problem_at(broken, "", "invalid JSON"));
  std::string nested = R"({"type":"track","event":"x","userId":"u","properties":)";
  for (int i = 0; i < 40; ++i) nested += "[";
  for (int i = 0; i < 40; ++i) nested += "]";
  nested += "}";
  CHECK_FALSE(ce::parse_event(nested, deep));
  CHECK(deep.total() == 1);
  CHECK(deep.summary().find("nesting deeper") != std::string::npos);
}

TEST_CASE("read_event validates reserved cairn_ events") {
  cj::Problems problems;
  CHECK_FALSE(read(R"({"type":"track","event":"cairn_step_seen","userId":"u","properties":{"guide_id":"g"}})",
                   problems));
  CHECK(has_problem_at(problems, "/e/properties/step_index", "required"));
}

TEST_CASE("read_event refuses numbers too large to write back as JSON") {
  cj::Problems problems;
  // Boost.JSON reads 1e999 as infinity.
  CHECK_FALSE(ce::parse_event(R"({"type":"track","event":"x","userId":"u","properties":{"n":[0, -1e999]}})", problems));
  CHECK(has_problem_at(problems, "/properties/n/1", "out of range"));
}
