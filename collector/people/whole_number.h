// Reading the whole numbers of the people routes' query parameters.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

namespace cairn::people {

// A whole decimal number in [min, max]; nullopt for anything else (signs,
// spaces, fractions, overflow).
inline std::optional<std::int64_t> whole_number(const std::string& text, std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || text.front() == '-' || ec != std::errc() || stop != end) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace cairn::people
