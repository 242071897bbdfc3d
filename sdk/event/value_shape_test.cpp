#include "event/value_shape.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <limits>

namespace ce = cairn::event;
namespace bj = boost::json;

namespace {
constexpr ce::ShapeLimits kWide{100, 1000, 1000};
}

TEST_CASE("measure_shape counts depth and members at every level") {
  CHECK(ce::measure_shape(bj::parse("5"), kWide).depth == 0);
  CHECK(ce::measure_shape(bj::parse("{}"), kWide).depth == 1);
  ce::ValueShape s = ce::measure_shape(bj::parse(R"({"a": {"b": [1, 2, {"c": true}]}})"), kWide);
  CHECK(s.depth == 4);
  CHECK(s.members == 6);  // a, b, three items, c
  CHECK_FALSE(s.too_deep);
  CHECK_FALSE(s.too_many_members);
  CHECK_FALSE(s.string_too_long);
}

TEST_CASE("measure_shape's size bound is never below the real JSON size") {
  const char* docs[] = {R"({"a": "x\"y\n", "b": [1.5e300, -7, null, false], "c": {"d": ""}})",
                        R"(["\u0001", "ü", {"k\\": 123456789012345}])"};
  for (const char* text : docs) {
    bj::value v = bj::parse(text);
    ce::ValueShape s = ce::measure_shape(v, kWide);
    CHECK(s.serialized_bytes >= bj::serialize(v).size());
    CHECK(s.serialized_bytes <= bj::serialize(v).size() * 4);
  }
}

TEST_CASE("measure_shape stops at the depth and member limits") {
  std::string deep(20, '[');
  deep += std::string(20, ']');
  ce::ValueShape d = ce::measure_shape(bj::parse(deep), {4, 1000, 1000});
  CHECK(d.too_deep);
  CHECK(d.depth == 5);  // Stops one level past the limit.

  std::string many = "[";
  for (int i = 0; i < 100; ++i) many += (i ? ",1" : "1");
  many += "]";
  ce::ValueShape m = ce::measure_shape(bj::parse(many), {10, 10, 1000});
  CHECK(m.too_many_members);
  CHECK(m.members == 11);
}

TEST_CASE("measure_shape points at the first string or key that is too long") {
  ce::ValueShape s =
      ce::measure_shape(bj::parse(R"({"ok": "short", "list": [1, {"a/b": "long string here"}]})"), {10, 100, 8});
  REQUIRE(s.string_too_long);
  CHECK(s.long_string_pointer == "/list/1/a~1b");
  CHECK(s.long_string_bytes == 16);

  ce::ValueShape k = ce::measure_shape(bj::parse(R"({"a_very_long_key": 1})"), {10, 100, 8});
  REQUIRE(k.string_too_long);
  CHECK(k.long_string_pointer == "/a_very_long_key");
}

TEST_CASE("measure_shape points at the first number that is not finite") {
  bj::object o;
  o["ok"] = 1.5;
  bj::array a;
  a.push_back(2);
  a.push_back(std::numeric_limits<double>::infinity());
  o["list"] = a;
  ce::ValueShape s = ce::measure_shape(o, kWide);
  REQUIRE(s.non_finite_number);
  CHECK(s.non_finite_pointer == "/list/1");
  CHECK_FALSE(ce::measure_shape(bj::parse(R"({"a": 1e308, "b": -5})"), kWide).non_finite_number);
}
