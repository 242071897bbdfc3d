#include "cluster/snapshot_apply.h"

#include <set>

namespace cairn::cluster {

namespace {

// Rows changed by the follower carry this instead of an account id: accounts
// live on the primary only.
constexpr std::string_view kReplicatedBy = "primary";

std::set<std::string> ids_of(admin::Database& db, std::string_view sql) {
  admin::Statement s(db.handle(), sql);
  std::set<std::string> out;
  while (s.step()) out.insert(s.text(0));
  return out;
}

class Applier {
 public:
  Applier(admin::Database& db, std::int64_t now_ms) : db_(db), now_ms_(now_ms) {}

  void app(const SnapshotApp& app) {
    run(admin::Statement(db_.handle(),
                         "INSERT INTO apps (id, name, created_at_ms) VALUES (?1, ?2, ?3) "
                         "ON CONFLICT(id) DO UPDATE SET name = excluded.name")
            .bind(1, app.id)
            .bind(2, app.name)
            .bind(3, app.created_at_ms));
    remove_origins(app.id);
    for (const std::string& origin : app.origins) {
      run(admin::Statement(db_.handle(), "INSERT INTO app_origins (app_id, origin) VALUES (?1, ?2)")
              .bind(1, app.id)
              .bind(2, origin));
    }
    for (const SnapshotWriteKey& k : app.write_keys) write_key(app.id, k);
    for (const SnapshotGuide& g : app.guides) guide(app.id, g);
  }

  void remove_origins(const std::string& app_id) {
    run(admin::Statement(db_.handle(), "DELETE FROM app_origins WHERE app_id = ?1").bind(1, app_id));
  }

  void revoke_key(const std::string& key_id) {
    run(admin::Statement(db_.handle(), "UPDATE write_keys SET revoked_at_ms = ?2 WHERE id = ?1")
            .bind(1, key_id)
            .bind(2, now_ms_));
  }

  void archive_guide(const std::string& guide_id) {
    run(admin::Statement(db_.handle(),
                         "UPDATE guides SET status = 'archived', updated_at_ms = ?2, "
                         "updated_by = ?3, revision = revision + 1 WHERE id = ?1")
            .bind(1, guide_id)
            .bind(2, now_ms_)
            .bind(3, kReplicatedBy));
  }

  // As on the primary, unless already recorded here.
  bool delete_app(const std::string& app_id) {
    if (!error_.empty()) return false;
    admin::Statement known(db_.handle(), "SELECT 1 FROM app_purges WHERE app_id = ?1");
    if (known.bind(1, app_id).step()) return false;
    admin::DeletedApp counts;
    if (known.failed() || !admin::delete_app_rows(db_, app_id, now_ms_, &counts)) {
      error_ = db_.error();
      return false;
    }
    return true;
  }

  const std::string& error() const { return error_; }

 private:
  void write_key(const std::string& app_id, const SnapshotWriteKey& k) {
    // A row under another id with the same hash (a database copied by hand
    // before this mode existed) would break the UNIQUE hash: the primary's id wins.
    run(admin::Statement(db_.handle(), "DELETE FROM write_keys WHERE key_hash = ?1 AND id <> ?2")
            .bind(1, k.key_hash)
            .bind(2, k.id));
    admin::Statement upsert(db_.handle(),
                            "INSERT INTO write_keys (id, app_id, key_hash, key_prefix, created_at_ms, "
                            "revoked_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE "
                            "SET app_id = excluded.app_id, key_hash = excluded.key_hash, key_prefix = "
                            "excluded.key_prefix, revoked_at_ms = excluded.revoked_at_ms");
    upsert.bind(1, k.id).bind(2, app_id).bind(3, k.key_hash).bind(4, k.key_prefix).bind(5, k.created_at_ms);
    if (k.revoked_at_ms) {
      upsert.bind(6, *k.revoked_at_ms);
    } else {
      upsert.bind_null(6);
    }
    run(upsert);
  }

  void guide(const std::string& app_id, const SnapshotGuide& g) {
    // The draft is the published content: a follower has no editor.
    run(admin::Statement(db_.handle(),
                         "INSERT INTO guides (id, app_id, name, status, draft_json, published_version, "
                         "created_at_ms, updated_at_ms, updated_by) VALUES (?1, ?2, ?1, 'published', "
                         "?3, ?4, ?5, ?5, ?6) ON CONFLICT(id) DO UPDATE SET app_id = excluded.app_id, "
                         "status = 'published', draft_json = excluded.draft_json, published_version = "
                         "excluded.published_version, updated_at_ms = excluded.updated_at_ms, "
                         "updated_by = excluded.updated_by, revision = guides.revision + 1 "
                         "WHERE guides.status <> 'published' OR guides.app_id <> excluded.app_id OR "
                         "guides.published_version IS NOT excluded.published_version")
            .bind(1, g.id)
            .bind(2, app_id)
            .bind(3, g.guide_json)
            .bind(4, g.version)
            .bind(5, g.published_at_ms)
            .bind(6, kReplicatedBy));
    // Versions are immutable on the primary, but a follower that once ran on
    // its own may hold a different version under the same number.
    run(admin::Statement(db_.handle(),
                         "INSERT INTO guide_versions (guide_id, version, guide_json, published_at_ms, "
                         "published_by) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(guide_id, version) "
                         "DO UPDATE SET guide_json = excluded.guide_json "
                         "WHERE guide_json IS NOT excluded.guide_json")
            .bind(1, g.id)
            .bind(2, g.version)
            .bind(3, g.guide_json)
            .bind(4, g.published_at_ms)
            .bind(5, kReplicatedBy));
  }

  void run(admin::Statement& s) {
    if (!error_.empty()) return;
    if (!s.ok() || !s.run()) error_ = db_.error();
  }

  admin::Database& db_;
  std::int64_t now_ms_;
  std::string error_;
};

}  // namespace

std::string apply_snapshot(const MetadataSnapshot& snapshot, admin::Database& db,
                           admin::AppDirectory& apps, std::int64_t now_ms,
                           std::vector<std::string>* newly_deleted) {
  std::set<std::string> app_ids, key_ids, guide_ids;
  for (const SnapshotApp& app : snapshot.apps) {
    app_ids.insert(app.id);
    for (const SnapshotWriteKey& k : app.write_keys) key_ids.insert(k.id);
    for (const SnapshotGuide& g : app.guides) guide_ids.insert(g.id);
  }
  {
    admin::Transaction transaction(db);
    Applier applier(db, now_ms);
    for (const SnapshotApp& app : snapshot.apps) applier.app(app);
    std::vector<std::string> deleted;
    for (const std::string& id : snapshot.deleted_apps) {
      if (applier.delete_app(id)) deleted.push_back(id);
    }
    for (const std::string& id : ids_of(db, "SELECT id FROM write_keys WHERE revoked_at_ms IS NULL")) {
      if (!key_ids.count(id)) applier.revoke_key(id);
    }
    for (const std::string& id : ids_of(db, "SELECT id FROM apps")) {
      if (!app_ids.count(id)) applier.remove_origins(id);
    }
    for (const std::string& id : ids_of(db, "SELECT id FROM guides WHERE status = 'published'")) {
      if (!guide_ids.count(id)) applier.archive_guide(id);
    }
    if (!applier.error().empty()) return "cannot apply the metadata snapshot: " + applier.error();
    if (!transaction.commit()) return "cannot commit the metadata snapshot: " + db.error();
    if (newly_deleted) *newly_deleted = std::move(deleted);
  }
  apps.invalidate_cache();
  return "";
}

}  // namespace cairn::cluster
