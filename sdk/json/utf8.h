// UTF-8 well-formedness (Unicode 15, table 3-7), shared by the compact JSON
// parser and is_valid_utf8 so both refuse exactly what Boost.JSON refuses;
// and the one UTF-8 encoder of the core (JSON escapes, the locator's text
// normalization).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cairn::json {

// The length (1-4) of the well-formed UTF-8 sequence at `p`, or 0 if the bytes
// in [p, end) do not start one: overlong forms, surrogates (U+D800-DFFF), code
// points past U+10FFFF and truncated sequences are all refused.
// REQUIRES: p < end.
inline std::size_t utf8_sequence_length(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  std::size_t len;
  std::uint32_t cp;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (static_cast<std::size_t>(end - p) < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Writes code point `cp` (<= U+10FFFF) as 1-4 UTF-8 bytes into `bytes`;
// returns how many.
inline std::size_t encode_utf8(std::uint32_t cp, char (&bytes)[4]) {
  std::size_t n;
  if (cp < 0x80) {
    bytes[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    bytes[0] = static_cast<char>(0xC0 | (cp >> 6));
    n = 2;
  } else if (cp < 0x10000) {
    bytes[0] = static_cast<char>(0xE0 | (cp >> 12));
    n = 3;
  } else {
    bytes[0] = static_cast<char>(0xF0 | (cp >> 18));
    n = 4;
  }
  for (std::size_t i = 1; i < n; ++i) {
    bytes[i] = static_cast<char>(0x80 | ((cp >> (6 * (n - 1 - i))) & 0x3F));
  }
  return n;
}

// The longest prefix of `text` of at most `max_bytes` bytes that ends on a code
// point boundary, so a clipped text stays valid UTF-8 and both sides of a
// comparison clip alike. REQUIRES: `text` is valid UTF-8 (then so is the result).
inline std::string_view clip_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the cut code point.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// True if `text` holds an ASCII control character (U+0000-001F or U+007F):
// names shown in a list (an app's, a saved funnel's) refuse them, as they
// print as nothing or break the line.
inline bool has_control_character(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  }
  return false;
}

}  // namespace cairn::json
