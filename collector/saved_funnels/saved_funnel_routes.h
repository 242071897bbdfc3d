// The saved-funnel routes (docs/api.md, "Saved funnels"):
//   GET    /api/apps/{app_id}/funnels              (view)
//   POST   /api/apps/{app_id}/funnels              (save_funnels) → 201
//   PUT    /api/apps/{app_id}/funnels/{funnel_id}  (save_funnels) → 200
//   DELETE /api/apps/{app_id}/funnels/{funnel_id}  (save_funnels) → 204
// Checks in the admin API's order: session, CSRF and role (Authenticator),
// then the app, then the body (415, 413, 400, 422 with pointers), then the
// store (404 unknown funnel, 409 name_taken / too_many_funnels).
//
// This file is part of cairn_collector_service, which mounts the routes
// (service.cpp); the store and codec are the cairn_collector_saved_funnels
// library.
//
// Threading: the routes may run on any number of I/O threads at once.
#pragma once

#include "admin/app_directory.h"
#include "admin/database.h"
#include "auth/authenticator.h"
#include "http/router.h"

namespace cairn::saved_funnels {

// `db`, `apps` and `authenticator` must outlive the router.
void add_saved_funnel_routes(http::Router& router, admin::Database& db, admin::AppDirectory& apps,
                             auth::Authenticator& authenticator);

}  // namespace cairn::saved_funnels
