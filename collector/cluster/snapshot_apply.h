// apply_snapshot(): makes a follower's admin database hold exactly what the
// primary's snapshot says the SDK-facing routes need, in one transaction.
//
//   apps           upserted (name); their origins replaced
//   write keys     upserted by id (hash, revocation); keys the primary does
//                  not list are revoked, so they stop working at once
//   guides         each published version stored under the primary's guide
//                  id and version; guides published here but not in the
//                  snapshot are archived, so /v1/guides stops serving them
//   apps missing   from the snapshot keep their row (events may name them)
//                  but lose their origins and keys
//   deleted apps   deleted here too, as on the primary (admin/app_directory.h
//                  delete_app_rows: their keys, guides, origins, row) and
//                  recorded in app_purges, so the event store drops and
//                  purges the events this follower ingested for them
// A deleted app's events that reach the follower before it applies the
// snapshot (its keys still resolve until then: one poll interval, or longer
// while the primary is unreachable) are accepted and none survive: the
// commit records the app in app_purges and clears the key cache (a lookup
// racing with it is not cached), so its keys get 401 from then on; then the
// caller has the event store's writer, the only thread that inserts events,
// read app_purges again (store::EventStore::purge_deleted_apps). Events it
// committed before that read are purged, with no id cut-off (chunks until
// none of the app is left); from that read on it drops every event of the
// app, also a request whose key resolved earlier and that reaches it after
// the purge finished (store/app_purge.h). With the ClickHouse store the
// follower's own step deletes the app's rows there after its exporter passed
// the purge (analytics_api/clickhouse_app_purge.h). Tested by
// tests/integration/cluster/cluster_follower_test.cpp.
// Accounts, sessions, drafts and saved funnels are not touched: they live on
// the primary only. A failure rolls everything back, so a follower serves
// either its previous snapshot or the new one, never a mix.
//
// Threading: call from one thread at a time (the follower's); the database
// lock makes it safe against concurrent readers.
#pragma once

#include "admin/app_directory.h"
#include "admin/database.h"
#include "cluster/metadata_snapshot.h"

#include <string>
#include <vector>

namespace cairn::cluster {

// Returns "" or why the snapshot could not be applied (nothing changed then).
// Clears the app directory's key cache after a commit. `newly_deleted`
// (optional) gets the deleted apps this commit recorded, for the event
// store's purge (store::EventStore::purge_deleted_apps).
std::string apply_snapshot(const MetadataSnapshot& snapshot, admin::Database& db,
                           admin::AppDirectory& apps, std::int64_t now_ms,
                           std::vector<std::string>* newly_deleted = nullptr);

}  // namespace cairn::cluster
