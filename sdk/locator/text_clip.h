// Clipping strings to a byte budget without splitting a UTF-8 code point, so a
// truncated text is still valid UTF-8 and both sides of a comparison clip alike.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cairn::locator {

// The longest prefix of `text` of at most `max_bytes` bytes that ends on a code
// point boundary. REQUIRES: `text` is valid UTF-8 (then so is the result).
inline std::string_view clip_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the cut code point.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace cairn::locator
