// DELETE /api/apps/{app_id} (permission manage_apps): deletes an app and
// everything it stored (docs/api.md, "Deleting an app"). The body names the
// app, {"confirm_name": "<its current name>"}, so a wrong id or a stale tab
// cannot delete another app.
//
// One admin transaction deletes the app's row, origins, write keys (their
// cache cleared: the SDK gets 401 at once), guides with their drafts and
// versions, and saved funnels, and records the purge of its events
// (AppDirectory::delete_app). `forget_derived` then drops the app's
// in-memory analytics index and catalog, and the event store purges its
// rows in the background, in bounded chunks that resume after a restart
// (store/app_purge.h). The answer does not wait for the purge: once it is
// sent every /api/apps/{app_id}/... route answers 404 and no query reads
// the app's events.
//
// Where the rows also live elsewhere (a clickhouse:// store, followers that
// copied the app) the route refuses with 409 app_deletion_unsupported and
// deletes nothing (app_deletion_unsupported()).
//
// Threading: runs on the I/O threads (one short SQLite transaction); the
// stores it uses are thread-safe.
#pragma once

#include "admin/app_directory.h"
#include "auth/authenticator.h"
#include "config/config.h"
#include "http/router.h"
#include "store/event_store.h"

#include <functional>
#include <string>

namespace cairn::admin {

// Why this collector cannot delete an app completely, or "" when it can.
std::string app_deletion_unsupported(const config::Config& config);

// Drops what was derived from the app's events (analytics index, catalog).
using ForgetApp = std::function<void(const std::string& app_id)>;

// `unsupported`: app_deletion_unsupported() of the running configuration.
// Every argument must outlive the router.
void add_app_deletion_route(http::Router& router, AppDirectory& apps, auth::Authenticator& authenticator,
                            store::EventStore& store, std::string unsupported, ForgetApp forget_derived);

}  // namespace cairn::admin
