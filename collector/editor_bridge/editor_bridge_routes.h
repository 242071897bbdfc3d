// The collector's half of the editor bridge (docs/editor-bridge.md):
//
//   POST /api/apps/{app_id}/editor-token  {"purpose": "edit"|"view"}
//       a logged-in account (session + CSRF) gets a signed token for opening
//       its app in editor mode; "edit" needs the edit_guides permission,
//       "view" (highlight only) needs view.
//   POST /v1/editor/verify  {"token": "..."}
//       the SDK, with its write key, asks whether a token is good for its app;
//       CORS like the other /v1 routes (the app's allowed origins).
//
// Threading: handlers are thread-safe; the stores they use are.
#pragma once

#include "admin/app_directory.h"
#include "auth/account_store.h"
#include "auth/authenticator.h"
#include "editor_bridge/editor_token.h"
#include "http/router.h"

#include <string>

namespace cairn::editor_bridge {

// Largest request body either route reads.
inline constexpr std::size_t kMaxEditorBodyBytes = 4096;

struct EditorBridgeDeps {
  admin::AppDirectory& apps;
  auth::AccountStore& accounts;
  auth::Authenticator& authenticator;
  EditorSecret secret;
  // The collector's public origin (config); empty: the token request's own
  // Origin, which the authenticator has checked is the collector's.
  std::string public_origin;
};

// Adds both routes. The references in `deps` must outlive the router.
void add_editor_bridge_routes(http::Router& router, const EditorBridgeDeps& deps);

}  // namespace cairn::editor_bridge
