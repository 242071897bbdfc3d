#include "people/person_events_json.h"

#include "event/event.h"
#include "locator/text_clip.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <string>
#include <string_view>

namespace cairn::people {

namespace {

namespace bj = boost::json;
using Limits = PersonEventJsonLimits;

// The recorder's autocapture click: its properties are the clicked element's
// descriptor (docs/fingerprint.md).
constexpr std::string_view kClickEvent = "cairn_click";
// Rage and dead clicks carry the element's fingerprint in `target`, whose
// `element` is the descriptor (docs/events.md).
constexpr std::string_view kRageClickEvent = "cairn_rage_click";
constexpr std::string_view kDeadClickEvent = "cairn_dead_click";

// A stored JSON object column; empty when NULL. The store writes only valid
// JSON, but one unreadable row must not fail a whole timeline.
bj::object parse_object(const std::string& text) {
  if (text.empty()) return {};
  boost::system::error_code ec;
  bj::value value = bj::parse(text, ec);
  if (ec || !value.is_object()) return {};
  return std::move(value.get_object());
}

const bj::value* member(const bj::object* object, std::string_view key) {
  return object ? object->if_contains(key) : nullptr;
}
const bj::object* object_of(const bj::value* value) { return value ? value->if_object() : nullptr; }
std::string_view text_of(const bj::value* value) {
  const bj::string* s = value ? value->if_string() : nullptr;
  return s ? std::string_view(*s) : std::string_view();
}

// Boost.JSON strings are valid UTF-8, as clip_utf8 requires.
bj::string clipped(std::string_view text, std::size_t max_bytes) {
  return bj::string(locator::clip_utf8(text, max_bytes));
}

// Where the event happened. Page and screen events describe their own page in
// properties (the recorder's page()); other events carry the page they
// happened on in context.page (rage and dead clicks also in properties).
void add_location(bool own_page, const bj::object& properties, const bj::object& extra, bj::object& out) {
  const bj::object* context_page = object_of(member(object_of(member(&extra, "context")), "page"));
  const bj::object* first = own_page ? &properties : context_page;
  const bj::object* second = own_page ? context_page : &properties;
  for (std::string_view key : {std::string_view("url"), std::string_view("path")}) {
    std::string_view value = text_of(member(first, key));
    if (value.empty()) value = text_of(member(second, key));
    if (!value.empty()) out[key] = clipped(value, Limits::kMaxValueBytes);
  }
}

const bj::object* clicked_element(std::string_view event, const bj::object& properties) {
  if (event == kClickEvent) return &properties;
  if (event == kRageClickEvent || event == kDeadClickEvent) {
    return object_of(member(object_of(member(&properties, "target")), "element"));
  }
  return nullptr;
}

// tag, text (else the accessible name) and role, the parts a person reads.
void add_element(const bj::object* descriptor, bj::object& out) {
  std::string_view text = text_of(member(descriptor, "text"));
  if (text.empty()) text = text_of(member(descriptor, "name"));
  const std::pair<std::string_view, std::string_view> parts[] = {
      {"tag", text_of(member(descriptor, "tag"))}, {"text", text}, {"role", text_of(member(descriptor, "role"))}};
  bj::object element;
  for (const auto& [key, value] : parts) {
    if (!value.empty()) element[key] = clipped(value, Limits::kMaxLabelBytes);
  }
  if (!element.empty()) out["element"] = std::move(element);
}

// The first kMaxProperties top-level properties: strings cut, numbers,
// booleans and null as stored; objects, arrays and over-long keys left out.
void add_properties(const bj::object& properties, bj::object& out) {
  bj::object kept;
  bool truncated = false;
  for (const bj::key_value_pair& property : properties) {
    if (kept.size() == Limits::kMaxProperties) {
      truncated = true;
      break;
    }
    const bj::value& value = property.value();
    if (property.key().size() > Limits::kMaxKeyBytes || value.is_object() || value.is_array()) {
      truncated = true;
    } else if (const bj::string* s = value.if_string()) {
      truncated = truncated || s->size() > Limits::kMaxValueBytes;
      kept[property.key()] = clipped(*s, Limits::kMaxValueBytes);
    } else {
      kept[property.key()] = value;
    }
  }
  out["properties"] = std::move(kept);
  out["properties_truncated"] = truncated;
}

}  // namespace

bj::object person_event_json(const StoredPersonEvent& event) {
  const bool known_type = event.type >= static_cast<int>(event::EventType::track) &&
                          event.type <= static_cast<int>(event::EventType::group);
  const auto type = static_cast<event::EventType>(event.type);
  const bj::object properties = parse_object(event.properties);
  const bj::object extra = parse_object(event.extra);

  bj::object out;
  out["type"] = known_type ? event::type_name(type) : std::string_view("unknown");
  out["event"] = event.event;
  out["timestamp_ms"] = event.time_ms;
  out["user_key"] = event.user_key;
  // The page or screen's own name (the analytics name is "$page").
  if (std::string_view name = text_of(member(&extra, "name")); !name.empty()) {
    out["name"] = clipped(name, Limits::kMaxLabelBytes);
  }
  add_location(type == event::EventType::page || type == event::EventType::screen, properties, extra, out);
  add_element(clicked_element(event.event, properties), out);
  add_properties(properties, out);
  return out;
}

bj::object person_events_json(const PersonEventsPage& page) {
  bj::array events;
  events.reserve(page.events.size());
  for (const StoredPersonEvent& event : page.events) events.push_back(person_event_json(event));
  bj::object out;
  out["events"] = std::move(events);
  if (page.next_before_ms) {
    out["next_before_ms"] = *page.next_before_ms;
  } else {
    out["next_before_ms"] = nullptr;
  }
  out["merged"] = page.merged;
  bj::array linked;
  for (const std::string& id : page.linked_ids) linked.emplace_back(id);
  out["linked_ids"] = std::move(linked);
  out["linked_ids_truncated"] = page.linked_ids_truncated;
  return out;
}

}  // namespace cairn::people
