// The people search's case folding: every script with case that names are
// written in, one code point to one, invalid UTF-8 kept byte for byte.
#include "people/case_fold.h"

#include <catch2/catch.hpp>

#include <string>

namespace cp = cairn::people;

TEST_CASE("case fold: ASCII, Latin-1 and Latin Extended letters") {
  CHECK(cp::fold_case("Jane@Acme.IO") == "jane@acme.io");
  CHECK(cp::fold_case("ÀÉÎÕÜ ÇÑ Ø Þ") == "àéîõü çñ ø þ");
  CHECK(cp::fold_case("×") == "×");  // The multiplication sign sits among the capitals.
  CHECK(cp::fold_case("ŁÓDŹ ŞİŞLİ ČŘ Ő Ÿ") == "łódź şişli čř ő ÿ");  // İ → i, not i + U+0307.
  CHECK(cp::fold_case("ı") == "ı");
  CHECK(cp::fold_case("Ǆ ǅ Ǉ") == "ǆ ǆ ǉ");
}

TEST_CASE("case fold: Vietnamese, Greek, Cyrillic, Armenian, fullwidth") {
  CHECK(cp::fold_case("NGUYỄN THỊ ƠN ƯỚC") == "nguyễn thị ơn ước");
  CHECK(cp::fold_case("ΣΩΚΡΆΤΗΣ") == "σωκράτησ");
  CHECK(cp::fold_case("ς") == "σ");  // Final sigma folds with σ.
  CHECK(cp::fold_case("ЁЛКА ИВАН ЇЖАК Ґ") == "ёлка иван їжак ґ");
  CHECK(cp::fold_case("ԱՐԱՄ") == "արամ");
  CHECK(cp::fold_case("ＡＢＣ") == "ａｂｃ");
  CHECK(cp::fold_case("ẞ") == "ß");  // Simple folding: one code point, not "ss".
  CHECK(cp::fold_case("東京 ソニー") == "東京 ソニー");  // No case: unchanged.
}

TEST_CASE("case fold: every fold is one code point to one and lowercase stays") {
  for (char32_t c = 0; c < 0x10000; ++c) {
    char32_t f = cp::fold_code_point(c);
    if (f == c) continue;
    INFO(static_cast<unsigned>(c));
    CHECK(cp::fold_code_point(f) == f);  // Folding twice changes nothing.
  }
  CHECK(cp::fold_code_point(U'a') == U'a');
  CHECK(cp::fold_code_point(U'ж') == U'ж');
}

TEST_CASE("case fold: bytes that are not UTF-8 are kept as they are") {
  const std::string bad = std::string("A\xC3") + "B\xFF\xED\xA0\x80" + "\xC0\xAF";
  CHECK(cp::fold_case(bad) == std::string("a\xC3") + "b\xFF\xED\xA0\x80" + "\xC0\xAF");
  CHECK(cp::fold_case("") == "");
}

TEST_CASE("case fold: contains ignoring case") {
  CHECK(cp::contains_ignoring_case("Jane@Acme.IO", "acme.io"));
  CHECK(cp::contains_ignoring_case("José", "JOSÉ"));
  CHECK(cp::contains_ignoring_case("abc", ""));
  CHECK_FALSE(cp::contains_ignoring_case("ab", "abc"));
  CHECK_FALSE(cp::contains_ignoring_case("José", "JOSE"));  // Accents count.
}
