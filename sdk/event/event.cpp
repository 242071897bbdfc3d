#include "event/event.h"

#include "event/guide_events.h"
#include "json/compact_writer.h"
#include "time/iso8601.h"
#include "event/value_shape.h"
#include "json/reader.h"
#include "json/writer.h"

#include <boost/json/string.hpp>

namespace cairn::event {

namespace bj = boost::json;

namespace {

constexpr json::EnumName<EventType> kTypeNames[] = {
    {"track", EventType::track},       {"page", EventType::page},
    {"screen", EventType::screen},     {"identify", EventType::identify},
    {"group", EventType::group},
};

// Fields the server owns or that must never be stored: a client's `receivedAt`
// would let it forge arrival times, and a `writeKey` is a secret.
constexpr std::string_view kDroppedFields[] = {"receivedAt", "writeKey"};

void refuse_nul(json::ObjectReader& r, const char* key, const std::string& id) {
  if (id_holds_nul(id)) r.error(key, kNulInIdReason);
}

std::optional<std::int64_t> read_time(json::ObjectReader& r, std::string_view key) {
  std::optional<std::string> text = r.string(key, json::Need::optional, 64);
  if (!text) return std::nullopt;
  std::optional<std::int64_t> ms = time::parse_iso8601(*text);
  if (!ms) r.error(key, "must be an ISO-8601 date-time between 1970 and 9999, e.g. 2026-11-23T09:15:55.123Z");
  return ms;
}

// Checks the limits that apply to the event as a whole.
void check_shape(const bj::value& value, const std::string& pointer, json::Problems& problems,
                 const EventLimits& limits) {
  const bj::object* o = value.if_object();
  if (!o) return;
  ShapeLimits shape_limits{limits.max_nesting_depth + 1, limits.max_property_count + o->size(),
                           limits.max_string_bytes};
  ValueShape shape = measure_shape(value, shape_limits);
  if (shape.too_deep) {
    problems.add(pointer, "nesting deeper than " + json::integer_text(limits.max_nesting_depth) +
                              " levels inside the event");
  }
  if (shape.too_many_members) {
    problems.add(pointer, "more than " + json::integer_text(limits.max_property_count) +
                              " properties (keys and array items, at every depth)");
  }
  if (shape.string_too_long) {
    problems.add(pointer + shape.long_string_pointer,
                 "string is " + json::integer_text(shape.long_string_bytes) + " bytes; the limit is " +
                     json::integer_text(limits.max_string_bytes));
  }
  if (shape.non_finite_number) {
    problems.add(pointer + shape.non_finite_pointer, "number is out of range (larger than 1.8e308)");
  }
  if (!shape.too_deep && !shape.too_many_members && shape.serialized_bytes > limits.max_event_bytes) {
    problems.add(pointer, "event is about " + json::integer_text(shape.serialized_bytes) +
                              " bytes of JSON; the limit is " + json::integer_text(limits.max_event_bytes));
  }
}

}  // namespace

std::string_view type_name(EventType type) { return json::enum_name(type, kTypeNames); }

std::optional<EventType> type_from_name(std::string_view name) {
  for (const auto& n : kTypeNames) {
    if (n.name == name) return n.value;
  }
  return std::nullopt;
}

std::string analytics_name(const Event& e) {
  switch (e.type) {
    case EventType::track: return e.event;
    case EventType::page: return "$page";
    case EventType::screen: return "$screen";
    case EventType::identify: return "$identify";
    case EventType::group: return "$group";
  }
  return e.event;
}

std::optional<Event> read_event(const bj::value& value, const std::string& pointer,
                                json::Problems& problems, const EventLimits& limits,
                                std::optional<EventType> implied_type) {
  const std::size_t problems_before = problems.total();
  json::ObjectReader r(value, pointer, problems);
  if (!r.valid()) return std::nullopt;
  check_shape(value, pointer, problems, limits);

  Event e;
  std::optional<EventType> type =
      r.enumeration("type", implied_type ? json::Need::optional : json::Need::required, kTypeNames);
  if (type && implied_type && *type != *implied_type) {
    r.error("type", "is \"" + std::string(type_name(*type)) + "\" but this endpoint takes \"" +
                        std::string(type_name(*implied_type)) + "\" events");
  }
  if (!type && implied_type && !r.has("type")) type = implied_type;
  if (type) e.type = *type;

  if (type == EventType::track) {
    if (auto name = r.non_empty_string("event", json::Need::required, limits.max_name_bytes)) {
      e.event = std::move(*name);
    }
  }
  if (type == EventType::page || type == EventType::screen) {
    if (auto name = r.string("name", json::Need::optional, limits.max_name_bytes)) e.name = std::move(*name);
  }
  if (type == EventType::group) {
    if (auto id = r.non_empty_string("groupId", json::Need::required, limits.max_id_bytes)) {
      e.group_id = std::move(*id);
    }
  }
  if (auto id = r.string("userId", json::Need::optional, limits.max_id_bytes)) e.user_id = std::move(*id);
  if (auto id = r.string("anonymousId", json::Need::optional, limits.max_id_bytes)) {
    e.anonymous_id = std::move(*id);
  }
  refuse_nul(r, "userId", e.user_id);
  refuse_nul(r, "anonymousId", e.anonymous_id);
  if (e.user_id.empty() && e.anonymous_id.empty() && !r.has("userId") && !r.has("anonymousId")) {
    r.error_here("requires a userId or an anonymousId");
  } else if (e.user_id.empty() && e.anonymous_id.empty() && problems.total() == problems_before) {
    r.error_here("requires a non-empty userId or anonymousId");
  }
  if (auto id = r.non_empty_string("messageId", json::Need::optional, limits.max_id_bytes)) {
    e.message_id = std::move(*id);
  }
  e.timestamp_ms = read_time(r, "timestamp");
  e.sent_at_ms = read_time(r, "sentAt");
  if (const bj::object* o = r.object("context")) e.context = *o;
  if (const bj::object* o = r.object("properties")) e.properties = *o;
  if (const bj::object* o = r.object("traits")) e.traits = *o;
  for (std::string_view dropped : kDroppedFields) r.field(dropped);
  e.unknown = r.unknown_fields();

  if (e.type == EventType::track && problems.total() == problems_before) {
    validate_reserved_event(e, pointer, problems);
  }
  if (problems.total() != problems_before) return std::nullopt;
  return e;
}

std::optional<Event> parse_event(std::string_view text, json::Problems& problems,
                                 const EventLimits& limits, std::optional<EventType> implied_type) {
  json::ParseLimits parse_limits{.max_bytes = limits.max_event_bytes,
                                 .max_depth = limits.max_nesting_depth + 2};
  std::optional<bj::value> doc = json::parse_document(text, problems, parse_limits);
  if (!doc) return std::nullopt;
  return read_event(*doc, "", problems, limits, implied_type);
}

bj::object write_event(const Event& e) {
  bj::object out;
  json::put_name(out, "type", type_name(e.type));
  if (e.type == EventType::track) json::put_text(out, "event", e.event);
  if ((e.type == EventType::page || e.type == EventType::screen) && !e.name.empty()) {
    json::put_text(out, "name", e.name);
  }
  if (e.type == EventType::group) json::put_text(out, "groupId", e.group_id);
  if (!e.user_id.empty()) json::put_text(out, "userId", e.user_id);
  if (!e.anonymous_id.empty()) json::put_text(out, "anonymousId", e.anonymous_id);
  if (!e.message_id.empty()) json::put_text(out, "messageId", e.message_id);
  if (e.timestamp_ms) out["timestamp"] = time::format_iso8601(*e.timestamp_ms);
  if (e.sent_at_ms) out["sentAt"] = time::format_iso8601(*e.sent_at_ms);
  if (!e.context.empty()) out["context"] = e.context;
  if (!e.properties.empty()) out["properties"] = e.properties;
  if (!e.traits.empty()) out["traits"] = e.traits;
  json::merge_unknown_fields(out, e.unknown);
  return out;
}

}  // namespace cairn::event
