#include "recorder/delivery_response.h"

#include <catch2/catch.hpp>

namespace cr = cairn::recorder;

TEST_CASE("read_server_rejections reads index, messageId, reason and problems") {
  auto r = cr::read_server_rejections(R"({"accepted": 3, "rejected": [
      {"index": 1, "messageId": "m1", "reason": "duplicate key"},
      {"index": 4, "problems": [{"pointer": "/batch/4/event", "reason": "required"},
                                {"pointer": "", "reason": "too big"}]},
      {"messageId": "m9"},
      {"reason": "names no event"},
      {"index": -1, "reason": "negative index and no id"},
      "not an object"]})");
  REQUIRE(r.size() == 3);
  CHECK(r[0].index == 1u);
  CHECK(r[0].message_id == "m1");
  CHECK(r[0].reason == "duplicate key");
  CHECK(r[1].index == 4u);
  CHECK(r[1].message_id.empty());
  CHECK(r[1].reason == "/batch/4/event: required; too big");
  CHECK_FALSE(r[2].index);
  CHECK(r[2].reason == "rejected by the collector");
}

TEST_CASE("read_server_rejections accepts errors as a synonym") {
  auto r = cr::read_server_rejections(R"({"errors": [{"index": 0, "reason": "bad"}]})");
  REQUIRE(r.size() == 1);
  CHECK(r[0].index == 0u);
}

TEST_CASE("read_server_rejections gives nothing for empty, broken or unrelated bodies") {
  for (const char* body : {"", "ok", "{}", "[]", R"({"rejected": {}})", R"({"rejected": [)",
                           R"({"status": "ok"})"}) {
    INFO(body);
    CHECK(cr::read_server_rejections(body).empty());
  }
}

TEST_CASE("read_server_rejections caps reasons and entries") {
  std::string body = R"({"rejected": [{"index": 0, "reason": ")" + std::string(5000, 'r') + "\"}";
  for (std::size_t i = 1; i < cr::kMaxServerRejections + 10; ++i) {
    body += ",{\"index\":" + std::to_string(i) + "}";
  }
  body += "]}";
  auto r = cr::read_server_rejections(body);
  CHECK(r.size() == cr::kMaxServerRejections);
  CHECK(r[0].reason.size() == 512);
}

TEST_CASE("an error answer's problems become rejections per batch index") {
  const char* body = R"({"error": {"code": "invalid_events", "message": "no event was stored",
      "problems": [{"pointer": "/batch/0/event", "reason": "required"},
                   {"pointer": "/batch/0/timestamp", "reason": "bad"},
                   {"pointer": "/batch/12", "reason": "must be an object"},
                   {"pointer": "/batch/x/event", "reason": "not an index"},
                   {"pointer": "/batch/3x", "reason": "not an index"},
                   {"pointer": "", "reason": "whole document"},
                   {"pointer": "/batch/4"}]}})";
  auto r = cr::read_server_rejections(body);
  REQUIRE(r.size() == 2);
  CHECK(r[0].index == 0u);
  CHECK(r[0].reason == "/batch/0/event: required; /batch/0/timestamp: bad");
  CHECK(r[1].index == 12u);
  CHECK(r[1].reason == "/batch/12: must be an object");
  CHECK(cr::read_error_summary(body) == "invalid_events: no event was stored");
}

TEST_CASE("read_error_summary reads code and message, and nothing from other bodies") {
  CHECK(cr::read_error_summary(R"({"error": {"code": "invalid_write_key", "message": "unknown"}})") ==
        "invalid_write_key: unknown");
  CHECK(cr::read_error_summary(R"({"error": {"code": "queue_full"}})") == "queue_full");
  CHECK(cr::read_error_summary(R"({"error": {"message": "m"}})") == "m");
  for (const char* body : {"", "{}", R"({"error": "text"})", "nope", R"({"rejected": []})"}) {
    CHECK(cr::read_error_summary(body).empty());
  }
}
