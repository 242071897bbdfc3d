// Several tabs of one origin run a GuideSession each over the one stored state
// (docs/sdk.md#several-tabs). Each tab writes its whole state when it changes,
// so the last writer would erase what another tab recorded: a guide dismissed
// in one tab came back after a reload once another tab had written, and
// frequency caps lost the other tab's starts. The adapter hands a tab each
// state another tab stores (the browser's storage event), and
// merge_tab_state() folds it into the tab's own.
//
// The merge keeps, per guide, the larger of each count and the later of each
// time, and the union of timestamp lists (a time in both counted once per
// copy in the larger list), bounded as ever. Larger, not sum: every tab
// started from the one stored state and merges each write of the others as it
// happens, so the larger count already holds the other's. (Two tabs counting
// the same guide within the same few milliseconds count it once.)
//
// Threading: free function on plain values.
#pragma once

#include "session/persisted_state.h"

#include <string_view>

namespace cairn::session {

// Whether `state` belongs to the visitor with these ids: the same user id when
// both are known, else the same anonymous id when both are known. An empty
// user id is no proof: every anonymous visitor has one, and after a reset()
// (the next person at this computer) only the anonymous id differs; a tab's
// write racing that reset must not hand the person before's guide history on.
bool same_visitor(const PersistedState& state, std::string_view user_id, std::string_view anonymous_id);

// Folds `other`'s guide history, checklist ticks, event times and browsing
// session number into `into`. `into`'s ids and running guides stay its own.
// REQUIRES: both states are the same visitor's (the caller checks user_id and
// same_visitor()).
void merge_tab_state(PersistedState& into, const PersistedState& other);

}  // namespace cairn::session
