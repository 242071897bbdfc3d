#include "admin/app_directory.h"

#include "admin/schema.h"
#include "admin/sdk_access.h"

#include <catch2/catch.hpp>

using namespace cairn::admin;

namespace {
struct Db {
  Database db{":memory:"};
  Db() {
    REQUIRE(db.valid());
    REQUIRE(migrate_admin_schema(db.handle()).empty());
  }
};
}  // namespace

TEST_CASE("migration is idempotent") {
  Db d;
  CHECK(migrate_admin_schema(d.db.handle()).empty());
}

TEST_CASE("a database written by a newer admin schema is refused, naming both versions, and left as it is") {
  Db d;
  Statement latest(d.db.handle(), "PRAGMA user_version");
  REQUIRE(latest.step());
  const std::int64_t known = latest.integer(0);
  const std::string newer = std::to_string(known + 1);
  REQUIRE(d.db.exec("PRAGMA user_version = " + newer));
  const std::string error = migrate_admin_schema(d.db.handle());
  INFO(error);
  CHECK(error.find("newer Cairn") != std::string::npos);
  CHECK(error.find("admin schema version " + newer) != std::string::npos);
  CHECK(error.find("knows up to " + std::to_string(known)) != std::string::npos);
  Statement after(d.db.handle(), "PRAGMA user_version");
  REQUIRE(after.step());
  CHECK(after.integer(0) == known + 1);
}

TEST_CASE("schema 7 stores origins written with their default port as browsers send them") {
  Database db{":memory:"};
  REQUIRE(migrate_admin_schema(db.handle(), 6).empty());
  AppDirectory apps(db);
  auto a = apps.create_app("A", {"https://a.example:443", "http://b.example:80", "https://c.example:8443"}, 1);
  auto both = apps.create_app("Both", {"https://d.example", "https://d.example:443"}, 1);
  REQUIRE(a);
  REQUIRE(both);
  REQUIRE(migrate_admin_schema(db.handle()).empty());
  apps.invalidate_cache();
  CHECK(apps.find_app(a->id)->origins ==
        std::vector<std::string>{"http://b.example", "https://a.example", "https://c.example:8443"});
  CHECK(apps.find_app(both->id)->origins == std::vector<std::string>{"https://d.example"});
  CHECK(apps.any_app_allows_origin("https://a.example"));
}

TEST_CASE("write keys resolve to their app until revoked; only hashes are stored") {
  Db d;
  AppDirectory apps(d.db);
  auto app = apps.create_app("Demo", {"https://a.example"}, 1);
  REQUIRE(app);
  auto key = apps.create_write_key(app->id, 2);
  REQUIRE(key);
  CHECK(key->key.rfind("cwk_", 0) == 0);
  CHECK(key->key.size() == 4 + 48);
  auto resolved = apps.resolve_write_key(key->key);
  REQUIRE(resolved);
  CHECK(resolved->app_id == app->id);
  CHECK(resolved->origins == std::vector<std::string>{"https://a.example"});

  Statement raw(d.db.handle(), "SELECT key_hash FROM write_keys");
  REQUIRE(raw.step());
  CHECK(raw.text(0) == write_key_hash(key->key));
  CHECK(raw.text(0).find(key->key) == std::string::npos);

  CHECK_FALSE(apps.resolve_write_key("cwk_unknown"));
  CHECK_FALSE(apps.resolve_write_key("not-a-key"));
  CHECK(apps.revoke_write_key(app->id, key->info.id, 3));
  CHECK_FALSE(apps.resolve_write_key(key->key));  // Cache cleared at once.
  CHECK_FALSE(apps.revoke_write_key(app->id, key->info.id, 4));
}

TEST_CASE("rotation revokes the old key and creates a new one atomically") {
  Db d;
  AppDirectory apps(d.db);
  auto app = apps.create_app("Demo", {}, 1);
  auto key = apps.create_write_key(app->id, 2);
  REQUIRE(apps.resolve_write_key(key->key));
  auto rotated = apps.rotate_write_key(app->id, key->info.id, 3);
  REQUIRE(rotated);
  CHECK_FALSE(apps.resolve_write_key(key->key));
  CHECK(apps.resolve_write_key(rotated->key));
  CHECK_FALSE(apps.rotate_write_key(app->id, key->info.id, 4));  // Already revoked.
  CHECK_FALSE(apps.rotate_write_key("app_other", rotated->info.id, 4));
  CHECK(apps.list_write_keys(app->id).size() == 2);
}

TEST_CASE("active keys per app are capped") {
  Db d;
  AppDirectory apps(d.db);
  auto app = apps.create_app("Demo", {}, 1);
  for (std::size_t i = 0; i < AppDirectory::kMaxActiveKeysPerApp; ++i) {
    REQUIRE(apps.create_write_key(app->id, 2));
  }
  CHECK_FALSE(apps.create_write_key(app->id, 3));
  CHECK_FALSE(apps.create_write_key("app_missing", 3));
}

TEST_CASE("origins: replaced as a whole, any-app lookup follows changes") {
  Db d;
  AppDirectory apps(d.db);
  auto app = apps.create_app("Demo", {"https://a.example"}, 1);
  CHECK(apps.any_app_allows_origin("https://a.example"));
  CHECK_FALSE(apps.any_app_allows_origin("https://b.example"));
  CHECK(apps.set_origins(app->id, {"https://b.example"}) == AppChange::done);
  CHECK_FALSE(apps.any_app_allows_origin("https://a.example"));
  CHECK(apps.any_app_allows_origin("https://b.example"));
  CHECK(apps.set_origins("app_missing", {}) == AppChange::no_such_app);
  CHECK(is_valid_origin("http://localhost:3000"));
  CHECK(is_valid_origin("https://[::1]:8443"));
  CHECK_FALSE(is_valid_origin("https://a.example/"));
  CHECK_FALSE(is_valid_origin("javascript://x"));
  CHECK_FALSE(is_valid_origin("https://A.example"));
  CHECK_FALSE(is_valid_origin("https://"));
}

TEST_CASE("normalized_origin: the Origin a browser sends, or nothing") {
  CHECK(normalized_origin("https://a.example") == "https://a.example");
  CHECK(normalized_origin("https://a.example:443") == "https://a.example");
  CHECK(normalized_origin("http://a.example:80") == "http://a.example");
  CHECK(normalized_origin("http://a.example:443") == "http://a.example:443");
  CHECK(normalized_origin("http://localhost:03000") == "http://localhost:3000");
  CHECK(normalized_origin("https://[::1]:8443") == "https://[::1]:8443");
  CHECK(normalized_origin("https://[::1]") == "https://[::1]");
  CHECK(normalized_origin("https://a.example:65535") == "https://a.example:65535");
  CHECK(normalized_origin("HTTP://LocalHost:9100") == "http://localhost:9100");
  CHECK(normalized_origin("https://App.Example.COM:443") == "https://app.example.com");
  CHECK(normalized_origin("https://[::FFFF:7F00:1]") == "https://[::ffff:7f00:1]");
  for (const char* bad : {"https://a.example:65536", "https://a.example:0", "https://a.example:", "https://:1",
                          "https://a:1:2", "https://[::1", "https://[::1]x", "https://a.example/", "ftp://a"}) {
    INFO(bad);
    CHECK_FALSE(normalized_origin(bad));
  }
}

TEST_CASE("rename: the name changes, the id, origins and keys stay") {
  Db d;
  AppDirectory apps(d.db);
  auto app = apps.create_app("Demo", {"https://a.example"}, 1);
  REQUIRE(app);
  auto key = apps.create_write_key(app->id, 2);
  REQUIRE(key);
  CHECK(apps.rename_app(app->id, "Acme Projects") == AppChange::done);
  auto renamed = apps.find_app(app->id);
  REQUIRE(renamed);
  CHECK(renamed->name == "Acme Projects");
  CHECK(renamed->origins == std::vector<std::string>{"https://a.example"});
  CHECK(apps.resolve_write_key(key->key)->app_id == app->id);
  CHECK(apps.rename_app("app_missing", "X") == AppChange::no_such_app);
  // The same name again is a change that changes nothing, not a missing app.
  CHECK(apps.rename_app(app->id, "Acme Projects") == AppChange::done);
}

TEST_CASE("write keys are read from the header, Basic and Bearer forms") {
  cairn::http::Request r;
  CHECK_FALSE(write_key_from(r));
  r.headers.emplace("Authorization", "Basic Y3drX2FiYzo=");  // "cwk_abc:"
  CHECK(write_key_from(r).value() == "cwk_abc");
  r.headers.clear();
  r.headers.emplace("Authorization", "Basic !!!notbase64");
  CHECK_FALSE(write_key_from(r));
  r.headers.clear();
  r.headers.emplace("Authorization", "Bearer cwk_xyz");
  CHECK(write_key_from(r).value() == "cwk_xyz");
  r.headers.emplace("x-cairn-write-key", "cwk_header");
  CHECK(write_key_from(r).value() == "cwk_header");  // The header wins.
  r.headers.clear();
  r.headers.emplace("Authorization", "Bearer " + std::string(600, 'k'));
  CHECK_FALSE(write_key_from(r));
}

TEST_CASE("CORS headers only for allowed origins; Vary always") {
  cairn::http::Request r;
  r.headers.emplace("Origin", "https://a.example");
  cairn::http::Response allowed;
  apply_cors(r, {"https://a.example"}, allowed);
  CHECK(allowed.header("Access-Control-Allow-Origin") == "https://a.example");
  cairn::http::Response denied;
  apply_cors(r, {"https://b.example"}, denied);
  CHECK(denied.header("Access-Control-Allow-Origin").empty());
  CHECK(denied.header("Vary") == "Origin");
}

TEST_CASE("CORS before the app is known: for an origin some app allows; Vary always") {
  cairn::http::Request r;
  r.headers.emplace("Origin", "https://a.example");
  auto only_a = [](const std::string& origin) { return origin == "https://a.example"; };
  cairn::http::Response allowed;
  apply_cors_before_app(r, only_a, allowed);
  CHECK(allowed.header("Access-Control-Allow-Origin") == "https://a.example");
  CHECK(allowed.header("Vary") == "Origin");
  cairn::http::Request foreign;
  foreign.headers.emplace("Origin", "https://b.example");
  cairn::http::Response denied;
  apply_cors_before_app(foreign, only_a, denied);
  CHECK(denied.header("Access-Control-Allow-Origin").empty());
  CHECK(denied.header("Vary") == "Origin");
  cairn::http::Response no_origin;
  apply_cors_before_app(cairn::http::Request{}, only_a, no_origin);
  CHECK(no_origin.header("Access-Control-Allow-Origin").empty());
}
