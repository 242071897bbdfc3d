// ISO-8601 / RFC 3339 date-times, the form events carry their times in
// ("2026-11-23T09:15:55.123Z", "2026-11-23T10:15:55+01:00"), to and from
// milliseconds since the Unix epoch (UTC). Pure functions; no clock, no locale.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::event {

// Earliest and latest instants an event may carry (1970-01-01 and 9999-12-31):
// anything outside is a client bug, not a time.
inline constexpr std::int64_t kMinTimestampMs = 0;
inline constexpr std::int64_t kMaxTimestampMs = 253402300799999;

// Parses "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)" ('t', 'z' and a space
// instead of 'T' are accepted too). Fractions beyond milliseconds are truncated.
// Returns nullopt for anything else, including impossible dates (Feb 30) and
// instants outside [kMinTimestampMs, kMaxTimestampMs].
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// "YYYY-MM-DDTHH:MM:SS.mmmZ". REQUIRES: kMinTimestampMs <= ms <= kMaxTimestampMs.
std::string format_iso8601(std::int64_t ms);

}  // namespace cairn::event
