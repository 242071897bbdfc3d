// Batch: the body of POST /v1/batch (Segment's batch shape) and of the
// single-event endpoints, decoded into events, each accepted or rejected on its
// own so that one bad event does not cost the good ones:
//
//   {"batch": [event, event, ...], "sentAt": "...", "context": {...}, "writeKey": "..."}
//
// Batch-level `sentAt` applies to events without their own; batch-level
// `context` is merged under each event's context (the event's keys win).
//
// Problems of the document as a whole (not JSON, no `batch` array, too many
// events) make `document_problems` non-empty and no event is accepted. Otherwise
// every element of `batch` ends up either in `accepted` or in `rejected`, each with
// its index; rejected ones carry every problem with its JSON Pointer from the
// document root ("/batch/3/timestamp: must be an ISO-8601 date-time").
//
// Threading: pure functions over values.
#pragma once

#include "event/event.h"
#include "event/event_limits.h"
#include "json/problems.h"
#include "json/reader.h"

#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::event {

// Events in one batch.
inline constexpr std::size_t kMaxEventsPerBatch = 1000;

struct BatchLimits {
  EventLimits event;
  std::size_t max_events = kMaxEventsPerBatch;
};

struct AcceptedEvent {
  std::size_t index;  // Position in the request's `batch` (0 for a single event).
  Event event;
};

struct RejectedEvent {
  std::size_t index;
  json::Problems problems;  // Pointers are from the document root.
};

struct DecodedBatch {
  json::Problems document_problems;  // Non-empty: the whole request is refused.
  std::string write_key;             // From the body's `writeKey`; empty if absent.
  std::vector<AcceptedEvent> accepted;
  std::vector<RejectedEvent> rejected;
};

// Decodes a parsed batch document {"batch": [...], ...}.
DecodedBatch read_batch(const boost::json::value& document, const BatchLimits& limits = {});

// Decodes a parsed single-event document (the body of POST /v1/track etc.); the
// event's own `writeKey` field, if any, is taken as the write key. On success
// `accepted` holds one event with index 0; on failure `rejected` holds its problems.
DecodedBatch read_single(const boost::json::value& document, EventType implied_type,
                         const EventLimits& limits = {});

// Parse limits for a batch document: its nesting is the event depth plus the
// levels above properties ({"batch": [{"properties": ...}]}), and its size the
// caller's decompressed-body limit.
json::ParseLimits batch_parse_limits(std::size_t max_bytes, const EventLimits& limits = {});

}  // namespace cairn::event
