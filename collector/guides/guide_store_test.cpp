#include "guides/guide_store.h"

#include "admin/app_directory.h"
#include "admin/schema.h"
#include "guides/guide_revision.h"
#include "guides/sdk_guides_api.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace cairn;

namespace {
boost::json::object doc(const std::string& name) {
  return boost::json::parse(R"({"schema":1,"name":")" + name + R"(","steps":[]})").as_object();
}
std::string name_in(const std::string& json) {
  return std::string(boost::json::parse(json).at("name").as_string());
}

// An in-memory admin database with one app, and its guide store.
struct StoreWithApp {
  admin::Database db{":memory:"};
  std::string migrated = admin::migrate_admin_schema(db.handle());
  admin::AppDirectory apps{db};
  std::optional<admin::App> app = apps.create_app("Demo", {}, 1);
  guides::GuideStore store{db};

  StoreWithApp() { REQUIRE((migrated.empty() && app)); }
};
}  // namespace

TEST_CASE("guide lifecycle: draft, publish, edit, rollback, archive") {
  StoreWithApp fixture;
  guides::GuideStore& store = fixture.store;
  const std::optional<admin::App>& app = fixture.app;

  auto g = store.create(app->id, doc("A"), "acc_1", 10);
  REQUIRE(g);
  CHECK(g->status == "draft");
  CHECK(boost::json::parse(g->draft_json).at("id").as_string() == g->id);
  CHECK(store.published(app->id).empty());

  using guides::ChangeOutcome;
  auto version_of = [](guides::VersionChange c) { return c.outcome == ChangeOutcome::done ? c.version : -1; };
  CHECK(g->revision == 1);
  CHECK(version_of(store.publish(app->id, g->id, "first", "acc_1", 11, 1)) == 1);
  REQUIRE(store.update_draft(app->id, g->id, doc("B"), "acc_2", 12, 2) == ChangeOutcome::done);
  auto live = store.published(app->id);
  REQUIRE(live.size() == 1);
  CHECK(name_in(live[0].guide_json) == "A");  // Drafts do not reach users.

  CHECK(version_of(store.publish(app->id, g->id, "", "acc_2", 13, 3)) == 2);
  CHECK(name_in(store.published(app->id)[0].guide_json) == "B");
  CHECK(version_of(store.rollback(app->id, g->id, 1, "acc_1", 14, 4)) == 3);
  auto after = store.published(app->id);
  CHECK(name_in(after[0].guide_json) == "A");
  CHECK(boost::json::parse(after[0].guide_json).at("version").as_int64() == 3);
  auto versions = store.versions(app->id, g->id);
  REQUIRE(versions.size() == 3);
  CHECK(versions[0].note == "rollback to version 1");
  CHECK(name_in(store.version(app->id, g->id, 2)->guide_json) == "B");  // Immutable.

  CHECK(store.rollback(app->id, g->id, 9, "acc_1", 15, 5).outcome == ChangeOutcome::not_found);
  CHECK(store.publish(app->id, "g_missing", "", "acc_1", 15, 5).outcome == ChangeOutcome::not_found);
  CHECK(store.publish("app_other", g->id, "", "acc_1", 15, 5).outcome == ChangeOutcome::not_found);
  CHECK(store.find(app->id, g->id)->revision == 5);
  CHECK(store.archive(app->id, g->id, "acc_1", 16));
  CHECK(store.published(app->id).empty());
  CHECK(store.find(app->id, g->id)->status == "archived");
  CHECK(store.find(app->id, g->id)->revision == 6);  // Archiving is a change too.
}

TEST_CASE("a change based on an old revision is refused and changes nothing") {
  StoreWithApp fixture;
  guides::GuideStore& store = fixture.store;
  const std::optional<admin::App>& app = fixture.app;
  using guides::ChangeOutcome;
  auto g = store.create(app->id, doc("A"), "acc_1", 10);
  REQUIRE(g);

  // Two authors load revision 1; the first save wins, the second is stale.
  CHECK(store.update_draft(app->id, g->id, doc("Mine"), "acc_1", 11, 1) == ChangeOutcome::done);
  CHECK(store.update_draft(app->id, g->id, doc("Theirs"), "acc_2", 12, 1) == ChangeOutcome::stale);
  auto now = store.find(app->id, g->id);
  CHECK(name_in(now->draft_json) == "Mine");
  CHECK(now->revision == 2);
  CHECK(now->updated_by == "acc_1");
  CHECK(now->updated_at_ms == 11);

  // A publish or rollback based on a draft its author has not seen is refused.
  CHECK(store.publish(app->id, g->id, "", "acc_2", 13, 1).outcome == ChangeOutcome::stale);
  CHECK(store.published(app->id).empty());
  REQUIRE(store.publish(app->id, g->id, "", "acc_1", 13, 2).outcome == ChangeOutcome::done);
  CHECK(store.update_draft(app->id, g->id, doc("Later"), "acc_1", 14, 3) == ChangeOutcome::done);
  CHECK(store.rollback(app->id, g->id, 1, "acc_2", 15, 3).outcome == ChangeOutcome::stale);
  CHECK(name_in(store.find(app->id, g->id)->draft_json) == "Later");
  CHECK(store.update_draft(app->id, "g_missing", doc("X"), "acc_1", 16, 1) == ChangeOutcome::not_found);
}

TEST_CASE("the list carries the published version's schedule") {
  StoreWithApp fixture;
  guides::GuideStore& store = fixture.store;
  const std::optional<admin::App>& app = fixture.app;
  auto scheduled = boost::json::parse(
      R"({"schema":1,"name":"Later","steps":[],"schedule":{"start":"2030-01-01T00:00:00Z","end":"2030-02-01T00:00:00Z"}})");
  auto a = store.create(app->id, scheduled.as_object(), "acc_1", 10);
  auto b = store.create(app->id, doc("Draft only"), "acc_1", 11);
  REQUIRE((a && b));
  REQUIRE(store.publish(app->id, a->id, "", "acc_1", 12, 1).outcome == guides::ChangeOutcome::done);
  // The draft's schedule changes; the list shows the published one.
  REQUIRE(store.update_draft(app->id, a->id, doc("Later"), "acc_1", 13, 2) == guides::ChangeOutcome::done);
  auto list = store.list(app->id);
  REQUIRE(list.size() == 2);
  CHECK(list[0].guide.id == a->id);
  CHECK(list[0].published_schedule.start == std::optional<std::string>("2030-01-01T00:00:00Z"));
  CHECK(list[0].published_schedule.end == std::optional<std::string>("2030-02-01T00:00:00Z"));
  CHECK_FALSE(list[1].published_schedule.start);
  CHECK_FALSE(list[1].published_schedule.end);
}

TEST_CASE("If-None-Match matching: lists, weak validators and star") {
  CHECK(guides::etag_matches("\"abc\"", "\"abc\""));
  CHECK(guides::etag_matches("\"x\", \"abc\"", "\"abc\""));
  CHECK(guides::etag_matches("W/\"abc\"", "\"abc\""));
  CHECK(guides::etag_matches("*", "\"abc\""));
  CHECK_FALSE(guides::etag_matches("\"abd\"", "\"abc\""));
  CHECK_FALSE(guides::etag_matches("", "\"abc\""));
}

TEST_CASE("If-Match against a guide's revision compares strongly") {
  using guides::Precondition;
  CHECK(guides::revision_etag(7) == "\"7\"");
  CHECK(guides::check_if_match(std::nullopt, 7) == Precondition::missing);
  CHECK(guides::check_if_match("\"7\"", 7) == Precondition::met);
  CHECK(guides::check_if_match("\"6\", \"7\"", 7) == Precondition::met);
  CHECK(guides::check_if_match("*", 7) == Precondition::met);
  CHECK(guides::check_if_match("W/\"7\"", 7) == Precondition::stale);
  CHECK(guides::check_if_match("\"6\"", 7) == Precondition::stale);
  CHECK(guides::check_if_match("7", 7) == Precondition::stale);  // Not a quoted tag.
  CHECK(guides::check_if_match("", 7) == Precondition::stale);
}

TEST_CASE("guides saved before schema version 3 get revision 1 and can be saved with it") {
  admin::Database db(":memory:");
  REQUIRE(admin::migrate_admin_schema(db.handle(), 2).empty());
  admin::AppDirectory apps(db);
  auto app = apps.create_app("Demo", {}, 1);
  REQUIRE(app);
  {
    // A guide as version 2 stored it (no revision column yet).
    admin::Statement insert(db.handle(),
                            "INSERT INTO guides (id, app_id, name, status, draft_json, published_version, "
                            "created_at_ms, updated_at_ms, updated_by) "
                            "VALUES ('g_old', ?1, 'Old', 'draft', '{\"name\":\"Old\"}', NULL, 5, 5, 'acc_1')");
    insert.bind(1, app->id);
    REQUIRE(insert.run());
  }
  REQUIRE(admin::migrate_admin_schema(db.handle()).empty());
  guides::GuideStore store(db);
  REQUIRE(store.find(app->id, "g_old")->revision == 1);
  CHECK(store.update_draft(app->id, "g_old", doc("New"), "acc_2", 6, 1) == guides::ChangeOutcome::done);
  CHECK(store.find(app->id, "g_old")->revision == 2);
}

TEST_CASE("deleting an app takes its guides, versions, keys and origins, records its purge, spares other apps") {
  StoreWithApp fixture;
  admin::AppDirectory& apps = fixture.apps;
  guides::GuideStore& store = fixture.store;
  const std::string gone = fixture.app->id;
  std::optional<admin::App> kept = apps.create_app("Kept", {"https://kept.example"}, 2);
  REQUIRE(kept);
  REQUIRE(apps.set_origins(gone, {"https://gone.example"}) == admin::AppChange::done);
  auto gone_key = apps.create_write_key(gone, 3);
  auto kept_key = apps.create_write_key(kept->id, 3);
  REQUIRE((gone_key && kept_key));
  REQUIRE(apps.revoke_write_key(gone, apps.create_write_key(gone, 4)->info.id, 5));
  auto g = store.create(gone, doc("Tour"), "acc_1", 10);
  auto kept_guide = store.create(kept->id, doc("Kept tour"), "acc_1", 10);
  REQUIRE((g && kept_guide));
  REQUIRE(store.publish(gone, g->id, "", "acc_1", 11, 1).outcome == guides::ChangeOutcome::done);
  REQUIRE(store.publish(kept->id, kept_guide->id, "", "acc_1", 11, 1).outcome == guides::ChangeOutcome::done);
  REQUIRE(apps.resolve_write_key(gone_key->key));  // Cached now: the deletion must clear it.

  admin::DeletedApp deleted;
  REQUIRE(apps.delete_app(gone, 20, &deleted) == admin::AppChange::done);
  CHECK(deleted.app.name == "Demo");
  CHECK(deleted.write_keys == 2);
  CHECK(deleted.guides == 1);
  CHECK(deleted.guide_versions == 1);
  CHECK(deleted.saved_funnels == 0);
  CHECK_FALSE(apps.find_app(gone));
  CHECK_FALSE(apps.resolve_write_key(gone_key->key));
  CHECK_FALSE(apps.any_app_allows_origin("https://gone.example"));
  CHECK(apps.list_write_keys(gone).empty());
  CHECK(store.list(gone).empty());
  CHECK(store.published(gone).empty());
  CHECK_FALSE(store.find(gone, g->id));
  admin::Statement versions(fixture.db.handle(), "SELECT count(*) FROM guide_versions WHERE guide_id = ?1");
  REQUIRE(versions.bind(1, g->id).step());
  CHECK(versions.integer(0) == 0);
  admin::Statement purge(fixture.db.handle(), "SELECT deleted_at_ms, finished_at_ms IS NULL FROM app_purges WHERE app_id = ?1");
  REQUIRE(purge.bind(1, gone).step());
  CHECK(purge.integer(0) == 20);
  CHECK(purge.integer(1) == 1);  // The event store purges it (store/app_purge.h).

  // The other app is untouched.
  CHECK(apps.list_apps().size() == 1);
  CHECK(apps.resolve_write_key(kept_key->key)->app_id == kept->id);
  CHECK(apps.any_app_allows_origin("https://kept.example"));
  CHECK(store.published(kept->id).size() == 1);

  CHECK(apps.delete_app(gone, 21) == admin::AppChange::no_such_app);
  CHECK(apps.delete_app("app_unknown", 21) == admin::AppChange::no_such_app);
}
