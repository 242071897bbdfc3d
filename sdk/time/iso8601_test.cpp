#include "time/iso8601.h"

#include <catch2/catch.hpp>

namespace ct = cairn::time;

TEST_CASE("parse_iso8601 reads UTC, offsets and fractions") {
  CHECK(ct::parse_iso8601("1970-01-01T00:00:00Z") == 0);
  CHECK(ct::parse_iso8601("1970-01-01T00:00:01.5Z") == 1500);
  CHECK(ct::parse_iso8601("1970-01-01T00:00:00.123456789Z") == 123);
  CHECK(ct::parse_iso8601("2026-11-23T09:15:55.123Z") == 1795425355123);
  CHECK(ct::parse_iso8601("2026-11-23T10:15:55.123+01:00") == 1795425355123);
  CHECK(ct::parse_iso8601("2026-11-23T04:45:55.123-0430") == 1795425355123);
  CHECK(ct::parse_iso8601("2026-11-23 09:15:55.123z") == 1795425355123);
  CHECK(ct::parse_iso8601("2024-02-29T00:00:00Z") == 1709164800000);
  CHECK(ct::parse_iso8601("2016-12-31T23:59:60Z") == ct::parse_iso8601("2016-12-31T23:59:59Z"));
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
    CHECK_FALSE(ct::parse_iso8601(text));
  }
}

TEST_CASE("format_iso8601 writes milliseconds in UTC and round-trips") {
  CHECK(ct::format_iso8601(0) == "1970-01-01T00:00:00.000Z");
  CHECK(ct::format_iso8601(1795425355123) == "2026-11-23T09:15:55.123Z");
  CHECK(ct::format_iso8601(ct::kMaxMs) == "9999-12-31T23:59:59.999Z");
  for (std::int64_t ms : {std::int64_t{1}, std::int64_t{951782400000}, std::int64_t{4102444800000},
                          std::int64_t{1709164800999}}) {
    CHECK(ct::parse_iso8601(ct::format_iso8601(ms)) == ms);
  }
}

TEST_CASE("parse_iso8601_utc reads only the strict UTC form") {
  CHECK(ct::parse_iso8601_utc("1970-01-01T00:00:00Z") == 0);
  CHECK(ct::parse_iso8601_utc("1970-01-01T00:00:01.250Z") == 1250);
  CHECK(ct::parse_iso8601_utc("2026-03-01T09:00:00Z") == 1772355600000);
  CHECK(ct::parse_iso8601_utc("2024-02-29T23:59:59Z") == 1709251199000);
  CHECK(ct::parse_iso8601_utc("9999-12-31T23:59:59.999Z") == 253402300799999);
  for (const char* bad : {"", "2026-03-01", "2026-03-01T09:00:00", "2026-03-01T09:00:00+00:00",
                          "2026-03-01 09:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                          "2026-00-10T00:00:00Z", "2026-01-10T24:00:00Z", "2026-01-10T10:60:00Z",
                          "2026-01-10T10:00:60Z", "1969-12-31T23:59:59Z", "2026-01-10T10:00:00.5Z",
                          "2026-01-10T10:00:00,500Z", "2026-01-10t10:00:00z", "2026-01-10T10:00:00.5000Z",
                          "2016-12-31T23:59:60Z", "+026-01-10T10:00:00Z", "2026-1a-10T10:00:00Z"}) {
    INFO(bad);
    CHECK_FALSE(ct::parse_iso8601_utc(bad));
  }
}

TEST_CASE("ISO-8601 UTC formatting is the shortest form and round-trips") {
  CHECK(ct::format_iso8601_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(ct::format_iso8601_utc(1250) == "1970-01-01T00:00:01.250Z");
  CHECK(ct::format_iso8601_utc(1772355600000) == "2026-03-01T09:00:00Z");
  for (std::int64_t ms : {std::int64_t{0}, std::int64_t{951782400000}, std::int64_t{1709251199000},
                          std::int64_t{4102444800123}, std::int64_t{253402300799999}}) {
    CHECK(ct::parse_iso8601_utc(ct::format_iso8601_utc(ms)) == ms);
  }
}
