// The JSON names of a step's enums, by enumerator value: the guide codec
// reads and writes steps with them (step_codec.cpp) and the session names the
// step it shows to the adapter with the same tables (session/command_codec.cpp).
#pragma once

#include "guide/enum_field.h"
#include "guide/guide.h"

#include <string_view>

namespace cairn::guide::codec {

inline constexpr std::string_view kStepKinds[] = {
    "tooltip", "modal", "hotspot", "banner", "slideout", "checklist", "launcher", "survey",
};
static_assert(names_every(kStepKinds, StepKind::survey));

inline constexpr std::string_view kButtonActions[] = {
    "next", "back", "dismiss", "complete", "url", "launch_guide",
};
static_assert(names_every(kButtonActions, ButtonAction::launch_guide));

inline constexpr std::string_view kButtonStyles[] = {"primary", "secondary", "link"};
static_assert(names_every(kButtonStyles, ButtonStyle::link));

inline constexpr std::string_view kMediaKinds[] = {"image", "video"};
static_assert(names_every(kMediaKinds, MediaKind::video));

inline constexpr std::string_view kChecklistActions[] = {"none", "launch_guide", "url"};
static_assert(names_every(kChecklistActions, ChecklistAction::url));

inline constexpr std::string_view kSurveyKinds[] = {"nps", "rating", "choice"};
static_assert(names_every(kSurveyKinds, SurveyKind::choice));

inline constexpr std::string_view kSides[] = {"auto", "top", "bottom", "left", "right"};
static_assert(names_every(kSides, Side::right));

inline constexpr std::string_view kAlignments[] = {"center", "start", "end"};
static_assert(names_every(kAlignments, Alignment::end));

}  // namespace cairn::guide::codec
