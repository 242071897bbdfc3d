// GET /api/apps/{app_id}/people?q=&limit= (permission view): the people whose
// user key starts with q, or whose identify traits' (merged) email or name
// contain it (people_search.h; docs/api.md, "Searching people"). Mounted by
// add_people_routes() (people_routes.h) on the query pool.
#pragma once

#include "admin/database.h"
#include "http/request.h"
#include "http/response.h"

namespace cairn::people {

// The answer once the request is authorized and its app exists: 422 for a
// bad q or limit, else the search's matches.
http::Response answer_people_search(const http::Request& request, admin::Database& db);

}  // namespace cairn::people
