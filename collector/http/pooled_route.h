// Routes whose handlers block for long (analytics queries, the catalog's
// first build, the people timeline) run on a WorkPool instead of the I/O
// threads, so a slow query never holds up ingest, health checks or the
// dashboard's other requests. When the pool's queue is full the route answers
// 503 busy with Retry-After: 1, as the login routes do; a request still
// queued when the pool drains at shutdown is answered 503 shutting_down.
//
// Threading: like Router::add_sync; `handler` runs on the pool's threads and
// must be thread-safe.
#pragma once

#include "http/router.h"
#include "http/work_pool.h"

#include <string>

namespace cairn::http {

// Router::add_sync, but `handler` runs on `pool` (which must outlive the
// server) with its own copy of the request.
void add_pooled(Router& router, std::string method, std::string pattern, WorkPool& pool,
                SyncHandler handler);

// The answer when `pool` refused a job: 503 busy, Retry-After: 1.
Response busy_response();

// The answer to a request still queued when the pool drained at shutdown
// (work_pool.h): 503 shutting_down, Retry-After: 1.
Response shutting_down_response();

}  // namespace cairn::http
