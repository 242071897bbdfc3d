// The JSON form of the commands a GuideSession returns, for hosts that talk to
// the core through text (the WASM adapter: one JSON array per input call).
//
//   [{"type": "watch_targets", "targets": [{"key": "g#0", "fingerprint": {...}}]},
//    {"type": "show_step", "guide_id": "g", "step_index": 0, "kind": "tooltip",
//     "element": 7, "content": {"title": "...", "body_nodes": [markdown nodes],
//     "labels": {...}, ...}, ...},
//    {"type": "hide_step", "guide_id": "g"},
//    {"type": "record_event", "event": {Segment-shaped event}},
//    {"type": "persist_state", "json": "..."},
//    {"type": "schedule_tick", "at_ms": 1800000000000},   // null cancels
//    {"type": "open_url", "url": "...", "new_tab": false}]
//
// Step bodies are sent as the safe markdown node tree (guide/markdown.h), never
// as text to be parsed as HTML. Enum values use the guide format's names.
// docs/session.md lists every field; the adapter reading them is
// wasm/src/core/view_from_command.ts.
//
// Threading: pure functions.
#pragma once

#include "session/session_commands.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace cairn::session {

boost::json::object write_command(const Command& command);
boost::json::array write_commands(const std::vector<Command>& commands);

}  // namespace cairn::session
