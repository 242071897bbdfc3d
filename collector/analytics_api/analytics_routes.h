// The analytics admin API: POST /api/apps/{app_id}/analytics/{funnel,guides,
// stuck,trends} (docs/api.md): authorization, body limits, query parsing
// and validation here; the answer from an AnalyticsBackend (the in-memory
// engines of app_engines.h over SQLite, or clickhouse_backend.h).
//
// Threading: the routes run on the query pool (http/pooled_route.h), any
// number of queries at once; the backend is thread-safe.
#pragma once

#include "admin/app_directory.h"
#include "analytics_api/analytics_backend.h"
#include "auth/authenticator.h"
#include "http/router.h"
#include "http/work_pool.h"

#include <memory>
#include <string>

namespace cairn::analytics_api {

// `apps`, `authenticator` and `query_pool` must outlive the router. `backend`
// answers the queries: AppEngines over the SQLite store, or ClickHouseBackend.
void add_analytics_routes(http::Router& router, admin::AppDirectory& apps, auth::Authenticator& authenticator,
                          std::shared_ptr<AnalyticsBackend> backend, http::WorkPool& query_pool);

}  // namespace cairn::analytics_api
