// The JSON form of a GuideSession's structured inputs, for hosts that talk to
// the core through text (the WASM adapter). Simple inputs (URL, event name,
// time) need no codec.
//
//   target reports: [{"key": "g#0", "state": "found", "element": 7,
//                     "candidate_index": 3},
//                    {"key": "g#1", "state": "missing"}]
//   user action:    {"kind": "dismiss", "guide_id": "g", "reason": "escape_key"}
//                   {"kind": "button", "guide_id": "g", "button": 1}
//                   {"kind": "target_clicked", "key": "g#0"}
//                   {"kind": "survey_answer", "guide_id": "g", "answer": 9}
//                   {"kind": "checklist_item", "guide_id": "g", "item_id": "profile"}
//
// Every problem is reported with its JSON pointer; nothing throws.
//
// Threading: pure functions.
#pragma once

#include "json/problems.h"
#include "session/session_inputs.h"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::session {

// At most this many reports in one call (a page watches far fewer keys).
inline constexpr std::size_t kMaxReportsPerCall = 1000;

// The reports in `text`; returns nullopt (and problems) if any report is malformed.
std::optional<std::vector<TargetReport>> read_target_reports(std::string_view text,
                                                             json::Problems& problems);

// The same for an already parsed array at `pointer` inside a larger document
// (the adapter's input envelope), so problems carry their full JSON pointers.
std::optional<std::vector<TargetReport>> read_target_reports(const boost::json::value& value,
                                                             const std::string& pointer,
                                                             json::Problems& problems);

// One report at `pointer`; nullopt (and problems) if it is malformed.
std::optional<TargetReport> read_target_report(const boost::json::value& value,
                                               std::string pointer, json::Problems& problems);

// The action in `text`; nullopt (and problems) if it is malformed.
std::optional<UserAction> read_user_action(std::string_view text, json::Problems& problems);

// The same for an already parsed action at `pointer` inside a larger document.
std::optional<UserAction> read_user_action(const boost::json::value& value, std::string pointer,
                                           json::Problems& problems);

}  // namespace cairn::session
