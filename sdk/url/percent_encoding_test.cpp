#include "url/percent_encoding.h"

#include <catch2/catch.hpp>

using namespace cairn::url;

TEST_CASE("hex digits of either case") {
  CHECK(hex_digit_value('0') == 0);
  CHECK(hex_digit_value('9') == 9);
  CHECK(hex_digit_value('a') == 10);
  CHECK(hex_digit_value('F') == 15);
  CHECK(hex_digit_value('g') == -1);
  CHECK(hex_digit_value('%') == -1);
}

TEST_CASE("strict decoding refuses malformed escapes and NUL, keeps +") {
  CHECK(percent_decode_strict("/a%20b+c").value() == "/a b+c");
  CHECK(percent_decode_strict("%41%6a").value() == "Aj");
  CHECK_FALSE(percent_decode_strict("/a%2").has_value());
  CHECK_FALSE(percent_decode_strict("/a%").has_value());
  CHECK_FALSE(percent_decode_strict("/a%zz").has_value());
  CHECK_FALSE(percent_decode_strict("/a%00b").has_value());
  CHECK(percent_decode_strict("").value().empty());
}

TEST_CASE("form decoding turns + into a space and keeps malformed escapes") {
  CHECK(percent_decode_form("a+b%2Fc") == "a b/c");
  CHECK(percent_decode_form("100%") == "100%");
  CHECK(percent_decode_form("%zz%4") == "%zz%4");
  CHECK(percent_decode_form("%2B") == "+");
}
