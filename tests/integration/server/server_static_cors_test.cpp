// Cross-origin loading of the SDK: vendors' pages load /sdk/cairn.mjs as a
// module script and fetch /sdk/cairn.wasm, both CORS requests, so every /sdk/
// answer must be readable from any origin, while the editor and dashboard
// (the collector's own pages) must not be.
#include "server_fixture.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace cairn::server_test;

namespace {

void write_file(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

const char* const kVendorOrigin = "Origin: https://app.example";

void check_any_origin(const HttpResult& r) {
  CHECK(r.header("access-control-allow-origin") == "*");
  CHECK(r.header("cross-origin-resource-policy") == "cross-origin");
  // "*" is the same for every origin, so caches need no Vary: Origin.
  CHECK(r.header("vary").find("Origin") == std::string::npos);
}

void check_same_origin_only(const HttpResult& r) {
  CHECK(r.header("access-control-allow-origin").empty());
  CHECK(r.header("cross-origin-resource-policy").empty());
}

struct StaticCollector {
  Collector c;
  std::string js = "console.log('cairn');" + std::string(4000, 'x');

  StaticCollector() {
    std::string sdk = c.data_dir() + "/sdk-dist";
    write_file(sdk + "/cairn.js", js);
    write_file(sdk + "/cairn.mjs", "export default {};");
    write_file(sdk + "/cairn.wasm", std::string("\0asm\1\0\0\0", 8));
    write_file(c.data_dir() + "/editor-dist/index.html", "<!doctype html><title>editor</title>");
    write_file(c.data_dir() + "/dashboard-dist/index.html", "<!doctype html><title>dash</title>");
    REQUIRE(c.start({"--sdk-dir", sdk, "--editor-dir", c.data_dir() + "/editor-dist",
                     "--dashboard-dir", c.data_dir() + "/dashboard-dist"}));
  }
};

}  // namespace

TEST_CASE("SDK files are readable from any origin in every encoding and on revalidation") {
  StaticCollector s;
  Http http;

  HttpResult js = http.get(s.c.url("/sdk/cairn.js"), {kVendorOrigin});
  REQUIRE(js.status == 200);
  CHECK(js.body == s.js);
  check_any_origin(js);

  HttpResult module = http.get(s.c.url("/sdk/cairn.mjs"), {kVendorOrigin});
  CHECK(module.status == 200);
  CHECK(module.header("content-type") == "text/javascript; charset=utf-8");
  check_any_origin(module);

  HttpResult gz = http.get(s.c.url("/sdk/cairn.js"), {kVendorOrigin, "Accept-Encoding: gzip"});
  CHECK(gz.status == 200);
  CHECK(gz.header("content-encoding") == "gzip");
  CHECK(gz.header("vary") == "Accept-Encoding");
  check_any_origin(gz);

  // instantiateStreaming needs both the CORS header and the wasm MIME type.
  HttpResult wasm = http.get(s.c.url("/sdk/cairn.wasm"), {kVendorOrigin});
  CHECK(wasm.status == 200);
  CHECK(wasm.header("content-type") == "application/wasm");
  check_any_origin(wasm);

  // A revalidated file is still a CORS response: without the header the
  // browser would refuse its cached copy.
  HttpResult cached =
      http.get(s.c.url("/sdk/cairn.js"), {kVendorOrigin, "If-None-Match: " + js.header("etag")});
  CHECK(cached.status == 304);
  check_any_origin(cached);

  HttpResult head = http.request("HEAD", s.c.url("/sdk/cairn.wasm"), "", {kVendorOrigin});
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  check_any_origin(head);

  // Requests without Origin (a classic <script src>, curl) get the same answer.
  check_any_origin(http.get(s.c.url("/sdk/cairn.js")));

  // A page can tell a missing file from a CORS failure.
  HttpResult missing = http.get(s.c.url("/sdk/missing.js"), {kVendorOrigin});
  CHECK(missing.status == 404);
  check_any_origin(missing);
}

TEST_CASE("an SDK preflight is answered for what the file server reads") {
  StaticCollector s;
  Http http;
  HttpResult pre = http.request("OPTIONS", s.c.url("/sdk/cairn.wasm"), "",
                                {kVendorOrigin, "Access-Control-Request-Method: GET",
                                 "Access-Control-Request-Headers: if-none-match"});
  CHECK(pre.status == 204);
  CHECK(pre.body.empty());
  check_any_origin(pre);
  CHECK(pre.header("access-control-allow-methods") == "GET, HEAD, OPTIONS");
  CHECK(pre.header("access-control-allow-headers") == "If-None-Match");
  CHECK_FALSE(pre.header("access-control-max-age").empty());
}

TEST_CASE("the editor and dashboard stay same-origin") {
  StaticCollector s;
  Http http;
  for (const char* path : {"/editor/", "/editor/guides/g_1", "/dashboard/"}) {
    INFO(path);
    HttpResult r = http.get(s.c.url(path), {kVendorOrigin});
    CHECK(r.status == 200);
    check_same_origin_only(r);
  }
  HttpResult etag = http.get(s.c.url("/editor/"));
  HttpResult cached = http.get(s.c.url("/editor/"), {kVendorOrigin, "If-None-Match: " + etag.header("etag")});
  CHECK(cached.status == 304);
  check_same_origin_only(cached);
  // No preflight route either: another origin gets no permission to send.
  HttpResult pre = http.request("OPTIONS", s.c.url("/editor/"), "",
                                {kVendorOrigin, "Access-Control-Request-Method: GET"});
  CHECK(pre.status == 405);
  check_same_origin_only(pre);
}

// The pages show strings anyone with a public write key can send and act with
// an admin's session: another page (a sibling subdomain is same-site and gets
// the SameSite=Strict cookie) must not frame them, and only the collector's
// own scripts may run there. The SDK, framed and loaded by every vendor page,
// gets neither.
TEST_CASE("the editor and dashboard refuse framing and scripts from elsewhere") {
  StaticCollector s;
  Http http;
  HttpResult etag = http.get(s.c.url("/dashboard/"));
  for (HttpResult r : {http.get(s.c.url("/editor/")), http.get(s.c.url("/editor/guides/g_1")), etag,
                       http.get(s.c.url("/dashboard/missing.js")),
                       http.get(s.c.url("/dashboard/"), {"If-None-Match: " + etag.header("etag")})}) {
    INFO(r.status);
    CHECK(r.header("x-frame-options") == "DENY");
    const std::string policy = r.header("content-security-policy");
    CHECK(policy.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(policy.find("default-src 'self'") != std::string::npos);
    CHECK(policy.find("object-src 'none'") != std::string::npos);
    CHECK(policy.find("base-uri 'none'") != std::string::npos);
    CHECK(policy.find("unsafe-inline") == std::string::npos);
    CHECK(policy.find("unsafe-eval") == std::string::npos);
  }
  HttpResult sdk = http.get(s.c.url("/sdk/cairn.js"), {kVendorOrigin});
  CHECK(sdk.header("x-frame-options").empty());
  CHECK(sdk.header("content-security-policy").empty());
}
