// Authentication and authorisation of the admin API against the real binary:
// login, sessions, CSRF, Origin checks, login rate limiting, and the role
// policy on EVERY admin route.
#include "server_fixture.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using namespace cairn::server_test;

namespace {

enum class MinRole { viewer, editor, admin };

struct AdminRoute {
  const char* method;
  const char* path;  // {app}, {guide}, {key}, {account} are substituted.
  MinRole min_role;
};

// Every authenticated /api route. A new route must be added here, so the test
// proves its policy.
const AdminRoute kRoutes[] = {
    {"POST", "/api/logout", MinRole::viewer},
    {"GET", "/api/me", MinRole::viewer},
    {"GET", "/api/accounts", MinRole::admin},
    {"POST", "/api/accounts", MinRole::admin},
    {"PATCH", "/api/accounts/{account}", MinRole::admin},
    {"GET", "/api/apps", MinRole::viewer},
    {"POST", "/api/apps", MinRole::admin},
    {"GET", "/api/apps/{app}", MinRole::viewer},
    {"PATCH", "/api/apps/{app}", MinRole::admin},
    {"DELETE", "/api/apps/{app}", MinRole::admin},  // With {} it deletes nothing (422).
    {"PUT", "/api/apps/{app}/origins", MinRole::admin},
    {"GET", "/api/apps/{app}/keys", MinRole::admin},
    {"POST", "/api/apps/{app}/keys", MinRole::admin},
    {"POST", "/api/apps/{app}/keys/{key}/rotate", MinRole::admin},
    {"DELETE", "/api/apps/{app}/keys/{key}", MinRole::admin},
    {"GET", "/api/apps/{app}/guides", MinRole::viewer},
    {"POST", "/api/apps/{app}/guides", MinRole::editor},
    {"GET", "/api/apps/{app}/guides/{guide}", MinRole::viewer},
    {"PUT", "/api/apps/{app}/guides/{guide}/draft", MinRole::editor},
    {"POST", "/api/apps/{app}/guides/{guide}/publish", MinRole::editor},
    {"GET", "/api/apps/{app}/guides/{guide}/versions", MinRole::viewer},
    {"GET", "/api/apps/{app}/guides/{guide}/versions/1", MinRole::viewer},
    {"POST", "/api/apps/{app}/guides/{guide}/rollback", MinRole::editor},
    {"POST", "/api/apps/{app}/guides/{guide}/archive", MinRole::editor},
    {"DELETE", "/api/apps/{app}/guides/{guide}", MinRole::editor},  // Without If-Match: 428, nothing deleted.
    {"POST", "/api/apps/{app}/guides/pack", MinRole::editor},
    {"POST", "/api/me/password", MinRole::viewer},
    {"GET", "/api/apps/{app}/catalog", MinRole::viewer},
    {"GET", "/api/apps/{app}/people/u1/events", MinRole::viewer},
    {"GET", "/api/apps/{app}/people", MinRole::viewer},
    {"DELETE", "/api/apps/{app}/people/u1", MinRole::admin},
    {"POST", "/api/apps/{app}/analytics/funnel", MinRole::viewer},
    {"POST", "/api/apps/{app}/analytics/guides", MinRole::viewer},
    {"POST", "/api/apps/{app}/analytics/stuck", MinRole::viewer},
    {"POST", "/api/apps/{app}/analytics/trends", MinRole::viewer},
    {"GET", "/api/apps/{app}/funnels", MinRole::viewer},
    {"POST", "/api/apps/{app}/funnels", MinRole::editor},
    {"PUT", "/api/apps/{app}/funnels/sf_0000000000000000", MinRole::editor},
    {"DELETE", "/api/apps/{app}/funnels/sf_0000000000000000", MinRole::editor},
    // "view" tokens need view; "edit" ones edit_guides (the bridge test covers that split).
    {"POST", "/api/apps/{app}/editor-token", MinRole::viewer},
};

// The /api route that is not behind a session: login itself.
// /api/session answers everyone: {"account": null} when not logged in (the
// first load asks it so the browser logs no failed request before login).
bool unauthenticated_by_design(const MountedRoute& route) {
  return route.pattern == "/api/login" || route.pattern == "/api/session";
}

std::string substitute(std::string path, const std::map<std::string, std::string>& ids) {
  for (const auto& [name, value] : ids) {
    std::string token = "{" + name + "}";
    for (std::size_t at = path.find(token); at != std::string::npos; at = path.find(token)) {
      path.replace(at, token.size(), value);
    }
  }
  return path;
}

bool state_changing(const std::string& method) { return method != "GET"; }

std::string create_account(Http& http, const Collector& c, const AdminSession& admin,
                           const std::string& email, const std::string& role) {
  boost::json::object body{{"email", email}, {"role", role}};
  HttpResult r = http.request("POST", c.url("/api/accounts"), boost::json::serialize(body),
                              admin.headers());
  REQUIRE(r.status == 201);
  return std::string(r.json().at("password").as_string());
}

std::string json_string_at(const HttpResult& r, const char* a, const char* b) {
  return std::string(r.json().at(a).at(b).as_string());
}

}  // namespace

TEST_CASE("login sets an HttpOnly SameSite cookie; me and logout use it") {
  Collector c;
  REQUIRE(c.start());
  std::string password = c.create_admin("admin@example.com");
  REQUIRE(password.size() == 20);
  Http http;
  HttpResult r = http.request("POST", c.url("/api/login"),
                              R"({"email":"admin@example.com","password":")" + password + "\"}",
                              {"Content-Type: application/json"});
  REQUIRE(r.status == 200);
  REQUIRE(r.set_cookies.size() == 1);
  const std::string& cookie = r.set_cookies[0];
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);  // Plain http on loopback.
  CHECK(r.header("cache-control") == "no-store");

  auto session = login(http, c, "admin@example.com", password);
  REQUIRE(session);
  HttpResult me = http.get(c.url("/api/me"), session->headers());
  CHECK(me.status == 200);
  CHECK(json_string_at(me, "account", "role") == "admin");
  CHECK(std::string(me.json().at("csrf_token").as_string()) == session->csrf);

  HttpResult signed_in = http.get(c.url("/api/session"), session->headers());
  CHECK(signed_in.status == 200);
  CHECK(json_string_at(signed_in, "account", "role") == "admin");
  CHECK(std::string(signed_in.json().at("csrf_token").as_string()) == session->csrf);

  CHECK(http.request("POST", c.url("/api/logout"), "", session->headers()).status == 204);
  CHECK(http.get(c.url("/api/me"), session->headers()).status == 401);
  // /api/session tells a page that nobody is logged in without a failed request,
  // and says no more than that: no csrf token, not cached.
  for (const std::vector<std::string>& headers : {session->headers(), std::vector<std::string>{}}) {
    HttpResult signed_out = http.get(c.url("/api/session"), headers);
    CHECK(signed_out.status == 200);
    CHECK(signed_out.json().as_object().size() == 1);
    CHECK(signed_out.json().at("account").is_null());
    CHECK(signed_out.header("cache-control") == "no-store");
  }
}

TEST_CASE("https public origin makes the cookie Secure") {
  Collector c;
  REQUIRE(c.start({"--public-origin", "https://cairn.example.com"}));
  std::string password = c.create_admin("a@example.com");
  Http http;
  HttpResult r = http.request("POST", c.url("/api/login"),
                              R"({"email":"a@example.com","password":")" + password + "\"}",
                              {"Content-Type: application/json", "Origin: https://cairn.example.com"});
  REQUIRE(r.status == 200);
  CHECK(r.set_cookies[0].find("; Secure") != std::string::npos);
  HttpResult foreign = http.request("POST", c.url("/api/login"),
                                    R"({"email":"a@example.com","password":")" + password + "\"}",
                                    {"Content-Type: application/json", "Origin: https://evil.example"});
  CHECK(foreign.status == 403);
  CHECK(foreign.error_code() == "origin_mismatch");
}

TEST_CASE("wrong passwords are refused alike and rate limited per email") {
  Collector c;
  REQUIRE(c.start());
  std::string password = c.create_admin("admin@example.com");
  Http http;
  auto attempt = [&](const std::string& email, const std::string& pw) {
    return http.request("POST", c.url("/api/login"),
                        R"({"email":")" + email + R"(","password":")" + pw + "\"}",
                        {"Content-Type: application/json"});
  };
  HttpResult unknown = attempt("nobody@example.com", "whatever-password");
  HttpResult wrong = attempt("admin@example.com", "wrong-password-1");
  CHECK(unknown.status == 401);
  CHECK(wrong.status == 401);
  CHECK(unknown.body == wrong.body);  // No hint which emails exist.
  for (int i = 0; i < 4; ++i) CHECK(attempt("admin@example.com", "wrong-password").status == 401);
  HttpResult limited = attempt("admin@example.com", password);  // Even the right one, now.
  CHECK(limited.status == 429);
  CHECK(limited.error_code() == "too_many_attempts");
  CHECK(std::stoi(limited.header("retry-after")) > 0);
  // Another email from the same IP is not locked by the first one's failures.
  c.create_admin("other@example.com");
  CHECK(attempt("other@example.com", "wrong-password").status == 401);
}

TEST_CASE("login validates its body") {
  Collector c;
  REQUIRE(c.start());
  Http http;
  HttpResult no_type = http.request("POST", c.url("/api/login"), R"({"email":"a","password":"b"})");
  CHECK(no_type.status == 415);
  CHECK(no_type.error_code() == "unsupported_media_type");
  HttpResult missing = http.request("POST", c.url("/api/login"), R"({"email": 5})",
                                    {"Content-Type: application/json"});
  CHECK(missing.status == 422);
  CHECK(missing.error_code() == "invalid_request");
  auto problems = missing.json().at("error").at("problems").as_array();
  CHECK(problems.size() == 2);  // /email wrong type, /password required.
}

TEST_CASE("every admin route enforces session, CSRF, write-key refusal and role policy") {
  AdminFixture f;
  const AdminSession editor = f.account("editor@example.com", "editor");
  const AdminSession viewer = f.account("viewer@example.com", "viewer");

  HttpResult guide = f.http.request("POST", f.c.url("/api/apps/" + f.app_id + "/guides"),
                                    valid_guide_json("G"), f.admin.headers());
  REQUIRE(guide.status == 201);
  HttpResult keys = f.http.get(f.c.url("/api/apps/" + f.app_id + "/keys"), f.admin.headers());
  REQUIRE(keys.status == 200);
  std::map<std::string, std::string> ids = {
      {"app", f.app_id},
      {"guide", json_string_at(guide, "guide", "id")},
      {"key", std::string(keys.json().at("keys").at(0).at("id").as_string())},
      {"account", "acc_0000000000000000"}};

  for (const AdminRoute& route : kRoutes) {
    std::string path = substitute(route.path, ids);
    INFO(route.method << " " << path);
    std::string body = "{}";

    HttpResult anonymous = f.http.request(route.method, f.c.url(path), body,
                                          {"Content-Type: application/json"});
    CHECK(anonymous.status == 401);
    CHECK(anonymous.error_code() == "unauthenticated");

    for (const std::string& header :
         {"X-Cairn-Write-Key: " + f.write_key, "Authorization: Bearer " + f.write_key}) {
      HttpResult with_key = f.http.request(route.method, f.c.url(path), body,
                                           {"Content-Type: application/json", header});
      CHECK(with_key.status == 401);
    }

    if (state_changing(route.method)) {
      HttpResult no_csrf = f.http.request(route.method, f.c.url(path), body, f.admin.headers(false));
      CHECK(no_csrf.status == 403);
      CHECK(no_csrf.error_code() == "csrf_failed");
      std::vector<std::string> wrong = f.admin.headers(false);
      wrong.push_back("X-Cairn-CSRF: " + std::string(64, '0'));
      CHECK(f.http.request(route.method, f.c.url(path), body, wrong).error_code() == "csrf_failed");
      std::vector<std::string> cross = f.admin.headers();
      cross.push_back("Origin: https://evil.example");
      HttpResult cross_site = f.http.request(route.method, f.c.url(path), body, cross);
      CHECK(cross_site.status == 403);
      CHECK(cross_site.error_code() == "origin_mismatch");
    }

    // Roles below the minimum get 403; the minimum role gets past the policy
    // (any answer but 401/403). Logout is skipped: it would end the session.
    if (std::string(route.path) == "/api/logout") continue;
    struct Who {
      MinRole role;
      const AdminSession* session;
    };
    for (Who who : {Who{MinRole::viewer, &viewer}, Who{MinRole::editor, &editor}}) {
      HttpResult r = f.http.request(route.method, f.c.url(path), body, who.session->headers());
      if (who.role < route.min_role) {
        CHECK(r.status == 403);
        CHECK(r.error_code() == "forbidden");
      } else {
        CHECK(r.status != 401);
        CHECK(r.status != 403);
      }
    }
  }
}

TEST_CASE("the role table above lists every /api route the collector mounts") {
  Collector c;
  REQUIRE(c.start({"--log-level", "debug"}));
  const std::vector<MountedRoute> routes = mounted_routes(c);
  const std::map<std::string, std::string> ids = {
      {"app", "app_x"}, {"guide", "g_x"}, {"key", "key_x"}, {"account", "acc_x"}};
  std::string missing;
  int api_routes = 0;
  for (const MountedRoute& route : routes) {
    if (route.pattern.rfind("/api/", 0) != 0 || unauthenticated_by_design(route)) continue;
    ++api_routes;
    bool listed = false;
    for (const AdminRoute& entry : kRoutes) {
      listed = listed || (route.method == entry.method &&
                          pattern_matches(route.pattern, substitute(entry.path, ids)));
    }
    if (!listed) missing += "\n  " + route.method + " " + route.pattern;
  }
  INFO("add these to kRoutes with their minimum role:" << missing);
  CHECK(missing.empty());
  CHECK(api_routes >= static_cast<int>(std::size(kRoutes)));
}

TEST_CASE("accounts: roles change, disabled accounts lose their sessions, last admin kept") {
  Collector c;
  REQUIRE(c.start());
  Http http;
  auto admin = login(http, c, "admin@example.com", c.create_admin("admin@example.com"));
  REQUIRE(admin);
  std::string pw = create_account(http, c, *admin, "e@example.com", "editor");
  auto editor = login(http, c, "e@example.com", pw);
  REQUIRE(editor);

  HttpResult list = http.get(c.url("/api/accounts"), admin->headers());
  REQUIRE(list.status == 200);
  auto accounts = list.json().at("accounts").as_array();
  REQUIRE(accounts.size() == 2);
  std::string admin_id(accounts[0].at("id").as_string());
  std::string editor_id(accounts[1].at("id").as_string());
  for (const auto& a : accounts) CHECK_FALSE(a.as_object().contains("password_hash"));

  HttpResult dup = http.request("POST", c.url("/api/accounts"),
                                R"({"email":"E@example.com","role":"viewer"})", admin->headers());
  CHECK(dup.status == 409);
  CHECK(dup.error_code() == "email_taken");
  HttpResult bad = http.request("POST", c.url("/api/accounts"),
                                R"({"email":"x","role":"root","password":"short","extra":1})",
                                admin->headers());
  CHECK(bad.status == 422);
  CHECK(bad.json().at("error").at("problems").as_array().size() == 4);

  HttpResult demote = http.request("PATCH", c.url("/api/accounts/" + editor_id), R"({"role":"viewer"})",
                                   admin->headers());
  CHECK(demote.status == 200);
  CHECK(json_string_at(demote, "account", "role") == "viewer");
  // A role change ends the account's sessions.
  CHECK(http.get(c.url("/api/me"), editor->headers()).status == 401);
  auto again = login(http, c, "e@example.com", pw);
  REQUIRE(again);
  CHECK(http.request("PATCH", c.url("/api/accounts/" + editor_id), R"({"disabled":true})",
                     admin->headers())
            .status == 200);
  CHECK(http.get(c.url("/api/me"), again->headers()).status == 401);
  CHECK_FALSE(login(http, c, "e@example.com", pw));

  HttpResult last = http.request("PATCH", c.url("/api/accounts/" + admin_id), R"({"role":"editor"})",
                                 admin->headers());
  CHECK(last.status == 409);
  CHECK(last.error_code() == "last_admin");
  CHECK(http.request("PATCH", c.url("/api/accounts/acc_missing"), R"({"role":"editor"})",
                     admin->headers())
            .status == 404);
}

TEST_CASE("given passwords: 12 to 256 characters, each edge tested") {
  AdminFixture f;
  auto create = [&f](const std::string& email, std::size_t length) {
    boost::json::object body{{"email", email}, {"role", "viewer"}, {"password", std::string(length, 'p')}};
    return f.http.request("POST", f.c.url("/api/accounts"), boost::json::serialize(body), f.admin.headers());
  };
  CHECK(create("min@example.com", 12).status == 201);
  CHECK(create("max@example.com", 256).status == 201);
  for (std::size_t length : {std::size_t{11}, std::size_t{257}}) {
    INFO(length);
    HttpResult r = create("len" + std::to_string(length) + "@example.com", length);
    CHECK(r.status == 422);
    CHECK(r.error_code() == "invalid_request");
    CHECK(r.body.find("/password") != std::string::npos);
  }
  CHECK(login(f.http, f.c, "max@example.com", std::string(256, 'p')));
}

TEST_CASE("create-admin never reuses an email and prints a fresh password") {
  Collector c;
  std::string first = c.create_admin("a@example.com");
  CHECK(first.size() == 20);
  int status = 0;
  std::string out = c.run_cli({"create-admin", "--email", "a@example.com"}, &status);
  CHECK(status == 1);
  CHECK(out.find("password") == std::string::npos);
  CHECK(c.create_admin("b@example.com") != first);
}

TEST_CASE("reset-password: a lost password is replaced from the CLI, the old one and its sessions end") {
  Collector c;
  REQUIRE(c.start());
  const std::string old_pw = c.create_admin("admin@example.com");
  Http http;
  auto session = login(http, c, "admin@example.com", old_pw);
  REQUIRE(session);

  // While the server runs, as the operator would (case-insensitive email, like login).
  int status = -1;
  std::string out = c.run_cli({"reset-password", "--email", "Admin@Example.com"}, &status);
  CHECK(status == 0);
  const std::string marker = "password ";
  const std::size_t at = out.find("\n" + marker);
  REQUIRE(at != std::string::npos);
  const std::string new_pw = out.substr(at + 1 + marker.size(), 20);
  CHECK(new_pw.size() == 20);
  CHECK(new_pw != old_pw);
  CHECK(out.find("account_id acc_") == 0);

  CHECK(http.get(c.url("/api/me"), session->headers()).status == 401);
  CHECK_FALSE(login(http, c, "admin@example.com", old_pw));
  CHECK(login(http, c, "admin@example.com", new_pw));

  // An unknown email changes nothing (exit 1); without --email: usage (exit 2).
  std::string unknown = c.run_cli({"reset-password", "--email", "nobody@example.com"}, &status);
  CHECK(status == 1);
  CHECK(unknown.find("password") == std::string::npos);
  c.run_cli({"reset-password"}, &status);
  CHECK(status == 2);
  // A mistyped data dir: refused, and no empty database is left there.
  const std::string wrong_file = c.data_dir() + "/typo.db";
  c.run_cli({"reset-password", "--email", "admin@example.com", "--store", "sqlite:" + wrong_file}, &status);
  CHECK(status == 1);
  CHECK_FALSE(std::ifstream(wrong_file).good());
  CHECK(login(http, c, "admin@example.com", new_pw));
}

TEST_CASE("password change: checks the current password, ends the other sessions, is rate limited") {
  Collector c;
  REQUIRE(c.start());
  const std::string old_pw = c.create_admin("admin@example.com");
  Http http;
  auto here = login(http, c, "admin@example.com", old_pw);
  auto elsewhere = login(http, c, "admin@example.com", old_pw);
  REQUIRE(here);
  REQUIRE(elsewhere);
  const std::string url = c.url("/api/me/password");
  auto change = [&](const std::string& current, const std::string& next) {
    boost::json::object body{{"current_password", current}, {"new_password", next}};
    return http.request("POST", url, boost::json::serialize(body), here->headers());
  };

  HttpResult short_pw = change(old_pw, "too-short");
  CHECK(short_pw.status == 422);
  CHECK(short_pw.error_code() == "invalid_request");
  CHECK(short_pw.body.find("/new_password") != std::string::npos);
  HttpResult missing = http.request("POST", url, R"({"new_password": 5, "x": 1})", here->headers());
  CHECK(missing.status == 422);
  CHECK(missing.json().at("error").at("problems").as_array().size() == 3);
  HttpResult wrong = change("not-the-password", "a-brand-new-password");
  CHECK(wrong.status == 422);
  CHECK(wrong.error_code() == "wrong_password");
  CHECK(wrong.body.find("/current_password") != std::string::npos);

  const std::string new_pw = "a-brand-new-password";
  HttpResult ok = change(old_pw, new_pw);
  CHECK(ok.status == 204);
  CHECK(ok.header("cache-control") == "no-store");
  CHECK(http.get(c.url("/api/me"), here->headers()).status == 200);
  CHECK(http.get(c.url("/api/me"), elsewhere->headers()).status == 401);
  CHECK_FALSE(login(http, c, "admin@example.com", old_pw));
  auto fresh = login(http, c, "admin@example.com", new_pw);
  REQUIRE(fresh);

  // Wrong current passwords count as failed logins of the email (the
  // successful login above cleared the count): 5, then 429 even for the right one.
  for (int i = 0; i < 5; ++i) CHECK(change("guess-" + std::to_string(i), "another-new-password").status == 422);
  HttpResult limited = change(new_pw, "another-new-password");
  CHECK(limited.status == 429);
  CHECK(limited.error_code() == "too_many_attempts");
  CHECK(std::stoi(limited.header("retry-after")) > 0);
}

TEST_CASE("X-Forwarded-For names the client only with --trust-proxy") {
  // A new email each time, so only the per-IP limit can refuse.
  int emails = 0;
  auto attempt = [&emails](Http& http, const Collector& c, const std::string& forwarded_for) {
    std::string body = R"({"email":"nobody)" + std::to_string(++emails) + R"(@example.com","password":"x"})";
    return http.request("POST", c.url("/api/login"), body,
                        {"Content-Type: application/json", "X-Forwarded-For: " + forwarded_for});
  };
  SECTION("ignored by default: logs and rate limits use the TCP peer") {
    Collector c;
    REQUIRE(c.start({"--log-level", "info"}));  // Request lines are info.
    Http http;
    CHECK(attempt(http, c, "198.51.100.7").status == 401);
    CHECK(c.last_log().find("\"remote\":\"127.0.0.1\"") != std::string::npos);
    CHECK(c.last_log().find("198.51.100.7") == std::string::npos);
  }
  SECTION("trusted: the last entry is the client, for logs and the per-IP login limit") {
    Collector c;
    REQUIRE(c.start({"--trust-proxy", "--log-level", "info"}));
    Http http;
    // 30 failed logins per IP per 15 minutes: the forged first entry changes nothing.
    for (int i = 0; i < 30; ++i) {
      CHECK(attempt(http, c, "10.9.9." + std::to_string(i) + ", 198.51.100.7").status == 401);
    }
    HttpResult limited = attempt(http, c, "198.51.100.7");
    CHECK(limited.status == 429);
    CHECK(attempt(http, c, "198.51.100.8").status == 401);  // Another client is not limited.
    CHECK(c.last_log().find("\"remote\":\"198.51.100.7\"") != std::string::npos);
    // A request refused before routing (413 from Content-Length) is logged
    // with the same client, not the proxy's address.
    std::string refused = raw_exchange(c.port(),
                                       {"POST /v1/batch HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\n"
                                        "Content-Length: 999999999\r\n\r\n"},
                                       std::chrono::milliseconds(0), std::chrono::seconds(5));
    CHECK(raw_status(refused) == 413);
    CHECK(c.last_log().find("\"status\":413,") != std::string::npos);
    CHECK(c.last_log().find("\"remote\":\"203.0.113.9\"") != std::string::npos);
  }
}
