// POST /api/apps/{app_id}/guides/pack (permission edit_guides): the packed
// form (guide/guide_pack.h) of one guide sent as JSON, so the editor can hand
// a draft to the SDK in the same form the SDK reads published guides in.
//
//   200 Content-Type guide::kPackMediaType, the packed list of that one guide
//       in the version Accept asks (guides::packed_version_asked, as GET
//       /v1/guides: the editor names the app's SDK's, which may be older than
//       this collector); the newest when Accept does not name the packed form
//   422 invalid_guide with every problem and its JSON Pointer, the shape the
//       publish route answers
//   422 not_packable when that version cannot carry the guide
//       (guide::packable: `history: running` in version 1), at /audience
//   401/403 (session, CSRF, role), then 404 for an unknown app, then the
//   body's 415/413/400 (admin/json_body.h, with the guide save route's limits)
//
// Nothing is stored. Threading: the handler is thread-safe.
#pragma once

#include "admin/app_directory.h"
#include "auth/authenticator.h"
#include "http/router.h"

namespace cairn::admin {

// `apps` and `authenticator` must outlive the router.
void add_guide_pack_route(http::Router& router, AppDirectory& apps, auth::Authenticator& authenticator);

}  // namespace cairn::admin
