// EventLimits: the named bounds every event must stay within, wherever it comes
// from (an SDK's queue, a Segment-style client, a fuzzer). They exist so that one
// hostile or buggy client cannot make the collector spend unbounded memory, CPU
// or disk on one event, and so that analytics can rely on sane shapes.
//
// Each limit is checked by read_event() (event.h) and reported with the JSON
// Pointer of the offending value. docs/events.md lists them with their defaults.
//
// Threading: plain values; copy freely.
#pragma once

#include <cstddef>

namespace cairn::event {

// Serialized size of one event (its JSON text, as measured by value_shape.h).
inline constexpr std::size_t kMaxEventBytes = 32 * 1024;
// Nesting of objects/arrays inside properties, traits and context (the event
// object itself is not counted: {"properties": {"a": {"b": 1}}} has depth 2).
inline constexpr std::size_t kMaxNestingDepth = 8;
// Members (object keys plus array items) inside properties, traits and context,
// counted at every depth, per event.
inline constexpr std::size_t kMaxPropertyCount = 500;
// Any string value or key inside properties, traits and context.
inline constexpr std::size_t kMaxStringBytes = 8 * 1024;
// userId, anonymousId, groupId, messageId.
inline constexpr std::size_t kMaxIdBytes = 256;
// Track event names and page/screen names.
inline constexpr std::size_t kMaxNameBytes = 256;

struct EventLimits {
  std::size_t max_event_bytes = kMaxEventBytes;
  std::size_t max_nesting_depth = kMaxNestingDepth;
  std::size_t max_property_count = kMaxPropertyCount;
  std::size_t max_string_bytes = kMaxStringBytes;
  std::size_t max_id_bytes = kMaxIdBytes;
  std::size_t max_name_bytes = kMaxNameBytes;
};

}  // namespace cairn::event
