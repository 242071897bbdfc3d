// write_compact against boost::json::serialize: byte-identical text for values
// without doubles, and for every value text that parses back to an equal value.
// Natively doubles are printed by std::to_chars (shortest round trip), as the
// browser's String(number) prints them in the WASM build.

#include "json/compact_parser.h"
#include "json/compact_writer.h"
#include "json/random_json_test_support.h"
#include "json/writer.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace cj = cairn::json;
namespace bj = boost::json;

namespace {

int to_chars_shortest(double value, char* out, int capacity) {
  const auto result = std::to_chars(out, out + capacity, value);
  return result.ec == std::errc() ? static_cast<int>(result.ptr - out) : -1;
}

std::string compact(const bj::value& v) { return cj::write_compact(v, to_chars_shortest); }

std::optional<bj::value> parse(std::string_view text) {
  cj::Problems problems;
  return cj::parse_compact(text, problems, 64);
}

// Counts the doubles in `v`, and among them the non-finite ones.
void count_doubles(const bj::value& v, int& doubles, int& non_finite) {
  if (v.is_double()) {
    ++doubles;
    if (!std::isfinite(v.get_double())) ++non_finite;
  } else if (v.is_array()) {
    for (const bj::value& item : v.get_array()) count_doubles(item, doubles, non_finite);
  } else if (v.is_object()) {
    for (const auto& member : v.get_object()) count_doubles(member.value(), doubles, non_finite);
  }
}

}  // namespace

TEST_CASE("to_text is Boost's serializer in native builds") {
  const bj::value v = {{"a", 1.5}, {"b", {1, "x\n"}}};
  CHECK(cj::to_text(v) == bj::serialize(v));
}

TEST_CASE("write_compact escapes strings as Boost does") {
  std::string every_byte;
  for (int c = 1; c < 256; ++c) every_byte.push_back(static_cast<char>(c));
  every_byte.push_back('\0');
  for (const bj::value& v : {bj::value(every_byte), bj::value("caf\xc3\xa9 \xf0\x9f\x98\x80"),
                             bj::value(""), bj::value({{every_byte, "\"\\/"}})}) {
    CHECK(compact(v) == bj::serialize(v));
  }
}

TEST_CASE("write_compact writes integers exactly and literals as Boost does") {
  for (const bj::value& v :
       {bj::value(std::numeric_limits<std::int64_t>::min()),
        bj::value(std::numeric_limits<std::int64_t>::max()),
        bj::value(std::numeric_limits<std::uint64_t>::max()), bj::value(0), bj::value(-1),
        bj::value(nullptr), bj::value(true), bj::value(false), bj::value(bj::array()),
        bj::value(bj::object())}) {
    CHECK(compact(v) == bj::serialize(v));
  }
}

TEST_CASE("integer_text writes what std::to_string wrote") {
  for (std::int64_t n : {std::numeric_limits<std::int64_t>::min(), std::int64_t{-1000}, std::int64_t{-1},
                         std::int64_t{0}, std::int64_t{7}, std::int64_t{10}, std::int64_t{4294967296},
                         std::numeric_limits<std::int64_t>::max()}) {
    CHECK(cj::integer_text(n) == std::to_string(n));
  }
  // The core passes sizes and ints; they convert without a cast.
  CHECK(cj::integer_text(std::numeric_limits<std::uint32_t>::max()) == "4294967295");
  CHECK(cj::integer_text(std::numeric_limits<int>::min()) == "-2147483648");
}

TEST_CASE("write_compact keeps doubles doubles") {
  CHECK(compact(bj::value(1.0)) == "1.0");
  CHECK(compact(bj::value(1.5)) == "1.5");
  CHECK(compact(bj::value(0.0)) == "0.0");
  const auto minus_zero = parse(compact(bj::value(-0.0)));
  REQUIRE(minus_zero);
  REQUIRE(minus_zero->is_double());
  CHECK(std::signbit(minus_zero->get_double()));
  for (double d : {1e300, -1e-300, 5e-324, 1.7976931348623157e308, 0.1, 1e21, 123456789.0}) {
    const auto back = parse(compact(bj::value(d)));
    REQUIRE(back);
    REQUIRE(back->is_double());
    CHECK(back->get_double() == d);
  }
  // Not JSON, but what Boost writes; the formatter is not called for them.
  for (double d : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                   std::numeric_limits<double>::quiet_NaN()}) {
    CHECK(compact(bj::value(d)) == bj::serialize(bj::value(d)));
  }
}

TEST_CASE("write_compact agrees with Boost on random documents") {
  cj::testing::Generator gen(777);
  int without_doubles = 0, with_doubles = 0;
  for (int i = 0; i < 6000; ++i) {
    const std::string doc = gen.value(static_cast<int>(gen.below(8)));
    INFO("document: " << doc);
    const auto value = parse(doc);
    REQUIRE(value);
    int doubles = 0, non_finite = 0;
    count_doubles(*value, doubles, non_finite);
    const std::string text = compact(*value);
    INFO("written: " << text);
    if (doubles == 0) {
      CHECK(text == bj::serialize(*value));
      ++without_doubles;
    }
    if (non_finite > 0) continue;  // Infinity does not parse back, with Boost either.
    const auto back = parse(text);
    REQUIRE(back);
    CHECK(*back == *value);
    if (doubles > 0) ++with_doubles;
  }
  CHECK(without_doubles > 1000);
  CHECK(with_doubles > 1000);
}
