// The JSON answer of GET /api/apps/{app_id}/people/{user_key}/events
// (docs/api.md): each stored event summarised for a person's timeline, with
// every part bounded, so a page of 100 events stays small whatever the events
// carried (one event may hold 32 KiB of properties).
//
//   {"events": [{"type": "track", "event": "cairn_click", "timestamp_ms": 1763636404000,
//                "user_key": "anon-7f3a", "name"?: "Projects", "url"?: "...", "path"?: "/projects",
//                "element"?: {"tag": "button", "text": "Save", "role": "button"},
//                "properties": {...}, "properties_truncated": false}],
//    "next_before_ms": 1763636400000 | null,
//    "merged": true, "linked_ids": ["anon-7f3a"], "linked_ids_truncated": false}
//
// Threading: pure functions.
#pragma once

#include "people/person_events.h"

#include <boost/json/object.hpp>

#include <cstddef>

namespace cairn::people {

// Bounds of one summarised event. Documented in docs/api.md.
struct PersonEventJsonLimits {
  // Top-level properties kept, in stored order.
  static constexpr std::size_t kMaxProperties = 20;
  // Property string values, `url` and `path` are cut to this (UTF-8 safe).
  static constexpr std::size_t kMaxValueBytes = 200;
  // Property keys longer than this are left out (a cut key could collide).
  static constexpr std::size_t kMaxKeyBytes = 100;
  // `name` and the element's tag, text and role are cut to this.
  static constexpr std::size_t kMaxLabelBytes = 100;
};

boost::json::object person_event_json(const StoredPersonEvent& event);
boost::json::object person_events_json(const PersonEventsPage& page);

}  // namespace cairn::people
