#include "guide/iso_time.h"

#include <catch2/catch.hpp>

namespace cg = cairn::guide;

TEST_CASE("ISO-8601 UTC parsing") {
  CHECK(cg::parse_iso8601_utc("1970-01-01T00:00:00Z") == 0);
  CHECK(cg::parse_iso8601_utc("1970-01-01T00:00:01.250Z") == 1250);
  CHECK(cg::parse_iso8601_utc("2026-03-01T09:00:00Z") == 1772355600000);
  CHECK(cg::parse_iso8601_utc("2024-02-29T23:59:59Z") == 1709251199000);
  CHECK(cg::parse_iso8601_utc("9999-12-31T23:59:59.999Z") == 253402300799999);
  for (const char* bad : {"", "2026-03-01", "2026-03-01T09:00:00", "2026-03-01T09:00:00+00:00",
                          "2026-03-01 09:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                          "2026-00-10T00:00:00Z", "2026-01-10T24:00:00Z", "2026-01-10T10:60:00Z",
                          "2026-01-10T10:00:60Z", "1969-12-31T23:59:59Z", "2026-01-10T10:00:00.5Z",
                          "2026-01-10T10:00:00,500Z", "+026-01-10T10:00:00Z", "2026-1a-10T10:00:00Z"}) {
    INFO(bad);
    CHECK_FALSE(cg::parse_iso8601_utc(bad));
  }
}

TEST_CASE("ISO-8601 UTC formatting is the shortest form and round-trips") {
  CHECK(cg::format_iso8601_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(cg::format_iso8601_utc(1250) == "1970-01-01T00:00:01.250Z");
  CHECK(cg::format_iso8601_utc(1772355600000) == "2026-03-01T09:00:00Z");
  for (std::int64_t ms : {std::int64_t{0}, std::int64_t{951782400000}, std::int64_t{1709251199000},
                          std::int64_t{4102444800123}, std::int64_t{253402300799999}}) {
    CHECK(cg::parse_iso8601_utc(cg::format_iso8601_utc(ms)) == ms);
  }
}
