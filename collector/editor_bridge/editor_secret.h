// The collector's editor-token signing key: 32 random bytes generated on first
// use and kept in the database (collector_secrets, schema version 2), so
// tokens survive restarts and every collector process on the same database
// signs and verifies alike. Deleting the row invalidates every token.
//
// Threading: call once at startup, before serving.
#pragma once

#include "admin/database.h"
#include "editor_bridge/editor_token.h"

#include <cstdint>
#include <optional>

namespace cairn::editor_bridge {

// The stored key, created when missing. nullopt when the database refuses
// (the message is in db.error()).
std::optional<EditorSecret> load_or_create_editor_secret(admin::Database& db, std::int64_t now_ms);

}  // namespace cairn::editor_bridge
