#include "cluster/metadata_snapshot.h"
#include "cluster/snapshot_apply.h"

#include "admin/schema.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace cairn;

namespace {

// An in-memory admin database with its app directory and guide store.
struct Side {
  admin::Database db{":memory:"};
  std::string migrated = admin::migrate_admin_schema(db.handle());
  admin::AppDirectory apps{db};
  guides::GuideStore guides{db};

  Side() { REQUIRE(migrated.empty()); }

  std::string snapshot_text() {
    std::string error;
    std::optional<cluster::MetadataSnapshot> s = cluster::read_snapshot(db, apps, guides, 1'000'000, &error);
    REQUIRE(s);
    return cluster::serialize_snapshot(*s);
  }
};

// The follower's way: the primary's snapshot travels as text.
void sync(Side& primary, Side& follower, std::int64_t now_ms = 100) {
  std::string error;
  std::optional<cluster::MetadataSnapshot> parsed =
      cluster::parse_snapshot(primary.snapshot_text(), &error);
  REQUIRE(parsed);
  REQUIRE(cluster::apply_snapshot(*parsed, follower.db, follower.apps, now_ms) == "");
}

std::string publish(Side& side, const std::string& app_id, const std::string& name) {
  auto doc = boost::json::parse(R"({"schema":1,"name":")" + name + R"(","steps":[]})").as_object();
  auto g = side.guides.create(app_id, doc, "acc_1", 10);
  REQUIRE(g);
  REQUIRE(side.guides.publish(app_id, g->id, "", "acc_1", 20, g->revision).outcome ==
          guides::ChangeOutcome::done);
  return g->id;
}

}  // namespace

TEST_CASE("a follower holds exactly the primary's apps, keys and published guides") {
  Side primary, follower;
  auto app = primary.apps.create_app("Shop", {"https://shop.example"}, 1);
  REQUIRE(app);
  auto key = primary.apps.create_write_key(app->id, 2);
  REQUIRE(key);
  const std::string guide_id = publish(primary, app->id, "Welcome");

  // A key and app the follower made on its own before following.
  auto local_app = follower.apps.create_app("Local", {"https://local.example"}, 1);
  auto local_key = follower.apps.create_write_key(local_app->id, 2);
  REQUIRE(local_key);
  const std::string local_guide = publish(follower, local_app->id, "Local guide");

  sync(primary, follower);

  auto resolved = follower.apps.resolve_write_key(key->key);
  REQUIRE(resolved);
  CHECK(resolved->app_id == app->id);
  CHECK(resolved->origins == std::vector<std::string>{"https://shop.example"});
  CHECK_FALSE(follower.apps.resolve_write_key(local_key->key));
  CHECK_FALSE(follower.apps.any_app_allows_origin("https://local.example"));
  CHECK(follower.guides.published(local_app->id).empty());
  auto served = follower.guides.published(app->id);
  REQUIRE(served.size() == 1);
  CHECK(served[0].guide_id == guide_id);
  CHECK(served[0].guide_json == primary.guides.published(app->id)[0].guide_json);

  // Applying an unchanged snapshot again changes nothing.
  const std::string before = follower.snapshot_text();
  sync(primary, follower, 200);
  CHECK(follower.snapshot_text() == before);
}

TEST_CASE("revocations, origin changes, republishes and archives reach the follower") {
  Side primary, follower;
  auto app = primary.apps.create_app("Shop", {"https://a.example"}, 1);
  auto key = primary.apps.create_write_key(app->id, 2);
  const std::string guide_id = publish(primary, app->id, "One");
  sync(primary, follower);
  REQUIRE(follower.apps.resolve_write_key(key->key));

  auto rotated = primary.apps.rotate_write_key(app->id, key->info.id, 3);
  REQUIRE(rotated);
  REQUIRE(primary.apps.set_origins(app->id, {"https://b.example"}) == admin::AppChange::done);
  auto g = primary.guides.find(app->id, guide_id);
  auto edited = boost::json::parse(R"({"schema":1,"name":"Two","steps":[]})").as_object();
  REQUIRE(primary.guides.update_draft(app->id, guide_id, edited, "acc_1", 30, g->revision) ==
          guides::ChangeOutcome::done);
  g = primary.guides.find(app->id, guide_id);
  REQUIRE(primary.guides.publish(app->id, guide_id, "", "acc_1", 40, g->revision).outcome ==
          guides::ChangeOutcome::done);
  sync(primary, follower);

  CHECK_FALSE(follower.apps.resolve_write_key(key->key));
  auto resolved = follower.apps.resolve_write_key(rotated->key);
  REQUIRE(resolved);
  CHECK(resolved->origins == std::vector<std::string>{"https://b.example"});
  auto served = follower.guides.published(app->id);
  REQUIRE(served.size() == 1);
  CHECK(served[0].version == 2);
  CHECK(served[0].guide_json.find("\"Two\"") != std::string::npos);

  REQUIRE(primary.guides.archive(app->id, guide_id, "acc_1", 50));
  sync(primary, follower);
  CHECK(follower.guides.published(app->id).empty());
  CHECK(follower.snapshot_text() == primary.snapshot_text());
}

TEST_CASE("a bad snapshot is refused naming the field, and nothing is applied") {
  std::string error;
  CHECK_FALSE(cluster::parse_snapshot("{", &error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(cluster::parse_snapshot(R"({"format":2,"apps":[]})", &error));
  CHECK(error.find("/format") != std::string::npos);
  CHECK_FALSE(cluster::parse_snapshot(
      R"({"format":1,"apps":[{"id":"app_1","name":"A","created_at_ms":1,"origins":["ftp://x"],)"
      R"("write_keys":[],"guides":[]}]})",
      &error));
  CHECK(error.find("/apps/0/origins/0") != std::string::npos);
  CHECK_FALSE(cluster::parse_snapshot(
      R"({"format":1,"apps":[{"id":"app_1","name":"A","created_at_ms":1,"origins":[],)"
      R"("write_keys":[{"id":"wk_1","key_hash":"abc","key_prefix":"","created_at_ms":1,)"
      R"("revoked_at_ms":null}],"guides":[]}]})",
      &error));
  CHECK(error.find("/apps/0/write_keys/0/key_hash") != std::string::npos);

  // A snapshot that cannot be stored (the same origin twice breaks
  // app_origins' primary key) rolls back as a whole.
  Side follower;
  auto app = follower.apps.create_app("Kept", {"https://kept.example"}, 1);
  auto key = follower.apps.create_write_key(app->id, 2);
  cluster::MetadataSnapshot broken;
  cluster::SnapshotApp a{"app_x", "X", 1, {"https://x.example", "https://x.example"}, {}, {}};
  broken.apps.push_back(a);
  CHECK_FALSE(cluster::apply_snapshot(broken, follower.db, follower.apps, 5).empty());
  CHECK(follower.apps.resolve_write_key(key->key));
  CHECK(follower.apps.any_app_allows_origin("https://kept.example"));
  CHECK_FALSE(follower.apps.find_app("app_x"));
}

TEST_CASE("an app deleted on the primary is deleted on the follower once, and recorded for its purge") {
  Side primary, follower;
  auto gone = primary.apps.create_app("Gone", {"https://gone.example"}, 1);
  auto kept = primary.apps.create_app("Kept", {"https://kept.example"}, 1);
  REQUIRE(gone);
  REQUIRE(kept);
  auto key = primary.apps.create_write_key(gone->id, 2);
  REQUIRE(key);
  publish(primary, gone->id, "Welcome");
  sync(primary, follower);
  REQUIRE(follower.apps.resolve_write_key(key->key));
  REQUIRE(follower.guides.published(gone->id).size() == 1);

  REQUIRE(primary.apps.delete_app(gone->id, 50) == admin::AppChange::done);
  std::string error;
  std::optional<cluster::MetadataSnapshot> parsed = cluster::parse_snapshot(primary.snapshot_text(), &error);
  REQUIRE(parsed);
  CHECK(parsed->deleted_apps == std::vector<std::string>{gone->id});
  std::vector<std::string> newly_deleted;
  REQUIRE(cluster::apply_snapshot(*parsed, follower.db, follower.apps, 300, &newly_deleted) == "");
  CHECK(newly_deleted == std::vector<std::string>{gone->id});
  CHECK_FALSE(follower.apps.find_app(gone->id));
  CHECK_FALSE(follower.apps.resolve_write_key(key->key));
  CHECK(follower.guides.published(gone->id).empty());
  CHECK(follower.apps.find_app(kept->id));
  admin::Statement purge(follower.db.handle(),
                         "SELECT deleted_at_ms, finished_at_ms IS NULL FROM app_purges WHERE app_id = ?1");
  REQUIRE(purge.bind(1, gone->id).step());
  CHECK(purge.integer(0) == 300);
  CHECK(purge.integer(1) == 1);  // The follower's event store purges it.

  // Already recorded: a later snapshot deletes nothing more.
  REQUIRE(cluster::apply_snapshot(*parsed, follower.db, follower.apps, 400, &newly_deleted) == "");
  CHECK(newly_deleted.empty());
}

TEST_CASE("a snapshot's deleted apps must be app ids; an older primary's snapshot has none") {
  std::string error;
  CHECK_FALSE(cluster::parse_snapshot(R"({"format":1,"apps":[],"deleted_apps":["app_1", 7]})", &error));
  CHECK(error.find("/deleted_apps/1") != std::string::npos);
  std::optional<cluster::MetadataSnapshot> old = cluster::parse_snapshot(R"({"format":1,"apps":[]})", &error);
  REQUIRE(old);
  CHECK(old->deleted_apps.empty());
}
