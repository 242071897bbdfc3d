// The JSON form of GuideSession's commands and inputs at the WASM boundary.
// The adapter's side is wasm/src/core/protocol.ts and view_from_command.ts.
//
// ShowStep goes out with its body already parsed into the safe markdown node
// tree ("body_nodes"), so the adapter builds DOM from nodes and never parses
// author text.
//
// Threading: pure functions.
#pragma once

#include "json/problems.h"
#include "session/session_commands.h"
#include "session/session_inputs.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cairn::wasm {

boost::json::object command_to_json(const session::Command& command);
boost::json::array commands_to_json(const std::vector<session::Command>& commands);

// {"key", "state": "found"|"missing"|"ambiguous", "element", "candidate_index"}
std::optional<session::TargetReport> read_target_report(const boost::json::value& value,
                                                        const std::string& pointer,
                                                        json::Problems& problems);

// {"kind": "next"|"back"|"dismiss"|..., "guide_id", "reason", "button", "key",
//  "answer", "item_id"}; unknown kinds and reasons are problems.
std::optional<session::UserAction> read_user_action(const boost::json::value& value,
                                                    const std::string& pointer,
                                                    json::Problems& problems);

}  // namespace cairn::wasm
