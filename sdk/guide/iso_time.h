// ISO-8601 UTC timestamps as guide documents write them: exactly
// "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.sssZ", years 1970..9999. No
// offsets other than "Z", so a schedule means the same instant everywhere.
//
// Threading: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::guide {

// Milliseconds since the Unix epoch, or nullopt if `text` is not in the format
// above or names an impossible date (2026-02-30).
std::optional<std::int64_t> parse_iso8601_utc(std::string_view text);

// The shortest form of the format above: no fraction when the milliseconds are 0.
// REQUIRES: 0 <= ms < the start of year 10000.
std::string format_iso8601_utc(std::int64_t ms);

}  // namespace cairn::guide
