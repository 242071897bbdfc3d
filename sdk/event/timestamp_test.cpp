#include "event/timestamp.h"

#include <catch2/catch.hpp>

namespace ce = cairn::event;

TEST_CASE("parse_iso8601 reads UTC, offsets and fractions") {
  CHECK(ce::parse_iso8601("1970-01-01T00:00:00Z") == 0);
  CHECK(ce::parse_iso8601("1970-01-01T00:00:01.5Z") == 1500);
  CHECK(ce::parse_iso8601("1970-01-01T00:00:00.123456789Z") == 123);
  CHECK(ce::parse_iso8601("2026-11-23T09:15:55.123Z") == 1795425355123);
  CHECK(ce::parse_iso8601("2026-11-23T10:15:55.123+01:00") == 1795425355123);
  CHECK(ce::parse_iso8601("2026-11-23T04:45:55.123-0430") == 1795425355123);
  CHECK(ce::parse_iso8601("2026-11-23 09:15:55.123z") == 1795425355123);
  CHECK(ce::parse_iso8601("2024-02-29T00:00:00Z") == 1709164800000);
  CHECK(ce::parse_iso8601("2016-12-31T23:59:60Z") == ce::parse_iso8601("2016-12-31T23:59:59Z"));
}

TEST_CASE("parse_iso8601 refuses malformed and impossible times") {
  const char* bad[] = {
      "",
      "2026-11-23",
      "2026-11-23T09:15:55",        // No zone: ambiguous.
      "2026-11-23T09:15Z",
      "2026-13-01T00:00:00Z",
      "2026-00-01T00:00:00Z",
      "2025-02-29T00:00:00Z",       // Not a leap year.
      "2026-04-31T00:00:00Z",
      "2026-11-23T24:00:00Z",
      "2026-11-23T09:60:00Z",
      "2026-11-23T09:15:55.Z",
      "2026-11-23T09:15:55.1234567890Z",
      "2026-11-23T09:15:55+25:00",
      "2026-11-23T09:15:55Zjunk",
      "1969-12-31T23:59:59Z",       // Before the epoch.
      "+12026-11-23T09:15:55Z",
      "2026/11/23T09:15:55Z",
  };
  for (const char* text : bad) {
    INFO(text);
    CHECK_FALSE(ce::parse_iso8601(text));
  }
}

TEST_CASE("format_iso8601 writes milliseconds in UTC and round-trips") {
  CHECK(ce::format_iso8601(0) == "1970-01-01T00:00:00.000Z");
  CHECK(ce::format_iso8601(1795425355123) == "2026-11-23T09:15:55.123Z");
  CHECK(ce::format_iso8601(ce::kMaxTimestampMs) == "9999-12-31T23:59:59.999Z");
  for (std::int64_t ms : {std::int64_t{1}, std::int64_t{951782400000}, std::int64_t{4102444800000},
                          std::int64_t{1709164800999}}) {
    CHECK(ce::parse_iso8601(ce::format_iso8601(ms)) == ms);
  }
}
