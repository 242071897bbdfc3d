#include "people/case_fold.h"

#include "json/utf8.h"

#include <cstddef>
#include <cstdint>

namespace cairn::people {

namespace {

// Upper/lower pairs side by side (U+0100 Ā, U+0101 ā, ...) from `first`, an
// uppercase letter, to `last`.
bool pair_upper(char32_t c, char32_t first, char32_t last) {
  return c >= first && c <= last && (c - first) % 2 == 0;
}

// The letters of U+0180..U+03FF and U+1E9B whose fold follows no run: Ơ and Ư
// (Vietnamese), Ə (Azerbaijani), Ɛ, Ɔ (West African languages), Greek symbols.
struct Fold {
  std::uint16_t from, to;
};
constexpr Fold kIrregular[] = {
    {0x181, 0x253}, {0x182, 0x183}, {0x184, 0x185}, {0x186, 0x254}, {0x187, 0x188}, {0x189, 0x256},
    {0x18A, 0x257}, {0x18B, 0x18C}, {0x18E, 0x1DD}, {0x18F, 0x259}, {0x190, 0x25B}, {0x191, 0x192},
    {0x193, 0x260}, {0x194, 0x263}, {0x196, 0x269}, {0x197, 0x268}, {0x198, 0x199}, {0x19C, 0x26F},
    {0x19D, 0x272}, {0x19F, 0x275}, {0x1A0, 0x1A1}, {0x1A2, 0x1A3}, {0x1A4, 0x1A5}, {0x1A6, 0x280},
    {0x1A7, 0x1A8}, {0x1A9, 0x283}, {0x1AC, 0x1AD}, {0x1AE, 0x288}, {0x1AF, 0x1B0}, {0x1B1, 0x28A},
    {0x1B2, 0x28B}, {0x1B3, 0x1B4}, {0x1B5, 0x1B6}, {0x1B7, 0x292}, {0x1B8, 0x1B9}, {0x1BC, 0x1BD},
    {0x1F6, 0x195}, {0x1F7, 0x1BF}, {0x220, 0x19E}, {0x23A, 0x2C65}, {0x23B, 0x23C},
    {0x23D, 0x19A}, {0x23E, 0x2C66}, {0x241, 0x242}, {0x243, 0x180}, {0x244, 0x289},
    {0x245, 0x28C}, {0x345, 0x3B9}, {0x370, 0x371}, {0x372, 0x373}, {0x376, 0x377}, {0x37F, 0x3F3},
    {0x3CF, 0x3D7}, {0x3D0, 0x3B2}, {0x3D1, 0x3B8}, {0x3D5, 0x3C6}, {0x3D6, 0x3C0}, {0x3F0, 0x3BA},
    {0x3F1, 0x3C1}, {0x3F4, 0x3B8}, {0x3F5, 0x3B5}, {0x3F7, 0x3F8}, {0x3F9, 0x3F2}, {0x3FA, 0x3FB},
    {0x3FD, 0x37B}, {0x3FE, 0x37C}, {0x3FF, 0x37D}, {0x1E9B, 0x1E61}};

// The code point of the well-formed sequence of `length` bytes at `p`
// (json::utf8_sequence_length checked it).
char32_t code_point_at(const unsigned char* p, std::size_t length) {
  if (length == 1) return p[0];
  char32_t c = p[0] & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (p[k] & 0x3F);
  return c;
}

}  // namespace

char32_t fold_code_point(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  // Latin-1: À..Þ except ×.
  if (c >= 0xC0 && c <= 0xDE) return c == 0xD7 ? c : c + 32;
  if (c == 0xB5) return 0x3BC;  // micro sign → μ
  for (const Fold& f : kIrregular) {
    if (f.from == c) return f.to;
  }
  // Latin Extended-A.
  // İ (Turkish) has no simple fold (its full fold is i + U+0307); searching
  // "İSTANBUL" should find "istanbul", so it folds to i.
  if (c == 0x130) return 'i';
  if (c == 0x178) return 0xFF;  // Ÿ → ÿ
  if (c == 0x17F) return 's';   // long s
  if (pair_upper(c, 0x100, 0x12F) || pair_upper(c, 0x132, 0x137) ||
      pair_upper(c, 0x139, 0x148) || pair_upper(c, 0x14A, 0x177) ||
      pair_upper(c, 0x179, 0x17E)) {
    return c + 1;
  }
  // Latin Extended-B: the regular runs and the DŽ/LJ/NJ/DZ triples.
  if (c == 0x1C4 || c == 0x1C7 || c == 0x1CA || c == 0x1F1) return c + 2;
  if (c == 0x1C5 || c == 0x1C8 || c == 0x1CB || c == 0x1F2) return c + 1;
  if (pair_upper(c, 0x1CD, 0x1DC) || pair_upper(c, 0x1DE, 0x1EF) ||
      pair_upper(c, 0x1F4, 0x1F5) || pair_upper(c, 0x1F8, 0x21F) ||
      pair_upper(c, 0x222, 0x233) || pair_upper(c, 0x246, 0x24F)) {
    return c + 1;
  }
  // Greek.
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c == 0x3C2) return 0x3C3;  // final sigma folds with σ
  if (pair_upper(c, 0x3D8, 0x3EF)) return c + 1;
  // Cyrillic.
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (pair_upper(c, 0x460, 0x481) || pair_upper(c, 0x48A, 0x4BF) ||
      pair_upper(c, 0x4C1, 0x4CE) || pair_upper(c, 0x4D0, 0x52F)) {
    return c + 1;
  }
  if (c == 0x4C0) return 0x4CF;
  // Armenian.
  if (c >= 0x531 && c <= 0x556) return c + 48;
  // Latin Extended Additional (Vietnamese, Welsh, ...).
  if (c == 0x1E9E) return 0xDF;  // ẞ → ß
  if (pair_upper(c, 0x1E00, 0x1E95) || pair_upper(c, 0x1EA0, 0x1EFF)) return c + 1;
  // Fullwidth Latin (typed by Japanese, Chinese and Korean input methods).
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
  return c;
}

std::string fold_case(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const unsigned char* end = p + utf8.size();
  while (p < end) {
    const std::size_t length = json::utf8_sequence_length(p, end);
    if (length == 0) {  // Not UTF-8: kept byte for byte.
      out += static_cast<char>(*p++);
      continue;
    }
    char bytes[4];
    out.append(bytes, json::encode_utf8(fold_code_point(code_point_at(p, length)), bytes));
    p += length;
  }
  return out;
}

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  return fold_case(haystack).find(fold_case(needle)) != std::string::npos;
}

}  // namespace cairn::people
