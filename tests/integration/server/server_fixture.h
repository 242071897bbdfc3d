// Test fixture for the collector's HTTP server: starts the real
// cairn-collector binary on 127.0.0.1 with an ephemeral port and a temporary
// data directory, runs its CLI subcommands against the same directory, and
// talks HTTP with libcurl (Http) or raw bytes over a socket (RawConnection)
// for requests libcurl will not send (slow bodies, malformed framing).
//
// Every wait is bounded; the child is SIGKILLed in the destructor if a test
// left it running, and the temporary directory is removed.
//
// Threading: one thread per fixture.
#pragma once

#include <boost/json/value.hpp>

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cairn::server_test {

struct HttpResult {
  long status = 0;  // 0: transport failure (connection refused, timeout).
  std::string body;
  std::map<std::string, std::string> headers;  // Lower-case names; last value wins.
  std::vector<std::string> set_cookies;

  // The parsed body (null when not JSON).
  boost::json::value json() const;
  // body.error.code, or "" when the body is not the common error shape.
  std::string error_code() const;
  std::string header(const std::string& lower_name) const;
};

class Collector {
 public:
  Collector();
  ~Collector();
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  // Starts `serve` with `extra` flags and waits up to 20 s for its
  // "listening ADDR:PORT" line. False (with the log in last_log()) on failure.
  bool start(const std::vector<std::string>& extra = {});
  // SIGTERM, then waits up to `timeout` for exit. The exit status, or -1.
  int terminate(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  bool alive();

  int port() const { return port_; }
  std::string url(const std::string& path) const;
  const std::string& data_dir() const { return dir_; }
  std::string last_log() const;

  // Runs `cairn-collector <args> --data-dir DIR`, returning stdout and the
  // exit status through `status`.
  std::string run_cli(const std::vector<std::string>& args, int* status = nullptr) const;

  // create-admin; returns the printed password.
  std::string create_admin(const std::string& email) const;
  // create-app; returns {app_id, write_key}.
  std::pair<std::string, std::string> create_app(const std::string& name,
                                                 const std::vector<std::string>& origins) const;

 private:
  std::string dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// One libcurl easy handle (keeps the connection alive between requests).
class Http {
 public:
  Http();
  ~Http();
  Http(const Http&) = delete;
  Http& operator=(const Http&) = delete;

  HttpResult request(const std::string& method, const std::string& url,
                     const std::string& body = "", const std::vector<std::string>& headers = {},
                     long timeout_ms = 15000);
  HttpResult get(const std::string& url, const std::vector<std::string>& headers = {}) {
    return request("GET", url, "", headers);
  }

 private:
  void* curl_;
};

// A logged-in editor/dashboard user: cookie + CSRF token.
struct AdminSession {
  std::string cookie;  // "cairn_session=..."
  std::string csrf;

  // Headers for an authenticated JSON request (CSRF included when `csrf_on`).
  std::vector<std::string> headers(bool csrf_on = true) const;
};

// POST /api/login; nullopt if the login failed.
std::optional<AdminSession> login(Http& http, const Collector& c, const std::string& email,
                                  const std::string& password);

// A running collector with its first admin logged in and one app made by
// create-app (so its write key is known): the setup most server tests share.
struct AdminFixture {
  Collector c;
  Http http;
  AdminSession admin;
  std::string app_id;
  std::string write_key;

  // Starts `serve` with `flags`; the app allows `origins`.
  explicit AdminFixture(const std::vector<std::string>& flags = {},
                        const std::vector<std::string>& origins = {"http://localhost:3000"});
  // Creates an account with `role` through POST /api/accounts and logs it in.
  AdminSession account(const std::string& email, const std::string& role);
  // Headers that present the app's write key (and a JSON content type).
  std::vector<std::string> key_headers() const;
};

// One route the collector mounted.
struct MountedRoute {
  std::string method;
  std::string pattern;  // As registered: "/api/apps/{app_id}/keys", "/sdk/*".
};

// The routes a collector started with "--log-level debug" logged when it
// began listening (http::Server logs its router's table at debug level).
std::vector<MountedRoute> mounted_routes(const Collector& c);

// Whether route `pattern` serves `path`: literal segments equal, {name}
// matches any one segment, a final "*" any rest (also none).
bool pattern_matches(const std::string& pattern, const std::string& path);

// Sends `bytes` over a fresh TCP connection, optionally in pieces with a pause
// between them, and returns everything the server sent until it closed the
// connection or `read_timeout` passed.
std::string raw_exchange(int port, const std::vector<std::string>& pieces,
                         std::chrono::milliseconds pause_between,
                         std::chrono::milliseconds read_timeout);

// Status code of a raw HTTP response ("HTTP/1.1 408 ..."), 0 if none.
int raw_status(const std::string& response);

// A minimal guide document the SDK's guide codec accepts.
std::string valid_guide_json(const std::string& name);

// A /v1/batch body of 5 "visited" track events by users u0 … u4, with message
// ids `message_prefix` + 0 … 4 (distinct prefixes store new events).
std::string visits_batch(const std::string& message_prefix);

}  // namespace cairn::server_test
