// The one JSON codec for PersistedState (persisted_state.h).
//
// The stored text comes back from the browser's storage, where anything can
// have happened to it (another version of the SDK, a truncated write, a user
// editing localStorage). Reading is therefore tolerant and never fails: text
// that is not JSON, not an object, or of another version yields a fresh state;
// an entry that is malformed is dropped on its own and the rest is kept. Each
// thing ignored is reported in `problems` with its JSON pointer, for debugging.
//
// Threading: free functions without shared state.
#pragma once

#include "json/problems.h"
#include "session/persisted_state.h"

#include <string>
#include <string_view>
#include <vector>

namespace cairn::session {

// Reads `text` as written by write_persisted_state(). Values out of the limits
// in persisted_state.h are truncated to them (newest entries kept).
PersistedState read_persisted_state(std::string_view text, json::Problems& problems);

// The JSON text of `state`. read_persisted_state(write_persisted_state(s)) == s
// for any state within the limits.
std::string write_persisted_state(const PersistedState& state);

// The same with `active_guides` and `last_activity_ms` in place of the
// state's own: the session writes its running guides this way instead of
// copying its whole state (up to kMaxHistoryGuides records) on every input.
std::string write_persisted_state(const PersistedState& state,
                                  const std::vector<ActiveGuideState>& active_guides,
                                  std::int64_t last_activity_ms);

}  // namespace cairn::session
