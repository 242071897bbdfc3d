// GET /api/apps/{app_id}/people/{user_key}/events?before_ms=&limit=&merge=
// (permission view): one person's most recent events, newest first, for the
// dashboard's People page and "who dropped?" list (docs/api.md, "People").
// `user_key` is the analytics user key (userId, else anonymousId) as funnels
// list it; merged with the ids linked to it unless merge=0.
//
// Threading: the route runs on the query pool (http/pooled_route.h), any
// number of queries at once. GET /api/apps/{app_id}/people?q=&limit= (view),
// the people search (people_search_route.h), runs there too.
#pragma once

#include "admin/app_directory.h"
#include "admin/database.h"
#include "auth/authenticator.h"
#include "http/router.h"
#include "http/work_pool.h"

namespace cairn::people {

// `db` (the collector's database, which holds the events tables), `apps`,
// `authenticator` and `query_pool` must outlive the router.
void add_people_routes(http::Router& router, admin::Database& db, admin::AppDirectory& apps,
                       auth::Authenticator& authenticator, http::WorkPool& query_pool);

}  // namespace cairn::people
