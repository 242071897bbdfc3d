// Locale-tolerant text comparison for the matcher: texts are compared after
// case folding, Latin diacritic removal, punctuation-to-space and whitespace
// collapsing, and then as sets of word keys (a word's first six letters, so
// "project"/"projects" and "setting"/"settings" agree).
//
// Threading: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::locator {

// Folds `text` for comparison: ASCII, Latin-1 and Latin Extended-A letters
// lower-cased without diacritics ("Éé" -> "ee", "ß" -> "ss"), basic Greek and
// Cyrillic lower-cased, ASCII punctuation and Unicode spaces become one space,
// leading/trailing space trimmed. Other code points pass through unchanged.
// Invalid UTF-8 bytes are dropped. Linear in the input.
std::string normalize_text(std::string_view text);
// The same into `out` (cleared first), reusing its capacity: the matcher's hot loop.
void normalize_text_into(std::string_view text, std::string& out);

// Sorted, de-duplicated 64-bit keys of the words of an already normalised text.
std::vector<std::uint64_t> word_keys(std::string_view normalized);
void word_keys_into(std::string_view normalized, std::vector<std::uint64_t>& out);

// Dice coefficient of two sorted key sets: 1 when equal, 0 when disjoint or
// either is empty.
double word_overlap(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// 64-bit FNV-1a, the hash behind word keys and the matcher's value counting.
std::uint64_t hash_text(std::string_view text);

// The primary language subtag of a BCP 47 tag, lower case ("pt-BR" -> "pt").
std::string language_of(std::string_view locale);

}  // namespace cairn::locator
