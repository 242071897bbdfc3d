#include "json/decimal_to_double.h"

#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace cj = cairn::json;

namespace {

std::uint64_t bits(double d) {
  std::uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// std::from_chars (libstdc++'s own algorithm) is the reference; it reports
// overflow and underflow to zero as out of range, where strtod gives +-inf / +-0.
std::uint64_t expected_bits(const std::string& number) {
  double d = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), d);
  REQUIRE(end == number.data() + number.size());
  if (ec == std::errc::result_out_of_range) d = std::strtod(number.c_str(), nullptr);
  return bits(d);
}

}  // namespace

TEST_CASE("decimal_to_double rounds the hard cases correctly") {
  const char* const numbers[] = {
      "0",
      "-0",
      "0.0e5",
      "1",
      "-1",
      "0.1",
      "0.3",
      "1e23",
      "8.98846567431158e307",
      "9007199254740993",                                         // 2^53 + 1: a tie, to even
      "9007199254740995",                                         // a tie, up to even
      "1.00000000000000011102230246251565404236316680908203125",  // exactly halfway
      "1.00000000000000011102230246251565404236316680908203124",
      "1.00000000000000011102230246251565404236316680908203126",
      "1.000000000000000111022302462515654042363166809082031250000000000000000001",
      "2.2250738585072011e-308",
      "2.2250738585072012e-308",
      "2.2250738585072014e-308",
      "4.9406564584124654e-324",
      "2.4703282292062327e-324",
      "2.4703282292062328e-324",
      "2."
      "47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180"
      "81799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858"
      "39244910518443593180284993653615250031937045767824921936562366986365848075700158576926990370"
      "63119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999"
      "77096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537"
      "45851666113422376667860416215968046191446729184030053005753084904876539171138659164623952491"
      "26236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551"
      "89313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591"
      "3276672363281255e-324",
      "1.7976931348623157e308",
      "1.7976931348623158e308",
      "1.7976931348623159e308",
      "1e309",
      "-1e400",
      "1e-400",
      "7.2057594037927933e16",
      "123456789012345678901234567890",
      "0.000000000000000000000000000000000000000000001e-280",
      "12345678901234567890e-330",
  };
  for (const char* number : numbers) {
    INFO("number: " << number);
    CHECK(bits(cj::decimal_to_double(number)) == expected_bits(number));
  }
  CHECK(std::isinf(cj::decimal_to_double("1e2147483647")));
  CHECK(bits(cj::decimal_to_double("-1e-2147483647")) == bits(-0.0));
}

TEST_CASE("decimal_to_double agrees with from_chars on random long and tiny numbers") {
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; ++i) {
    std::string number = rng() % 2 ? "-" : "";
    const std::size_t digits = 1 + rng() % (i % 10 == 0 ? 900 : 40);
    number += static_cast<char>('1' + rng() % 9);
    for (std::size_t k = 1; k < digits; ++k) number += static_cast<char>('0' + rng() % 10);
    if (rng() % 2) number.insert(1 + rng() % number.size() / 2 + (number[0] == '-'), ".");
    if (number.back() == '.') number += '5';
    const int exponent = static_cast<int>(rng() % 700) - 360;
    number += "e" + std::to_string(exponent - static_cast<int>(digits));
    INFO("number: " << number);
    CHECK(bits(cj::decimal_to_double(number)) == expected_bits(number));
  }
}
