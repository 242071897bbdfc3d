// GET /api/apps/{app_id}/catalog (permission view): what the app's event data
// knows, for the editor's targeting builder and the dashboard's funnel
// builder (docs/api.md). Answers come from a CatalogCache over the collector's
// SQLite database.
//
// Threading: the route may run on any number of I/O threads at once.
#pragma once

#include "admin/app_directory.h"
#include "auth/authenticator.h"
#include "http/router.h"

#include <string>

namespace cairn::catalog {

// `apps` and `authenticator` must outlive the router. `database_path` is the
// SQLite file the events store writes.
void add_catalog_routes(http::Router& router, admin::AppDirectory& apps,
                        auth::Authenticator& authenticator, std::string database_path);

}  // namespace cairn::catalog
