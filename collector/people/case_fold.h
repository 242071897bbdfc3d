// Simple Unicode case folding for the people search: "JOSÉ" finds "José",
// "ÖZTÜRK" finds "Öztürk", "ИВАН" finds "Иван". Customer-success teams type
// the names and emails of people all over the world, and SQLite (without ICU)
// folds only ASCII.
//
// Folds the uppercase and titlecase letters of the scripts with case that
// names are written in (Latin with its extensions and Vietnamese, Greek,
// Cyrillic, Armenian, fullwidth Latin) to their lowercase, one code point to
// one code point (Unicode's "simple" folding: ẞ → ß, not "ss"; and Turkish İ
// → i, which simple folding leaves alone). Accents are
// kept: "Jose" does not find "José". Bytes that are not valid UTF-8 are kept
// as they are, so folding never loses or invents text.
#pragma once

#include <string>
#include <string_view>

namespace cairn::people {

// One code point's simple case fold (itself when it has none).
char32_t fold_code_point(char32_t c);

// `utf8` with every code point folded.
std::string fold_case(std::string_view utf8);

// True if `haystack` contains `needle`, both compared folded.
bool contains_ignoring_case(std::string_view haystack, std::string_view needle);

}  // namespace cairn::people
