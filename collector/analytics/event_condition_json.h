// JSON form of EventCondition and PropertyFilter, shared by every analytics
// query codec (funnel steps and exclusions, trend series, guide goals):
//
//   {"event": "project_created",
//    "filters": [{"property": "plan", "op": "eq", "value": "pro"},
//                {"property": "seats", "op": "in", "values": [5, 10]}]}
//
// "op" is eq | neq | contains (with "value") or in (with "values", 1-100
// items). A value is a string or a number; true/false are read as the
// strings "true"/"false", the way the index stores booleans.
//
// Threading: pure functions.
#pragma once

#include "analytics/event_condition.h"
#include "event/event_limits.h"
#include "json/reader.h"

#include <boost/json/object.hpp>

#include <optional>

namespace cairn::analytics {

// What ingest stores can be asked for: an event name as long as a tracked
// one, a property key as long as an event's keys (the 64 KiB query body
// bounds the total).
inline constexpr std::size_t kMaxEventNameBytes = event::kMaxNameBytes;
inline constexpr std::size_t kMaxPropertyKeyBytes = event::kMaxStringBytes;
inline constexpr std::size_t kMaxFilterValues = 100;

// Reads the condition fields ("event", "filters") of the object `reader`
// walks, leaving other keys to the caller. nullopt after adding problems.
std::optional<EventCondition> read_event_condition(json::ObjectReader& reader);

// Writes "event" and "filters" (when any) into `out`.
void write_event_condition(const EventCondition& condition, boost::json::object& out);

// Reads a JSON value as a property value; nullopt (after a problem at
// `pointer`) when it is not a string, number or boolean.
std::optional<PropertyValue> read_property_value(const boost::json::value& v, const std::string& pointer,
                                                 json::Problems& problems);
boost::json::value write_property_value(const PropertyValue& value);

}  // namespace cairn::analytics
