// MetadataSnapshot: what the SDK-facing routes of a collector need from the
// admin database — apps with their allowed origins, write keys (the stored
// SHA-256, never the key) and each app's published guides — as one JSON
// document a primary serves at GET /internal/metadata and a follower applies
// (cluster/snapshot_apply.h).
//
// Format (version 1):
//   {"format":1,"apps":[{"id","name","created_at_ms","origins":[...],
//     "write_keys":[{"id","key_hash","key_prefix","created_at_ms","revoked_at_ms"|null}],
//     "guides":[{"id","version","published_at_ms","guide_json"}]}],
//   "erasures":[{"seq","app_id","user_key","ids":[...],"erased_at_ms"}],
//   "deleted_apps":["<app id>", ...]}
// erasures are the person erasures the primary recorded in the last
// kErasureWindowDays days (store/person_erasure.h RecordedErasure; ids are
// every id the erasure resolved, user_key first), by seq; a follower repeats
// each one it has not repeated yet (cluster/erasure_replay.h). The field is
// optional, so a follower reads an older primary's snapshot.
// deleted_apps are every app deleted on the primary (its app_purges rows,
// admin/app_directory.h delete_app): a follower deletes each one it still
// holds and purges the events it ingested for it (snapshot_apply.h).
// Optional too; kept forever (app ids are never reused).
// guide_json is the stored published version as a JSON string, so the
// follower stores the same bytes and its /v1/guides answers with the same
// body and ETag as the primary's.
//
// Threading: read_snapshot() reads through the thread-safe stores; the rest
// are pure functions.
#pragma once

#include "admin/app_directory.h"
#include "admin/database.h"
#include "guides/guide_store.h"
#include "store/person_erasure.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::cluster {

struct SnapshotWriteKey {
  std::string id;
  std::string key_hash;  // Lowercase hex SHA-256 (admin/schema.h write_key_hash).
  std::string key_prefix;
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> revoked_at_ms;
};

struct SnapshotGuide {
  std::string id;
  std::int64_t version = 0;
  std::int64_t published_at_ms = 0;
  std::string guide_json;
};

struct SnapshotApp {
  std::string id;
  std::string name;
  std::int64_t created_at_ms = 0;
  std::vector<std::string> origins;
  std::vector<SnapshotWriteKey> write_keys;
  std::vector<SnapshotGuide> guides;  // Published guides only, by guide id.
};

// How long the snapshot keeps carrying an erasure: a follower down for
// longer misses it (docs/operations.md, "Primary and followers"). Retention
// drops the records after it (store/person_erasure.h).
inline constexpr std::int64_t kErasureWindowDays = store::kErasureReplayDays;

struct MetadataSnapshot {
  std::vector<SnapshotApp> apps;
  std::vector<store::RecordedErasure> erasures;
  std::vector<std::string> deleted_apps;  // Oldest deletion first.
};

// Reads the current snapshot. nullopt (with `*error`) on a storage error.
// `now_ms` bounds the erasures carried (kErasureWindowDays).
std::optional<MetadataSnapshot> read_snapshot(admin::Database& db, admin::AppDirectory& apps,
                                              guides::GuideStore& guides, std::int64_t now_ms,
                                              std::string* error);

std::string serialize_snapshot(const MetadataSnapshot& snapshot);

// Parses a primary's answer. nullopt with `*error` naming the field that is
// wrong; nothing partial is ever returned.
std::optional<MetadataSnapshot> parse_snapshot(std::string_view text, std::string* error);

}  // namespace cairn::cluster
