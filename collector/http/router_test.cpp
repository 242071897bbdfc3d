#include "http/router.h"

#include <catch2/catch.hpp>

using namespace cairn::http;

namespace {
Response call(const Router& router, std::string method, std::string path, Request* out = nullptr) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  Response got;
  router.dispatch(request, [&](Response r) { got = std::move(r); });
  if (out) *out = request;
  return got;
}

Router sample() {
  Router router;
  router.add_sync("GET", "/api/apps/{app_id}", [](const Request& r) {
    Response resp;
    resp.body = "app " + std::string(r.path_param("app_id"));
    return resp;
  });
  router.add_sync("POST", "/api/apps/{app_id}/keys/{key_id}/rotate", [](const Request& r) {
    Response resp;
    resp.body = std::string(r.path_param("app_id")) + "/" + std::string(r.path_param("key_id"));
    return resp;
  });
  router.add_sync("GET", "/sdk/*", [](const Request& r) {
    Response resp;
    resp.body = "file " + std::string(r.path_param("*"));
    return resp;
  });
  return router;
}
}  // namespace

TEST_CASE("router fills path parameters and sets the route pattern") {
  Router router = sample();
  Response r = call(router, "GET", "/api/apps/app_1");
  CHECK(r.status == 200);
  CHECK(r.body == "app app_1");
  CHECK(r.route == "/api/apps/{app_id}");
  CHECK(call(router, "POST", "/api/apps/a/keys/k/rotate").body == "a/k");
}

TEST_CASE("router answers 404 for unknown paths and 405 with Allow for other methods") {
  Router router = sample();
  Response missing = call(router, "GET", "/api/nothing");
  CHECK(missing.status == 404);
  CHECK(missing.body.find("\"code\":\"not_found\"") != std::string::npos);
  Response wrong = call(router, "DELETE", "/api/apps/x");
  CHECK(wrong.status == 405);
  CHECK(wrong.header("Allow") == "GET");
}

TEST_CASE("a preflight catch-all makes no unknown path a 405; a known one lists OPTIONS in Allow") {
  Router router;
  router.add_sync("POST", "/v1/batch", [](const Request&) { return Response{}; });
  router.add_sync("OPTIONS", "/v1/*", [](const Request&) { return Response{}; });
  Response unknown = call(router, "POST", "/v1/alias");
  CHECK(unknown.status == 404);
  CHECK(unknown.header("Allow").empty());
  CHECK(call(router, "OPTIONS", "/v1/alias").status == 200);  // A preflight still answers.
  Response wrong = call(router, "GET", "/v1/batch");
  CHECK(wrong.status == 405);
  CHECK(wrong.header("Allow") == "POST, OPTIONS");
  CHECK(call(sample(), "POST", "/sdk/cairn.js").status == 405);  // A GET "/*" still makes its paths exist.
}

TEST_CASE("router wildcard takes the rest of the path; HEAD falls back to GET") {
  Router router = sample();
  CHECK(call(router, "GET", "/sdk/a/b.js").body == "file a/b.js");
  CHECK(call(router, "HEAD", "/sdk/cairn.js").status == 200);
  CHECK(call(router, "GET", "/sdkx/cairn.js").status == 404);
}

TEST_CASE("router prefers a full pattern to a wildcard added before it") {
  Router router;
  router.add_sync("GET", "/api/*", [](const Request&) { return error_response(404, "not_found", "x"); });
  router.add_sync("GET", "/api/apps/{app_id}/catalog", [](const Request& r) {
    Response resp;
    resp.body = "catalog " + std::string(r.path_param("app_id"));
    return resp;
  });
  CHECK(call(router, "GET", "/api/apps/a1/catalog").body == "catalog a1");
  CHECK(call(router, "GET", "/api/apps/a1/other").status == 404);
}

TEST_CASE("router splits the raw path before decoding, so an encoded slash stays in its parameter") {
  Router router;
  router.add_sync("GET", "/api/apps/{app_id}/people/{user}/events", [](const Request& r) {
    Response resp;
    resp.body = "user " + std::string(r.path_param("user"));
    return resp;
  });
  Request request;
  request.method = "GET";
  request.raw_path = "/api/apps/a1/people/org%2Fdana%20k/events";
  request.path = "/api/apps/a1/people/org/dana k/events";
  Response answer;
  router.dispatch(request, [&](Response r) { answer = std::move(r); });
  CHECK(answer.status == 200);
  CHECK(answer.body == "user org/dana k");
  // A literal segment must match as a whole: an encoded slash does not split it.
  request.raw_path = "/api%2Fapps/a1/people/u/events";
  request.path = "/api/apps/a1/people/u/events";
  router.dispatch(request, [&](Response r) { answer = std::move(r); });
  CHECK(answer.status == 404);
}

TEST_CASE("percent decoding refuses malformed escapes and NUL") {
  CHECK(percent_decode("/a%20b").value() == "/a b");
  CHECK_FALSE(percent_decode("/a%2").has_value());
  CHECK_FALSE(percent_decode("/a%zz").has_value());
  CHECK_FALSE(percent_decode("/a%00b").has_value());
}

TEST_CASE("request reads cookies, query parameters and headers case-insensitively") {
  Request r;
  r.headers.emplace("cookie", "a=1; cairn_session=tok; b=2");
  r.headers.emplace("X-Thing", "v");
  r.query = "status=draft&x=a%2Fb&flag";
  CHECK(r.cookie("cairn_session").value() == "tok");
  CHECK_FALSE(r.cookie("missing").has_value());
  CHECK(r.header("x-thing").value() == "v");
  CHECK(r.query_param("status").value() == "draft");
  CHECK(r.query_param("x").value() == "a/b");
  CHECK(r.query_param("flag").value().empty());
  CHECK_FALSE(r.query_param("nope").has_value());
}

TEST_CASE("client address is the last X-Forwarded-For entry only behind a trusted proxy") {
  Headers h;
  h.emplace("X-Forwarded-For", "6.6.6.6, 10.0.0.1");
  h.emplace("x-forwarded-for", " 203.0.113.7 ");
  CHECK(client_address(h, "127.0.0.1", false) == "127.0.0.1");
  CHECK(client_address(h, "127.0.0.1", true) == "203.0.113.7");
  Headers v6{{"X-Forwarded-For", "1.1.1.1,2001:db8::1"}};
  CHECK(client_address(v6, "127.0.0.1", true) == "2001:db8::1");
  for (std::string bad : {"", "unknown", "1.2.3.4:80", "[::1]", "a.b<script>"}) {
    Headers b{{"X-Forwarded-For", "9.9.9.9, " + bad}};
    CHECK(client_address(b, "127.0.0.1", true) == "127.0.0.1");
  }
  CHECK(client_address(Headers{}, "::1", true) == "::1");
}

TEST_CASE("router lists its routes in the order they were added") {
  Router router = sample();
  std::vector<Router::RouteInfo> routes = router.routes();
  REQUIRE(routes.size() >= 3);
  CHECK(routes[0].method == "GET");
  CHECK(routes[0].pattern == "/api/apps/{app_id}");
  CHECK(routes[1].method == "POST");
  CHECK(routes[1].pattern == "/api/apps/{app_id}/keys/{key_id}/rotate");
  CHECK(routes[2].pattern == "/sdk/*");
}
