// DELETE /api/apps/{app_id} (permission manage_apps): deletes an app and
// everything it stored (docs/api.md, "Deleting an app"). The body names the
// app, {"confirm_name": "<its current name>"}, so a wrong id or a stale tab
// cannot delete another app.
//
// One admin transaction deletes the app's row, origins, write keys (their
// cache cleared: the SDK gets 401 at once), guides with their drafts and
// versions, and saved funnels, and records the purge of its events
// (AppDirectory::delete_app). `forget_derived` then drops the app's
// in-memory analytics index, catalog and remembered guide checks
// (guides/published_guide_checks.h), and the event store purges its
// rows in the background, in bounded chunks that resume after a restart
// (store/app_purge.h). With a clickhouse:// store, `forget_derived` also
// wakes the deletion of the app's ClickHouse rows, which runs once that
// purge finished (analytics_api/clickhouse_app_purge.h). The answer does not
// wait for either: once it is sent every /api/apps/{app_id}/... route
// answers 404 and no query reads the app's events.
//
// Followers (`--cluster-secret`) learn of the deletion from the primary's
// next metadata snapshot and delete the app and purge the events they
// ingested for it themselves (cluster/snapshot_apply.h).
//
// Threading: runs on the I/O threads (one short SQLite transaction); the
// stores it uses are thread-safe.
#pragma once

#include "admin/app_directory.h"
#include "auth/authenticator.h"
#include "http/router.h"
#include "store/event_store.h"

#include <functional>
#include <string>

namespace cairn::admin {

// Drops what was derived from the app's events (analytics index, catalog,
// the ClickHouse store's copy) and from its guides (PublishedGuideChecks).
using ForgetApp = std::function<void(const std::string& app_id)>;

// Every argument must outlive the router.
void add_app_deletion_route(http::Router& router, AppDirectory& apps, auth::Authenticator& authenticator,
                            store::EventStore& store, ForgetApp forget_derived);

}  // namespace cairn::admin
