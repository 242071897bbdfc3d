// GET /api/apps/{app_id}/catalog (permission view): what the app's event data
// knows, for the editor's targeting builder and the dashboard's funnel
// builder (docs/api.md). Answers come from a CatalogCache over the collector's
// SQLite database.
//
// Threading: the route runs on the query pool (http/pooled_route.h), any
// number of requests at once (CatalogCache builds each app's catalog once).
#pragma once

#include "admin/app_directory.h"
#include "auth/authenticator.h"
#include "catalog/catalog_cache.h"
#include "http/router.h"
#include "http/work_pool.h"

#include <memory>
#include <string>

namespace cairn::catalog {

// `apps`, `authenticator` and `query_pool` must outlive the router.
// `database_path` is the SQLite file the events store writes. Returns the
// cache the route answers from (for the start-up warm-up).
std::shared_ptr<CatalogCache> add_catalog_routes(http::Router& router, admin::AppDirectory& apps,
                                                 auth::Authenticator& authenticator,
                                                 std::string database_path, http::WorkPool& query_pool);

}  // namespace cairn::catalog
