// AppDirectory: apps, their allowed browser origins and their write keys.
//
// Write keys authenticate the SDK (ingest and GET /v1/guides) and nothing else.
// Only the SHA-256 of a key is stored (schema.h); the key itself is shown once,
// when created. resolve_write_key() is on the ingest hot path, so it answers
// from an in-memory cache; every change made through this class (revoke,
// rotate, origins, rename) clears the cache at once, so a revoked key stops working
// with the next request.
//
// Threading: thread-safe.
#pragma once

#include "admin/database.h"

#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace cairn::admin {

struct App {
  std::string id;  // "app_" + 16 hex.
  std::string name;
  std::vector<std::string> origins;
  std::int64_t created_at_ms = 0;
};

struct WriteKeyInfo {
  std::string id;  // "wk_" + 16 hex: names the key in the API and logs.
  std::string app_id;
  std::string prefix;  // First characters of the key, to recognise it.
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> revoked_at_ms;
};

struct NewWriteKey {
  WriteKeyInfo info;
  std::string key;  // The secret; returned once.
};

// The app a write key belongs to, with its allowed origins (for CORS).
struct ResolvedKey {
  std::string app_id;
  std::vector<std::string> origins;
};

// What a change to an existing app came to: the API answers 404 and 500
// apart.
enum class AppChange { done, no_such_app, storage_error };

// What delete_app() removed from the admin tables.
struct DeletedApp {
  App app;
  std::size_t write_keys = 0;  // Active and revoked.
  std::size_t guides = 0;
  std::size_t guide_versions = 0;
  std::size_t saved_funnels = 0;
};

// delete_app's statements without its transaction, for a caller that holds
// one (a follower applying the primary's deletions, cluster/snapshot_apply.h):
// the app's rows go and app_purges records it (also when the app has no row
// here). `counts` gets the rows removed (not its app). False on a storage
// error (the caller rolls back).
bool delete_app_rows(Database& db, const std::string& app_id, std::int64_t now_ms, DeletedApp* counts);

class AppDirectory {
 public:
  static constexpr std::size_t kMaxOriginsPerApp = 50;
  static constexpr std::size_t kMaxActiveKeysPerApp = 10;
  // An app's name (create, rename, and the name that confirms a deletion).
  static constexpr std::size_t kMaxNameBytes = 200;

  explicit AppDirectory(Database& db) : db_(db) {}

  std::optional<App> create_app(const std::string& name, const std::vector<std::string>& origins,
                                std::int64_t now_ms);
  std::optional<App> find_app(const std::string& id);
  std::vector<App> list_apps();
  // Replaces the allowed origins.
  AppChange set_origins(const std::string& app_id, const std::vector<std::string>& origins);
  // Renames the app; its id, keys, guides and events stay.
  AppChange rename_app(const std::string& app_id, const std::string& name);
  // Deletes the app with its origins, write keys, guides (drafts and
  // versions) and saved funnels in one transaction that also records the
  // purge of its events in app_purges (schema.h version 5; the event store
  // carries it out, store/app_purge.h). Its keys stop resolving at once.
  // `*deleted` (optional) gets what was removed when done.
  AppChange delete_app(const std::string& app_id, std::int64_t now_ms, DeletedApp* deleted = nullptr);

  // nullopt when the app does not exist or has kMaxActiveKeysPerApp keys.
  std::optional<NewWriteKey> create_write_key(const std::string& app_id, std::int64_t now_ms);
  std::vector<WriteKeyInfo> list_write_keys(const std::string& app_id);
  // Revokes a key of `app_id`. False when no such active key.
  bool revoke_write_key(const std::string& app_id, const std::string& key_id, std::int64_t now_ms);
  // Revokes `key_id` and creates its replacement in one transaction.
  std::optional<NewWriteKey> rotate_write_key(const std::string& app_id, const std::string& key_id,
                                              std::int64_t now_ms);

  // The app of an active key, or nullopt. Cached (see above).
  std::optional<ResolvedKey> resolve_write_key(const std::string& key);
  // True when some app allows `origin` (CORS preflight carries no key).
  bool any_app_allows_origin(const std::string& origin);

  // Clears the resolution cache (after changes made outside this class).
  void invalidate_cache();

 private:
  std::vector<std::string> origins_of(const std::string& app_id);
  std::optional<NewWriteKey> insert_key(const std::string& app_id, std::int64_t now_ms);

  Database& db_;
  std::shared_mutex cache_mutex_;
  std::map<std::string, std::optional<ResolvedKey>, std::less<>> key_cache_;  // By key hash.
  std::optional<std::vector<std::string>> all_origins_;
  std::uint64_t generation_ = 0;  // Bumped by every invalidation.
};

// True for "scheme://host[:port]" with scheme http or https and no path.
// What a stored origin must look like (a follower checks a snapshot's with it).
bool is_valid_origin(const std::string& origin);

// An origin as a browser sends it in `Origin`, or nullopt if `origin` is not
// one: its port must be 1-65535, and a scheme's default port (http :80,
// https :443) is dropped, as browsers never send it, so "https://a:443"
// stored as written would never match; scheme and host are lowered, as
// browsers send them.
std::optional<std::string> normalized_origin(const std::string& origin);

}  // namespace cairn::admin
