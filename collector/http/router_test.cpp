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

TEST_CASE("router wildcard takes the rest of the path; HEAD falls back to GET") {
  Router router = sample();
  CHECK(call(router, "GET", "/sdk/a/b.js").body == "file a/b.js");
  CHECK(call(router, "HEAD", "/sdk/cairn.js").status == 200);
  CHECK(call(router, "GET", "/sdkx/cairn.js").status == 404);
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
