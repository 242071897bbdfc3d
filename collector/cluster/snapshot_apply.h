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
