// The analytics admin API: POST /api/apps/{app_id}/analytics/{funnel,guides,
// stuck,trends} (docs/api.md). Each app gets one AnalyticsEngine, built
// lazily on its first query from a SqliteEventSource over the collector's
// database. Freshness: before answering, the highest events.id in the
// database is read on a fresh connection; when it changed since the engine
// was built, the engine is rebuilt, so a query made after an acknowledged
// ingest sees those events (at the price of a full rescan of that app after
// every new batch).
//
// Threading: the routes may run on any number of I/O threads at once; the
// engine map is guarded by a mutex, each engine is thread-safe.
#pragma once

#include "admin/app_directory.h"
#include "auth/authenticator.h"
#include "http/router.h"

#include <string>

namespace cairn::analytics_api {

// `apps` and `authenticator` must outlive the router. `database_path` is the
// SQLite file the events store writes.
void add_analytics_routes(http::Router& router, admin::AppDirectory& apps,
                          auth::Authenticator& authenticator, std::string database_path);

}  // namespace cairn::analytics_api
