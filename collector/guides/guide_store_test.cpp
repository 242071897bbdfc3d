#include "guides/guide_store.h"

#include "admin/app_directory.h"
#include "admin/schema.h"
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
}  // namespace

TEST_CASE("guide lifecycle: draft, publish, edit, rollback, archive") {
  admin::Database db(":memory:");
  REQUIRE(admin::migrate_admin_schema(db.handle()).empty());
  admin::AppDirectory apps(db);
  auto app = apps.create_app("Demo", {}, 1);
  guides::GuideStore store(db);

  auto g = store.create(app->id, doc("A"), "acc_1", 10);
  REQUIRE(g);
  CHECK(g->status == "draft");
  CHECK(boost::json::parse(g->draft_json).at("id").as_string() == g->id);
  CHECK(store.published(app->id).empty());

  CHECK(store.publish(app->id, g->id, "first", "acc_1", 11) == 1);
  REQUIRE(store.update_draft(app->id, g->id, doc("B"), "acc_2", 12));
  auto live = store.published(app->id);
  REQUIRE(live.size() == 1);
  CHECK(name_in(live[0].guide_json) == "A");  // Drafts do not reach users.

  CHECK(store.publish(app->id, g->id, "", "acc_2", 13) == 2);
  CHECK(name_in(store.published(app->id)[0].guide_json) == "B");
  CHECK(store.rollback(app->id, g->id, 1, "acc_1", 14) == 3);
  auto after = store.published(app->id);
  CHECK(name_in(after[0].guide_json) == "A");
  CHECK(boost::json::parse(after[0].guide_json).at("version").as_int64() == 3);
  auto versions = store.versions(app->id, g->id);
  REQUIRE(versions.size() == 3);
  CHECK(versions[0].note == "rollback to version 1");
  CHECK(name_in(store.version(app->id, g->id, 2)->guide_json) == "B");  // Immutable.

  CHECK_FALSE(store.rollback(app->id, g->id, 9, "acc_1", 15));
  CHECK_FALSE(store.publish(app->id, "g_missing", "", "acc_1", 15));
  CHECK_FALSE(store.publish("app_other", g->id, "", "acc_1", 15));
  CHECK(store.archive(app->id, g->id, "acc_1", 16));
  CHECK(store.published(app->id).empty());
  CHECK(store.find(app->id, g->id)->status == "archived");
}

TEST_CASE("If-None-Match matching: lists, weak validators and star") {
  CHECK(guides::etag_matches("\"abc\"", "\"abc\""));
  CHECK(guides::etag_matches("\"x\", \"abc\"", "\"abc\""));
  CHECK(guides::etag_matches("W/\"abc\"", "\"abc\""));
  CHECK(guides::etag_matches("*", "\"abc\""));
  CHECK_FALSE(guides::etag_matches("\"abd\"", "\"abc\""));
  CHECK_FALSE(guides::etag_matches("", "\"abc\""));
}
