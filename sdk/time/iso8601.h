// ISO-8601 / RFC 3339 date-times to and from milliseconds since the Unix epoch
// (UTC): the one parser and formatter every codec uses. Two forms:
//  - the lenient form events carry ("2026-11-23T10:15:55.123+01:00"): any zone
//    offset, any fraction length; and
//  - the strict UTC form guide documents write ("2026-03-01T09:00:00Z" or
//    "...:00.250Z"): only "Z", so a schedule means the same instant everywhere.
// Both accept only instants in [kMinMs, kMaxMs] (1970-01-01 to 9999-12-31).
//
// Threading: pure functions; no clock, no locale.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::time {

// Earliest and latest instants accepted and written: anything outside is a
// client bug, not a time.
inline constexpr std::int64_t kMinMs = 0;
inline constexpr std::int64_t kMaxMs = 253402300799999;

// Parses "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM|+HHMM|-HHMM)" ('t', 'z',
// ',' for '.', and a space instead of 'T' are accepted too). Fractions beyond
// milliseconds are truncated (at most 9 digits); a leap second ":60" folds into
// ":59". Returns nullopt for anything else, including impossible dates (Feb 30)
// and instants outside [kMinMs, kMaxMs].
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// Parses exactly "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.sssZ" (upper-case
// 'T' and 'Z', no leap second). Returns nullopt for anything else.
std::optional<std::int64_t> parse_iso8601_utc(std::string_view text);

// "YYYY-MM-DDTHH:MM:SS.mmmZ", always with milliseconds.
// REQUIRES: kMinMs <= ms <= kMaxMs.
std::string format_iso8601(std::int64_t ms);

// The shortest strict UTC form: no fraction when the milliseconds are 0, so
// parse_iso8601_utc(format_iso8601_utc(ms)) == ms.
// REQUIRES: kMinMs <= ms <= kMaxMs.
std::string format_iso8601_utc(std::int64_t ms);

}  // namespace cairn::time
