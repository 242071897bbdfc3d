// The editor bridge's collector routes against the real binary: tokens issued
// to a logged-in account (session, CSRF, role), verified by the SDK with its
// write key (app match, expiry, tampering, CORS). docs/editor-bridge.md.
#include "server_fixture.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace cairn::server_test;

namespace {

constexpr const char* kAppOrigin = "http://app.example.test:3000";
constexpr const char* kEditorOrigin = "https://cairn.example.com";

struct Bridge : AdminFixture {
  Bridge() : AdminFixture({"--public-origin", kEditorOrigin}, {kAppOrigin}) {}

  HttpResult issue(const AdminSession& who, const std::string& body, const std::string& app = "") {
    std::vector<std::string> h = who.headers();
    h.push_back(std::string("Origin: ") + kEditorOrigin);
    return http.request("POST", c.url("/api/apps/" + (app.empty() ? app_id : app) + "/editor-token"),
                        body, h);
  }

  HttpResult verify(const std::string& token, const std::string& key) {
    boost::json::object body{{"token", token}};
    return http.request("POST", c.url("/v1/editor/verify"), boost::json::serialize(body),
                        {"Content-Type: application/json", "Authorization: Bearer " + key,
                         std::string("Origin: ") + kAppOrigin});
  }
};

std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

}  // namespace

TEST_CASE("editor bridge: an issued token verifies for its app, with CORS for the app") {
  Bridge b;
  HttpResult issued = b.issue(b.admin, R"({"purpose":"edit"})");
  REQUIRE(issued.status == 201);
  CHECK(issued.header("cache-control") == "no-store");
  const std::string token = str(issued.json().at("token"));
  const std::int64_t expires = issued.json().at("expires_at_ms").as_int64();
  CHECK(token.find_first_of("+/=#& ") == std::string::npos);

  HttpResult ok = b.verify(token, b.write_key);
  REQUIRE(ok.status == 200);
  auto doc = ok.json();
  CHECK(str(doc.at("app_id")) == b.app_id);
  CHECK(str(doc.at("account").at("email")) == "admin@example.com");
  CHECK(str(doc.at("editor_origin")) == kEditorOrigin);
  CHECK(str(doc.at("purpose")) == "edit");
  CHECK(doc.at("expires_at_ms").as_int64() == expires);
  CHECK(ok.header("access-control-allow-origin") == kAppOrigin);

  // The preflight the SDK's JSON POST triggers is granted to the app's origin.
  HttpResult preflight = b.http.request(
      "OPTIONS", b.c.url("/v1/editor/verify"), "",
      {std::string("Origin: ") + kAppOrigin, "Access-Control-Request-Method: POST",
       "Access-Control-Request-Headers: content-type, authorization"});
  CHECK(preflight.status == 204);
  CHECK(preflight.header("access-control-allow-origin") == kAppOrigin);
}

TEST_CASE("editor bridge: forged, altered, foreign-app and keyless verifications fail") {
  Bridge b;
  const std::string token = str(b.issue(b.admin, R"({"purpose":"edit"})").json().at("token"));
  std::string altered = token;
  altered[3] = altered[3] == 'A' ? 'B' : 'A';
  CHECK(b.verify(altered, b.write_key).error_code() == "invalid_editor_token");
  CHECK(b.verify("not-a-token", b.write_key).status == 401);
  CHECK(b.verify(token + "x", b.write_key).status == 401);

  // Another app's write key: the token names the first app.
  auto [other_app, other_key] = b.c.create_app("Other", {kAppOrigin});
  HttpResult foreign = b.verify(token, other_key);
  CHECK(foreign.status == 401);
  CHECK(foreign.error_code() == "invalid_editor_token");
  CHECK(foreign.header("access-control-allow-origin") == kAppOrigin);  // the SDK can read why

  HttpResult keyless = b.http.request("POST", b.c.url("/v1/editor/verify"),
                                      "{\"token\":\"" + token + "\"}",
                                      {"Content-Type: application/json"});
  CHECK(keyless.error_code() == "missing_write_key");
  CHECK(b.verify(token, "cwk_000000000000000000000000000000000000000000000000").error_code() ==
        "invalid_write_key");

  HttpResult no_token = b.http.request("POST", b.c.url("/v1/editor/verify"), "{}",
                                       {"Content-Type: application/json",
                                        "Authorization: Bearer " + b.write_key});
  CHECK(no_token.status == 422);
  CHECK(str(no_token.json().at("error").at("problems").at(0).at("pointer")) == "/token");
  CHECK(b.http.request("POST", b.c.url("/v1/editor/verify"), "[1,2",
                       {"Content-Type: application/json", "Authorization: Bearer " + b.write_key})
            .status == 400);
}

TEST_CASE("editor bridge: tokens need a session, CSRF and the right permission") {
  Bridge b;
  // No session, no CSRF header, a foreign Origin.
  CHECK(b.http.request("POST", b.c.url("/api/apps/" + b.app_id + "/editor-token"),
                       R"({"purpose":"edit"})", {"Content-Type: application/json"})
            .status == 401);
  CHECK(b.http.request("POST", b.c.url("/api/apps/" + b.app_id + "/editor-token"),
                       R"({"purpose":"edit"})", b.admin.headers(false))
            .error_code() == "csrf_failed");
  std::vector<std::string> foreign = b.admin.headers();
  foreign.push_back("Origin: https://evil.example");
  CHECK(b.http.request("POST", b.c.url("/api/apps/" + b.app_id + "/editor-token"),
                       R"({"purpose":"edit"})", foreign)
            .status == 403);

  AdminSession viewer = b.account("viewer@example.com", "viewer");
  HttpResult refused = b.issue(viewer, R"({"purpose":"edit"})");
  CHECK(refused.status == 403);
  CHECK(refused.error_code() == "forbidden");
  HttpResult view = b.issue(viewer, R"({"purpose":"view"})");
  REQUIRE(view.status == 201);
  HttpResult verified = b.verify(str(view.json().at("token")), b.write_key);
  CHECK(str(verified.json().at("purpose")) == "view");

  AdminSession editor = b.account("editor@example.com", "editor");
  CHECK(b.issue(editor, R"({"purpose":"edit"})").status == 201);

  HttpResult bad = b.issue(b.admin, R"({"purpose":"admin","extra":1})");
  CHECK(bad.status == 422);
  CHECK(bad.json().at("error").at("problems").as_array().size() == 2);
  CHECK(b.issue(b.admin, R"({"purpose":"edit"})", "app_0000000000000000").status == 404);
  // The app's 404 comes before the body and the finer permission, as on every
  // app-scoped route: an unknown app is reported as such, whatever was sent.
  CHECK(b.issue(b.admin, "not json", "app_0000000000000000").status == 404);
  CHECK(b.issue(b.admin, R"({"purpose":"admin"})", "app_0000000000000000").status == 404);
  CHECK(b.issue(viewer, R"({"purpose":"edit"})", "app_0000000000000000").status == 404);
  CHECK(b.issue(viewer, R"({"purpose":"edit"})").status == 403);
}

TEST_CASE("editor bridge: tokens survive restarts and stop verifying when the account is disabled") {
  Bridge b;
  AdminSession editor = b.account("editor@example.com", "editor");
  const std::string token = str(b.issue(editor, R"({"purpose":"edit"})").json().at("token"));
  const std::string admin_token = str(b.issue(b.admin, R"({"purpose":"edit"})").json().at("token"));
  REQUIRE(b.verify(token, b.write_key).status == 200);

  REQUIRE(b.c.terminate() == 0);
  REQUIRE(b.c.start({"--public-origin", kEditorOrigin}));
  CHECK(b.verify(admin_token, b.write_key).status == 200);  // the key lives in the database

  HttpResult me = b.http.get(b.c.url("/api/me"), editor.headers());
  const std::string editor_id = str(me.json().at("account").at("id"));
  CHECK(b.http.request("PATCH", b.c.url("/api/accounts/" + editor_id), R"({"disabled":true})",
                       b.admin.headers())
            .status == 200);
  CHECK(b.verify(token, b.write_key).error_code() == "invalid_editor_token");
}
