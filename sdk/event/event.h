// Event: one thing that happened, in the Segment tracking-spec shape, so that
// existing Segment-style clients can send to Cairn unchanged:
//
//   {"type": "track", "event": "Project Created", "userId": "u1",
//    "anonymousId": "a1", "messageId": "m1", "timestamp": "2026-11-23T09:00:00.000Z",
//    "sentAt": "...", "context": {...}, "properties": {...}, "traits": {...}}
//
// Types: track (a named action), page and screen (a view, optional name),
// identify (who the user is: traits), group (which account: groupId + traits).
// Cairn's own events (guide seen, step completed, rage click, ...) are `track`
// events with reserved names starting with "cairn_"; guide_events.h names them
// and builds them.
//
// This header is the one codec for events: read_event() checks a JSON value
// against the spec and the limits (event_limits.h) and reports EVERY problem with
// its JSON Pointer ("/batch/3/timestamp: must be an ISO-8601 date-time");
// write_event() produces the JSON back. Fields this version does not know are kept
// in `unknown` and written back, so a newer SDK's events survive an older collector.
//
// Time is in milliseconds since the Unix epoch (UTC) throughout; the JSON form is
// an ISO-8601 string (time/iso8601.h). No I/O, no clock: callers pass time in.
//
// Threading: values; an Event is owned by one thread at a time.
#pragma once

#include "event/event_limits.h"
#include "json/problems.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::event {

enum class EventType { track, page, screen, identify, group };

// "track", "page", ... as written in the JSON `type` field.
std::string_view type_name(EventType type);
std::optional<EventType> type_from_name(std::string_view name);

struct Event {
  EventType type = EventType::track;
  std::string event;         // track: the action's name (required, non-empty).
  std::string name;          // page/screen: the view's name (optional).
  std::string user_id;       // userId: the host app's id for a known user.
  std::string anonymous_id;  // anonymousId: the device/browser's id. One of the two is required.
  std::string group_id;      // group: the account id (required for group).
  std::string message_id;    // messageId: unique per event, for dedup. Empty = not given.
  std::optional<std::int64_t> timestamp_ms;  // When it happened, by the client's clock.
  std::optional<std::int64_t> sent_at_ms;    // When the client sent it, by the same clock.
  boost::json::object context;     // Where: page url, user agent, locale, library, ...
  boost::json::object properties;  // track/page/screen: details of the action.
  boost::json::object traits;      // identify/group: attributes of the user/account.
  boost::json::object unknown;     // Fields not listed above, kept for the round trip.
};

// The name analytics uses for the event: the track name for track events, and
// "$page", "$screen", "$identify", "$group" for the others ("$" marks names no
// track event can collide with by accident in Cairn's own SDK).
std::string analytics_name(const Event& e);

// A person's id (userId, anonymousId) names them in the admin API's paths
// (/people/{id}, its erasure too), and no URL can carry U+0000: the collector
// refuses %00 in a path. An id holding one is refused wherever ids come in
// (an event, the recorder's identify and stored identity), or its person could
// be neither viewed nor erased.
inline constexpr const char* kNulInIdReason = "must not contain U+0000 (NUL)";
inline bool id_holds_nul(std::string_view id) { return id.find('\0') != std::string_view::npos; }

// Reads one event from `value` (which should be an object). `pointer` is where
// the value sits in its document ("" for a single event, "/batch/3" in a batch);
// every problem is added to `problems` under it. When `implied_type` is set (the
// single-event endpoints /v1/track etc.), a missing `type` means that type and a
// different one is a problem.
// Returns the event when there were no problems, nullopt otherwise.
std::optional<Event> read_event(const boost::json::value& value, const std::string& pointer,
                                json::Problems& problems, const EventLimits& limits = {},
                                std::optional<EventType> implied_type = std::nullopt);

// Parses JSON text holding one event (same contract as read_event at pointer "").
std::optional<Event> parse_event(std::string_view text, json::Problems& problems,
                                 const EventLimits& limits = {},
                                 std::optional<EventType> implied_type = std::nullopt);

// The JSON form of `e`: only fields that are set, then the unknown fields.
// REQUIRES: e is valid (as read_event would accept it). read_event(write_event(e))
// gives back `e` (timestamps at millisecond precision).
boost::json::object write_event(const Event& e);

}  // namespace cairn::event
