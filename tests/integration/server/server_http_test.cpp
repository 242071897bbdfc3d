// The HTTP server itself: health, metrics, routing errors, static files,
// keep-alive and graceful shutdown, against the real binary.
#include "server_fixture.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>
#include <zlib.h>

using namespace cairn::server_test;

namespace {

void write_file(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string gunzip(const std::string& data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return "";
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "";
}

}  // namespace

TEST_CASE("healthz answers ok and metrics count requests by route and status") {
  Collector c;
  REQUIRE(c.start({"--log-level", "info"}));
  Http http;
  HttpResult health = http.get(c.url("/healthz"));
  CHECK(health.status == 200);
  CHECK(health.body == R"({"status":"ok"})");
  http.get(c.url("/nope"));
  HttpResult metrics = http.get(c.url("/metrics"));
  REQUIRE(metrics.status == 200);
  CHECK(metrics.header("content-type").rfind("text/plain; version=0.0.4", 0) == 0);
  CHECK(metrics.body.find(
            R"(cairn_http_requests_total{route="/healthz",method="GET",status="200"} 1)") !=
        std::string::npos);
  CHECK(metrics.body.find(R"(route="unmatched",method="GET",status="404")") != std::string::npos);
  CHECK(metrics.body.find("cairn_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1") !=
        std::string::npos);
  // Which version runs and since when (an upgrade or a restart shows), the
  // version the CLI prints.
  int status = -1;
  const std::string version = c.run_cli({"version"}, &status);
  CHECK(status == 0);
  REQUIRE(version.rfind("cairn-collector ", 0) == 0);
  const std::string number = version.substr(16, version.find('\n') - 16);
  CHECK(metrics.body.find("cairn_build_info{version=\"" + number + "\"} 1\n") != std::string::npos);
  const std::size_t start = metrics.body.find("\ncairn_start_time_seconds ");
  REQUIRE(start != std::string::npos);
  const long long started = std::stoll(metrics.body.substr(start + 26));
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
  CHECK(started > now - 120);
  CHECK(started <= now);
  CHECK(c.last_log().find("\"msg\":\"listening\",\"version\":\"" + number + "\"") != std::string::npos);
}

TEST_CASE("unknown paths are JSON 404s and wrong methods 405 with Allow") {
  Collector c;
  REQUIRE(c.start());
  Http http;
  HttpResult missing = http.get(c.url("/no/such/thing"));
  CHECK(missing.status == 404);
  CHECK(missing.error_code() == "not_found");
  HttpResult api_missing = http.get(c.url("/api/nothing-here"));
  CHECK(api_missing.status == 404);
  CHECK(api_missing.error_code() == "not_found");
  HttpResult wrong = http.request("DELETE", c.url("/healthz"));
  CHECK(wrong.status == 405);
  CHECK(wrong.error_code() == "method_not_allowed");
  CHECK(wrong.header("allow") == "GET");
  // An admin path that exists answers 405 with its own methods, for GET too
  // (a GET /api/* catch-all answered 404 here and added GET to every Allow).
  HttpResult login = http.get(c.url("/api/login"));
  CHECK(login.status == 405);
  CHECK(login.error_code() == "method_not_allowed");
  CHECK(login.header("allow") == "POST");
  HttpResult funnel = http.request("DELETE", c.url("/api/apps/app_x/analytics/funnel"));
  CHECK(funnel.status == 405);
  CHECK(funnel.header("allow") == "POST");
  CHECK(http.get(c.url("/api/apps/app_x/analytics/funnel")).status == 405);
}

TEST_CASE("every response forbids content sniffing") {
  // A JSON answer that echoes input (an error naming a field, a person's
  // traits) must never be sniffed into HTML by a browser that opens it.
  Collector c;
  REQUIRE(c.start());
  Http http;
  CHECK(http.get(c.url("/healthz")).header("x-content-type-options") == "nosniff");
  CHECK(http.get(c.url("/api/nothing-here")).header("x-content-type-options") == "nosniff");
  CHECK(http.request("POST", c.url("/api/login"), "{").header("x-content-type-options") == "nosniff");
  CHECK(http.get(c.url("/metrics")).header("x-content-type-options") == "nosniff");
}

TEST_CASE("keep-alive serves many requests on one connection and HEAD has no body") {
  Collector c;
  REQUIRE(c.start());
  Http http;
  for (int i = 0; i < 20; ++i) REQUIRE(http.get(c.url("/healthz")).status == 200);
  HttpResult metrics = http.get(c.url("/metrics"));
  // One connection for all of them (the gauge counts this open one).
  CHECK(metrics.body.find("cairn_http_open_connections 1\n") != std::string::npos);
  HttpResult head = http.request("HEAD", c.url("/healthz"));
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("content-length") == "15");
}

TEST_CASE("static files: types, precompressed and on-the-fly gzip, ETag, no traversal") {
  Collector c;
  std::string sdk = c.data_dir() + "/sdk-dist";
  std::string editor = c.data_dir() + "/editor-dist";
  std::string js(4000, 'x');
  js = "console.log('cairn');" + js;
  write_file(sdk + "/cairn.js", js);
  write_file(sdk + "/cairn.wasm", std::string("\0asm\1\0\0\0", 8));
  write_file(sdk + "/cairn.css", "body{}");
  write_file(sdk + "/cairn.css.gz", "precompressed-bytes");
  write_file(c.data_dir() + "/secret.txt", "secret");
  write_file(sdk + "/.hidden", "hidden");
  write_file(editor + "/index.html", "<!doctype html><title>editor</title>");
  std::filesystem::create_symlink(c.data_dir() + "/secret.txt", sdk + "/link.txt");
  REQUIRE(c.start({"--sdk-dir", sdk, "--editor-dir", editor}));
  Http http;

  HttpResult plain = http.get(c.url("/sdk/cairn.js"));
  CHECK(plain.status == 200);
  CHECK(plain.body == js);
  CHECK(plain.header("content-type") == "text/javascript; charset=utf-8");
  CHECK(plain.header("content-encoding").empty());

  HttpResult gz = http.get(c.url("/sdk/cairn.js"), {"Accept-Encoding: gzip"});
  CHECK(gz.status == 200);
  CHECK(gz.header("content-encoding") == "gzip");
  CHECK(gz.body.size() < js.size());
  CHECK(gunzip(gz.body) == js);
  CHECK(gz.header("vary") == "Accept-Encoding");

  HttpResult pre = http.get(c.url("/sdk/cairn.css"), {"Accept-Encoding: gzip, br"});
  CHECK(pre.header("content-encoding") == "gzip");
  CHECK(pre.body == "precompressed-bytes");

  HttpResult wasm = http.get(c.url("/sdk/cairn.wasm"));
  CHECK(wasm.status == 200);
  CHECK(wasm.header("content-type") == "application/wasm");
  CHECK(wasm.body.size() == 8);

  std::string etag = plain.header("etag");
  REQUIRE_FALSE(etag.empty());
  HttpResult cached = http.get(c.url("/sdk/cairn.js"), {"If-None-Match: " + etag});
  CHECK(cached.status == 304);
  CHECK(cached.body.empty());

  for (const char* path : {"/sdk/../secret.txt", "/sdk/%2e%2e/secret.txt", "/sdk/..%2fsecret.txt",
                           "/sdk/.hidden", "/sdk/link.txt", "/sdk/missing.js",
                           "/sdk/a%5c..%5csecret.txt"}) {
    INFO(path);
    HttpResult r = http.get(c.url(path));
    CHECK(r.status == 404);
    CHECK(r.body.find("secret") == std::string::npos);
  }

  CHECK(http.get(c.url("/editor/")).body.find("editor") != std::string::npos);
  // History-routed single-page app paths fall back to index.html.
  CHECK(http.get(c.url("/editor/guides/g_1")).body.find("editor") != std::string::npos);
  HttpResult redirect = http.get(c.url("/editor"));
  CHECK(redirect.status == 308);
  CHECK(redirect.header("location") == "/editor/");
  CHECK(http.get(c.url("/dashboard/")).status == 404);  // Not configured.
}

TEST_CASE("a missing static directory is a startup error") {
  Collector c;
  CHECK_FALSE(c.start({"--sdk-dir", c.data_dir() + "/does-not-exist"}));
  CHECK(c.last_log().find("does not exist") != std::string::npos);
  CHECK(c.last_log().find("--sdk-dir") != std::string::npos);
}

TEST_CASE("bad configuration exits with status 2 and names the option") {
  Collector c;
  int status = 0;
  c.run_cli({"serve", "--port", "99999"}, &status);
  CHECK(status == 2);
  c.run_cli({"serve", "--store", "clickhouse://localhost:99999/db"}, &status);
  CHECK(status == 2);
  // A host name would only fail at bind time, after the database was opened.
  c.run_cli({"serve", "--listen", "localhost"}, &status);
  CHECK(status == 2);
  std::string help = c.run_cli({"--help"}, &status);
  CHECK(status == 0);
  CHECK(help.find("--max-body-bytes") != std::string::npos);
}

TEST_CASE("SIGTERM finishes the in-flight request and exits 0") {
  Collector c;
  REQUIRE(c.start({"--body-timeout-ms", "5000"}));
  // A request whose body arrives after the signal: it must still be answered.
  auto slow = std::async(std::launch::async, [&] {
    return raw_exchange(c.port(),
                        {"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         "Content-Length: 2\r\n\r\n",
                         "{}"},
                        std::chrono::milliseconds(600), std::chrono::seconds(10));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int status = c.terminate();
  CHECK(status == 0);
  std::string response = slow.get();
  CHECK(raw_status(response) == 422);  // Answered (email/password missing), not dropped.
  CHECK_FALSE(c.alive());
}
