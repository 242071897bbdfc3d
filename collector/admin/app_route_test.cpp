#include "admin/app_route.h"

#include "admin/schema.h"
#include "auth/account_store.h"
#include "auth/session_store.h"
#include "clock/wall_clock.h"

#include <boost/json/object.hpp>
#include <catch2/catch.hpp>

#include <optional>
#include <string>

using namespace cairn;

namespace {

// An admin database with one app and a live session for each role.
struct AppRouteFixture {
  admin::Database db{":memory:"};
  admin::AppDirectory apps{db};
  auth::AccountStore accounts{db};
  auth::SessionStore sessions{db};
  auth::Authenticator authenticator{accounts, sessions, ""};
  std::string app_id;
  int handler_calls = 0;
  int accounts_made = 0;

  AppRouteFixture() {
    REQUIRE(db.valid());
    REQUIRE(admin::migrate_admin_schema(db.handle()).empty());
    std::optional<admin::App> app = apps.create_app("Demo", {}, wall_clock_ms());
    REQUIRE(app);
    app_id = app->id;
  }

  // A GET for `app` with a session of a new account of `role` (no session
  // cookie without a role).
  http::Request get(const std::string& app, std::optional<auth::Role> role) {
    http::Request request;
    request.method = "GET";
    request.path_params["app_id"] = app;
    if (role) {
      auth::Account account;
      std::string email = "account" + std::to_string(++accounts_made) + "@example.com";
      REQUIRE(accounts.create(email, "not-a-hash", *role, wall_clock_ms(), &account) ==
              auth::CreateAccountError::none);
      std::optional<auth::NewSession> session = sessions.create(account.id, wall_clock_ms());
      REQUIRE(session);
      request.headers.emplace("Cookie", std::string(auth::kSessionCookie) + "=" + session->token);
    }
    return request;
  }

  http::Response answer(const http::Request& request, auth::Permission permission) {
    return admin::answer_for_app(request, apps, authenticator, permission,
                                 [this](const http::Request&, const std::string& id, const auth::Principal& who) {
                                   ++handler_calls;
                                   http::Response r = http::json_response(boost::json::object{{"app", id}});
                                   r.set_header("X-Role", std::string(auth::role_name(who.account.role)));
                                   return r;
                                 });
  }
};

}  // namespace

TEST_CASE("app route: the handler runs for an allowed account and an existing app, uncached") {
  AppRouteFixture f;
  http::Response r = f.answer(f.get(f.app_id, auth::Role::viewer), auth::Permission::view);
  CHECK(r.status == 200);
  CHECK(r.body == R"({"app":")" + f.app_id + R"("})");
  CHECK(r.header("X-Role") == "viewer");
  CHECK(r.header("Cache-Control") == "no-store");
  CHECK(f.handler_calls == 1);
}

TEST_CASE("app route: an unknown app is 404 not_found after the account is allowed") {
  AppRouteFixture f;
  http::Response r = f.answer(f.get("app_0000000000000000", auth::Role::viewer), auth::Permission::view);
  CHECK(r.status == 404);
  CHECK(r.body.find(R"("code":"not_found")") != std::string::npos);
  CHECK(r.body.find("app not found") != std::string::npos);
  CHECK(r.header("Cache-Control") == "no-store");
  CHECK(f.handler_calls == 0);
}

TEST_CASE("app route: session and role are checked before the app, refusals uncached") {
  AppRouteFixture f;
  // No session: 401 even for an app that does not exist.
  http::Response anonymous = f.answer(f.get("app_0000000000000000", std::nullopt), auth::Permission::view);
  CHECK(anonymous.status == 401);
  CHECK(anonymous.header("Cache-Control") == "no-store");
  // A viewer lacks save_funnels: 403 forbidden, not the unknown app's 404.
  http::Response forbidden =
      f.answer(f.get("app_0000000000000000", auth::Role::viewer), auth::Permission::save_funnels);
  CHECK(forbidden.status == 403);
  CHECK(forbidden.body.find(R"("code":"forbidden")") != std::string::npos);
  CHECK(forbidden.header("Cache-Control") == "no-store");
  CHECK(f.handler_calls == 0);
}

TEST_CASE("app route: answer_authorized leaves the app to the handler and marks every answer uncached") {
  AppRouteFixture f;
  http::Request request = f.get("app_0000000000000000", auth::Role::editor);
  http::Response r = admin::answer_authorized(request, f.authenticator, auth::Permission::edit_guides,
                                              [](const auth::Principal&) { return admin::app_not_found(); });
  CHECK(r.status == 404);
  CHECK(r.body.find("app not found") != std::string::npos);
  CHECK(r.header("Cache-Control") == "no-store");
}
