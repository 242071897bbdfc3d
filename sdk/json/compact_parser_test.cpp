// parse_compact (the WASM build's parser) against parse_with_boost (the native
// one): the same texts accepted, the same values built, and clear reasons for
// the rest. A hand-written corpus covers each rule; a seeded generator of valid
// documents and byte mutations of them covers the combinations.
#include "json/boost_parser.h"
#include "json/compact_parser.h"
#include "json/random_json_test_support.h"
#include "json/utf8.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace cj = cairn::json;
namespace bj = boost::json;

namespace {

struct Outcome {
  std::optional<bj::value> value;
  std::string reason;  // The one problem's reason when refused.
};

Outcome compact(std::string_view text, std::size_t max_depth = 32) {
  cj::Problems problems;
  Outcome out{cj::parse_compact(text, problems, max_depth), ""};
  if (problems.total() == 1) out.reason = problems.stored()[0].reason;
  CHECK(out.value.has_value() == problems.empty());
  return out;
}

Outcome boost_parse(std::string_view text, std::size_t max_depth = 32) {
  cj::Problems problems;
  Outcome out{cj::parse_with_boost(text, problems, max_depth), ""};
  if (problems.total() == 1) out.reason = problems.stored()[0].reason;
  return out;
}

// Distance between two doubles in units in the last place (0 = same bits;
// the largest double and infinity are 1 apart).
std::uint64_t ulps(double a, double b) {
  auto ordered = [](double d) {
    std::int64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    return bits < 0 ? INT64_MIN - bits : bits;
  };
  const std::int64_t x = ordered(a), y = ordered(b);
  return x > y ? static_cast<std::uint64_t>(x - y) : static_cast<std::uint64_t>(y - x);
}

// Boost 1.81 keeps at most ~19 digits and scales by inexact powers of ten, so
// its doubles may be a few ULPs from the correctly rounded one; everything
// else must be identical: kinds (int64/uint64/double), key order, bytes.
constexpr std::uint64_t kBoostUlps = 2;

bool same(const bj::value& a, const bj::value& b, std::uint64_t& worst_ulps) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case bj::kind::double_: {
      // Boost makes 0e400 NaN (0 * inf); it is 0.
      if (std::isnan(b.get_double())) return a.get_double() == 0;
      const std::uint64_t d = ulps(a.get_double(), b.get_double());
      worst_ulps = std::max(worst_ulps, d);
      return d <= kBoostUlps;
    }
    case bj::kind::array: {
      const bj::array &x = a.get_array(), &y = b.get_array();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!same(x[i], y[i], worst_ulps)) return false;
      }
      return true;
    }
    case bj::kind::object: {
      const bj::object &x = a.get_object(), &y = b.get_object();
      if (x.size() != y.size()) return false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
        if (i->key() != j->key() || !same(i->value(), j->value(), worst_ulps)) return false;
      }
      return true;
    }
    default: return a == b;
  }
}

// Both parsers agree on `text`: both refuse it, or both build the same value
// (then `accepted`).
bool agree(std::string_view text, std::size_t max_depth, std::uint64_t& worst_ulps,
           bool& accepted) {
  const Outcome c = compact(text, max_depth), b = boost_parse(text, max_depth);
  accepted = c.value.has_value();
  if (c.value.has_value() != b.value.has_value()) return false;
  return !c.value || same(*c.value, *b.value, worst_ulps);
}

// The correctly rounded double for a JSON number (std::from_chars: not the
// parser's algorithm), or when out of range strtod's +-inf / +-0.
double correctly_rounded(const std::string& number) {
  double d = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), d);
  REQUIRE(end == number.data() + number.size());
  if (ec == std::errc::result_out_of_range) return std::strtod(number.c_str(), nullptr);
  return d;
}

struct Case {
  std::string text;
  std::string reason;  // parse_compact's reason; empty: valid.
};

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = {
      // Values of every kind, whitespace.
      {"null", ""},
      {"true", ""},
      {"false", ""},
      {" \t\r\n[ 1 , {\"a\" : [ ] } ]\n ", ""},
      {"{}", ""},
      {"[]", ""},
      {"\"\"", ""},
      {"[[],{},\"\",0]", ""},
      {"{\"a\":1,\"b\":2,\"a\":3}", ""},
      {"{\"a\":{\"x\":1},\"a\":[2]}", ""},
      {"{\"\":0,\"\":1}", ""},
      // Numbers: where int64, uint64 and double meet.
      {"0", ""},
      {"-0", ""},
      {"-0.0", ""},
      {"0.0", ""},
      {"1.0", ""},
      {"1e2", ""},
      {"1E+2", ""},
      {"1e-2", ""},
      {"0e400", ""},
      {"-0.0e999", ""},
      {"-1", ""},
      {"123456789", ""},
      {"9223372036854775807", ""},
      {"9223372036854775808", ""},
      {"18446744073709551615", ""},
      {"18446744073709551616", ""},
      {"-9223372036854775808", ""},
      {"-9223372036854775809", ""},
      {"12345678901234567890123", ""},
      {"-12345678901234567890123", ""},
      {"0.1", ""},
      {"0.30000000000000004", ""},
      {"1.7976931348623157e308", ""},
      {"4.9406564584124654e-324", ""},
      {"2.2250738585072014e-308", ""},
      {"2.2250738585072011e-308", ""},
      {"1e400", ""},
      {"-1e400", ""},
      {"1e-400", ""},
      {"-1e-400", ""},
      {"0e0", ""},
      {"-0e-0", ""},
      {"1e2147483647", ""},
      {"1.5e-2147483647", ""},
      {"123456789012345678901234567890e-2147483647", ""},
      {"0.000000000000000000000000000001", ""},
      {"9007199254740993", ""},
      {"9007199254740993.0", ""},
      {"1234567890123.12345", ""},
      {"3.14159265358979323846264338327950288", ""},
      {"1e22", ""},
      {"1e23", ""},
      {"123456e-20", ""},
      {"[1e5,1E5,1e+5,1e-5,-1.5e-5]", ""},
      // Numbers refused.
      {"01", "invalid JSON at byte 1: extra data"},
      {"[01]", "invalid JSON at byte 2: syntax error"},
      {"-01", "invalid JSON at byte 2: extra data"},
      {"+1", "invalid JSON at byte 0: syntax error"},
      {".5", "invalid JSON at byte 0: syntax error"},
      {"1.", "invalid JSON at byte 2: incomplete JSON"},
      {"[1.]", "invalid JSON at byte 3: syntax error"},
      {"1.e1", "invalid JSON at byte 2: syntax error"},
      {"1e", "invalid JSON at byte 2: incomplete JSON"},
      {"1e+", "invalid JSON at byte 3: incomplete JSON"},
      {"[1e+]", "invalid JSON at byte 4: syntax error"},
      {"-", "invalid JSON at byte 1: incomplete JSON"},
      {"[-]", "invalid JSON at byte 2: syntax error"},
      {"--1", "invalid JSON at byte 1: syntax error"},
      {"NaN", "invalid JSON at byte 0: syntax error"},
      {"-Infinity", "invalid JSON at byte 1: syntax error"},
      {"0x10", "invalid JSON at byte 1: extra data"},
      {"1e2147483648", "invalid JSON at byte 11: exponent overflow"},
      {"1.55e-2147483647", "invalid JSON at byte 16: exponent overflow"},
      {"123456789012345678901234567890e2147483647", "invalid JSON at byte 41: exponent overflow"},
      {"1e99999999999999999999", "invalid JSON at byte 11: exponent overflow"},
      // Structure refused.
      {"", "invalid JSON at byte 0: incomplete JSON"},
      {"  ", "invalid JSON at byte 2: incomplete JSON"},
      {"[1,]", "invalid JSON at byte 3: syntax error"},
      {"{\"a\":1,}", "invalid JSON at byte 7: syntax error"},
      {"[1 2]", "invalid JSON at byte 3: syntax error"},
      {"{\"a\" 1}", "invalid JSON at byte 5: syntax error"},
      {"{\"a\": [1, 2", "invalid JSON at byte 11: incomplete JSON"},
      {"{} {}", "invalid JSON at byte 3: extra data"},
      {"{1:2}", "invalid JSON at byte 1: syntax error"},
      {"{'a':1}", "invalid JSON at byte 1: syntax error"},
      {"[,1]", "invalid JSON at byte 1: syntax error"},
      {"]", "invalid JSON at byte 0: syntax error"},
      {"tru", "invalid JSON at byte 3: incomplete JSON"},
      {"truex", "invalid JSON at byte 4: extra data"},
      {"nul", "invalid JSON at byte 3: incomplete JSON"},
      {"True", "invalid JSON at byte 0: syntax error"},
      {"[1]/*c*/", "invalid JSON at byte 3: extra data"},
      {"// c\n1", "invalid JSON at byte 0: syntax error"},
      {"\xef\xbb\xbf{}", "invalid JSON at byte 0: syntax error"},
      {"\f1", "invalid JSON at byte 0: syntax error"},
      {"[\"a\":1]", "invalid JSON at byte 4: syntax error"},
      {"{\"a\"}", "invalid JSON at byte 4: syntax error"},
      {std::string("[1,\0]", 5), "invalid JSON at byte 3: syntax error"},
      // Strings: escapes, surrogates, UTF-8.
      {"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", ""},
      {"\"\\u0000\\u001f\\u00e9\\u20AC\\uffff\"", ""},
      {"\"\\ud83d\\ude00\"", ""},
      {"\"\\uD83D\\uDE00x\"", ""},
      {"\"\\udbff\\udfff\"", ""},
      {"\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\x7f\"", ""},
      {"{\"\xc3\xa9\":\"\\u00e9\"}", ""},
      {"\"\\ud800\"", "invalid JSON at byte 7: expected utf16 escape"},
      {"\"\\ud800x\"", "invalid JSON at byte 7: expected utf16 escape"},
      {"\"\\ud800\\n\"", "invalid JSON at byte 8: syntax error"},
      {"\"\\ud800\\u0041\"", "invalid JSON at byte 7: illegal trailing surrogate"},
      {"\"\\ud800\\ud800\"", "invalid JSON at byte 7: illegal trailing surrogate"},
      {"\"\\udc00\"", "invalid JSON at byte 1: illegal leading surrogate"},
      {"\"\\udfff\\udc00\"", "invalid JSON at byte 1: illegal leading surrogate"},
      {"\"\\u12g4\"", "invalid JSON at byte 5: expected hex digit"},
      {"\"\\u12\"", "invalid JSON at byte 5: expected hex digit"},
      {"\"\\u12", "invalid JSON at byte 5: incomplete JSON"},
      {"\"\\x\"", "invalid JSON at byte 2: syntax error"},
      {"\"\\U0041\"", "invalid JSON at byte 2: syntax error"},
      {"\"\\", "invalid JSON at byte 2: incomplete JSON"},
      {"\"abc", "invalid JSON at byte 4: incomplete JSON"},
      {"\"a\x01\"", "invalid JSON at byte 2: control character in string"},
      {"\"a\nb\"", "invalid JSON at byte 2: control character in string"},
      {"'a'", "invalid JSON at byte 0: syntax error"},
      {"\"\xed\xa0\x80\"", "invalid JSON at byte 1: invalid UTF-8"},
      {"\"\xc0\x80\"", "invalid JSON at byte 1: invalid UTF-8"},
      {"\"\xc1\xbf\"", "invalid JSON at byte 1: invalid UTF-8"},
      {"\"\xe0\x9f\xbf\"", "invalid JSON at byte 1: invalid UTF-8"},
      {"\"\xf0\x8f\xbf\xbf\"", "invalid JSON at byte 1: invalid UTF-8"},
      {"\"\xf4\x90\x80\x80\"", "invalid JSON at byte 1: invalid UTF-8"},
      {"\"a\x80\"", "invalid JSON at byte 2: invalid UTF-8"},
      {"\"\xc3\"", "invalid JSON at byte 1: invalid UTF-8"},
      {"\"\xf8\x88\x80\x80\x80\"", "invalid JSON at byte 1: invalid UTF-8"},
      {"\"\xff\"", "invalid JSON at byte 1: invalid UTF-8"},
      {"{\"\xc3\x28\":1}", "invalid JSON at byte 2: invalid UTF-8"},
      {"\"\xe2\x82\"", "invalid JSON at byte 1: invalid UTF-8"},
      // Depth (the limit here is 32): 32 levels are fine, 33 are not.
      {std::string(32, '[') + std::string(32, ']'), ""},
      {std::string(33, '[') + std::string(33, ']'), "nesting deeper than 32 levels"},
      {std::string(100000, '['), "nesting deeper than 32 levels"},
      {"{\"a\":" + std::string(32, '[') + std::string(32, ']') + "}",
       "nesting deeper than 32 levels"},
  };
  return cases;
}

}  // namespace

TEST_CASE("parse_compact accepts and refuses the corpus as Boost's parser does") {
  for (const Case& c : corpus()) {
    INFO("text: " << c.text);
    const Outcome mine = compact(c.text), theirs = boost_parse(c.text);
    CHECK(mine.reason == c.reason);
    REQUIRE(mine.value.has_value() == theirs.value.has_value());
    if (!mine.value) continue;
    std::uint64_t worst = 0;
    CHECK(same(*mine.value, *theirs.value, worst));
  }
}

TEST_CASE("parse_compact builds int64, uint64 and double where Boost does") {
  CHECK(compact("-0").value->is_int64());
  CHECK(std::signbit(compact("-0.0").value->get_double()));
  CHECK(compact("9223372036854775807").value->is_int64());
  CHECK(compact("9223372036854775808").value->is_uint64());
  CHECK(compact("18446744073709551616").value->is_double());
  CHECK(compact("-9223372036854775808").value->get_int64() == INT64_MIN);
  CHECK(compact("-9223372036854775809").value->is_double());
  CHECK(compact("1.0").value->is_double());
  CHECK(compact("1e2").value->get_double() == 100.0);
  CHECK(std::isinf(compact("1e400").value->get_double()));
  // Boost makes these NaN (0 * inf); they are zeros.
  CHECK(compact("0e400").value->get_double() == 0);
  CHECK(std::signbit(compact("-0e400").value->get_double()));
  CHECK(compact("4.9406564584124654e-324").value->get_double() == 4.9406564584124654e-324);
  // A repeated key keeps its first place and its last value.
  CHECK(bj::serialize(*compact(R"({"a":1,"b":2,"a":3})").value) == R"({"a":3,"b":2})");
}

using cairn::json::testing::Generator;

TEST_CASE("parse_compact rounds every number correctly") {
  Generator gen(20261123);
  for (int i = 0; i < 20000; ++i) {
    const std::string number = gen.number();
    INFO("number: " << number);
    const Outcome mine = compact(number);
    REQUIRE(mine.value);
    if (!mine.value->is_double()) continue;
    CHECK(ulps(mine.value->get_double(), correctly_rounded(number)) == 0);
  }
}

TEST_CASE("parse_compact agrees with Boost on random documents and their mutations") {
  Generator gen(4242);
  std::uint64_t worst_ulps = 0;
  std::size_t accepted = 0, refused = 0;
  for (int i = 0; i < 6000; ++i) {
    const std::size_t max_depth = 1 + gen.below(6);
    const std::string doc = gen.value(static_cast<int>(gen.below(8)));
    INFO("document: " << doc << " (max depth " << max_depth << ")");
    bool accepted_doc = false;
    REQUIRE(agree(doc, max_depth, worst_ulps, accepted_doc));
    for (int m = 0; m < 10; ++m) {
      const std::string mutated = gen.mutate(doc);
      INFO("mutated: " << mutated);
      bool accepted_mutation = false;
      REQUIRE(agree(mutated, max_depth, worst_ulps, accepted_mutation));
      (accepted_mutation ? accepted : refused) += 1;
    }
  }
  // Both outcomes are exercised, and Boost's doubles stay within its bound.
  CHECK(accepted > 1000);
  CHECK(refused > 1000);
  CHECK(worst_ulps <= kBoostUlps);
}
