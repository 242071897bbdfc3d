// Element summaries: what analytics keeps of a clicked element's descriptor.
//
// Rage and dead clicks carry the element's full descriptor in their `target`
// property (docs/events.md; the WASM adapter sends describeElement()'s
// output, docs/fingerprint.md): rect, ancestors, neighbours, up to a few KB,
// different on every click. Analytics keeps only the fields that identify the
// element — tag, id, role, accessible name, text, form label and the test-id
// attributes — each cut to kMaxSummaryFieldBytes, as one compact JSON object
// text. The same element clicked many times gives the same text, so the
// index's dictionary holds one value per element, and the text is itself a
// descriptor: `{"version": 1, "element": <summary>}` is a fingerprint the
// editor bridge's `highlight` accepts (docs/editor-bridge.md).
//
// Both stores use this one function: the index (decode_event_properties) and
// the ClickHouse exporter (which stores the summary instead of the object),
// so both answer the stuck report identically.
//
// Threading: pure functions.
#pragma once

#include <boost/json/fwd.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::analytics {

// The property whose object value is indexed as its summary.
inline constexpr const char* kClickTargetProperty = "target";
inline constexpr std::size_t kMaxSummaryFieldBytes = 256;

// The summary of `target` as JSON object text (keys in a fixed order, absent
// and empty fields left out), or nullopt when `target` is not an object with
// a non-empty string `tag`. An element inside Cairn's own UI (an ancestor
// with tag `cairn-ui`: SDKs before 2026-11-24 recorded clicks on a
// checklist item or a step's button) gets `"cairn_ui":true` as its last key.
std::optional<std::string> element_summary(const boost::json::value& target);

// Whether a summary is of an element inside Cairn's own UI: a click there is
// not the host app's, so the stuck report leaves it out.
bool is_cairn_ui_summary(std::string_view summary);

}  // namespace cairn::analytics
