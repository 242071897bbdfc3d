#include "event/batch.h"

#include "json/reader.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace ce = cairn::event;
namespace cj = cairn::json;
namespace bj = boost::json;

namespace {

bool has_problem_at(const cj::Problems& problems, const std::string& pointer,
                    const std::string& reason_part) {
  for (const cj::Problem& p : problems.stored()) {
    if (p.pointer == pointer && p.reason.find(reason_part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("read_batch accepts good events and rejects bad ones by index") {
  ce::DecodedBatch b = ce::read_batch(bj::parse(R"({
      "writeKey": "wk", "sentAt": "2026-11-23T09:00:00Z", "context": {"library": "cairn", "locale": "en"},
      "batch": [
        {"type": "track", "event": "a", "userId": "u", "context": {"locale": "de"}},
        {"type": "track", "userId": "u"},
        {"type": "page", "anonymousId": "x", "sentAt": "2026-11-23T08:00:00Z"},
        {"type": "track", "event": "b", "userId": "u", "timestamp": "nope"}
      ]})"));
  INFO(b.document_problems.summary());
  CHECK(b.document_problems.empty());
  CHECK(b.write_key == "wk");
  REQUIRE(b.accepted.size() == 2);
  REQUIRE(b.rejected.size() == 2);
  CHECK(b.accepted[0].index == 0);
  CHECK(b.accepted[1].index == 2);
  CHECK(b.rejected[0].index == 1);
  CHECK(has_problem_at(b.rejected[0].problems, "/batch/1/event", "required"));
  CHECK(b.rejected[1].index == 3);
  CHECK(has_problem_at(b.rejected[1].problems, "/batch/3/timestamp", "must be an ISO-8601 date-time"));
  // Batch context goes under each event's own; the event's keys win.
  CHECK(b.accepted[0].event.context.at("locale") == "de");
  CHECK(b.accepted[0].event.context.at("library") == "cairn");
  // Batch sentAt applies only where the event has none.
  CHECK(b.accepted[0].event.sent_at_ms == 1795424400000);
  CHECK(b.accepted[1].event.sent_at_ms == 1795420800000);
}

TEST_CASE("read_batch refuses bad documents as a whole") {
  CHECK(has_problem_at(ce::read_batch(bj::parse("[]")).document_problems, "", "must be an object"));
  CHECK(has_problem_at(ce::read_batch(bj::parse("{}")).document_problems, "/batch", "required"));
  CHECK(has_problem_at(ce::read_batch(bj::parse(R"({"batch": {}})")).document_problems, "/batch",
                       "must be an array"));
  CHECK(has_problem_at(ce::read_batch(bj::parse(R"({"batch": [], "writeKey": 5})")).document_problems,
                       "/writeKey", "must be a string"));
  CHECK(has_problem_at(ce::read_batch(bj::parse(R"({"batch": [], "sentAt": "x"})")).document_problems,
                       "/sentAt", "ISO-8601"));
  CHECK(has_problem_at(ce::read_batch(bj::parse(R"({"batch": [], "context": 1})")).document_problems,
                       "/context", "must be an object"));
  ce::BatchLimits limits;
  limits.max_events = 2;
  ce::DecodedBatch big = ce::read_batch(bj::parse(R"({"batch": [{}, {}, {}]})"), limits);
  CHECK(has_problem_at(big.document_problems, "/batch", "has 3 items; the limit is 2"));
  CHECK(big.accepted.empty());
  CHECK(big.rejected.empty());
}

TEST_CASE("read_batch with an empty batch accepts nothing and rejects nothing") {
  ce::DecodedBatch b = ce::read_batch(bj::parse(R"({"batch": []})"));
  CHECK(b.document_problems.empty());
  CHECK(b.accepted.empty());
  CHECK(b.rejected.empty());
}

TEST_CASE("read_single takes the write key from the event and implies the type") {
  ce::DecodedBatch ok = ce::read_single(bj::parse(R"({"event": "x", "userId": "u", "writeKey": "k"})"),
                                        ce::EventType::track);
  CHECK(ok.write_key == "k");
  REQUIRE(ok.accepted.size() == 1);
  CHECK_FALSE(ok.accepted[0].event.unknown.contains("writeKey"));

  ce::DecodedBatch bad = ce::read_single(bj::parse(R"({"userId": "u"})"), ce::EventType::group);
  REQUIRE(bad.rejected.size() == 1);
  CHECK(has_problem_at(bad.rejected[0].problems, "/groupId", "required"));

  ce::DecodedBatch bad_key = ce::read_single(bj::parse(R"({"writeKey": 1})"), ce::EventType::track);
  CHECK(has_problem_at(bad_key.document_problems, "/writeKey", "must be a string"));
}

TEST_CASE("batch_parse_limits leaves room for the envelope above properties") {
  ce::EventLimits limits;
  limits.max_nesting_depth = 2;
  cj::ParseLimits p = ce::batch_parse_limits(1000, limits);
  cj::Problems ok, deep;
  CHECK(cj::parse_document(R"({"batch": [{"properties": {"a": {"b": 1}}}]})", ok, p));
  CHECK_FALSE(cj::parse_document(R"({"batch": [{"properties": {"a": {"b": {"c": 1}}}}]})", deep, p));
  CHECK(p.max_bytes == 1000);
}
