// Server: the collector's HTTP/1.1 listener (Boost.Beast over Asio; Beast is
// included only by server.cpp so the rest of the collector compiles fast).
//
// Each connection reads one request at a time under deadlines (slowloris
// protection), refuses a body larger than the limit while reading it (413,
// before buffering it), hands the request to the Router and writes the
// response, keeping the connection alive when the client asks to. Every
// request is counted in the metrics registry and logged as one JSON line.
//
// Shutdown: stop() (or SIGTERM/SIGINT while run() is running) closes the
// listener, closes idle connections, lets in-flight requests finish (up to
// ShutdownGrace), then run() returns so main() can flush and exit 0.
//
// Threading: listen() then run() from one thread; run() drives `threads` I/O
// threads and blocks until shutdown. stop() may be called from any thread.
#pragma once

#include "http/router.h"
#include "metrics/metrics.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace cairn::http {

struct ServerLimits {
  // Largest request header block (request line + headers): 431 beyond.
  static constexpr std::size_t kMaxHeaderBytes = 16 * 1024;
  // Default largest request body, checked against Content-Length before reading
  // and while reading chunked bodies: 413 beyond. Ingest has its own, smaller
  // decompressed limits; this bounds what any handler can be made to buffer.
  static constexpr std::size_t kDefaultMaxBodyBytes = 4 * 1024 * 1024;
  // Idle keep-alive connections and headers sent slower than this: closed.
  static constexpr std::chrono::milliseconds kDefaultHeaderTimeout{10'000};
  // A body not fully received this long after its headers: 408 and close.
  static constexpr std::chrono::milliseconds kDefaultBodyTimeout{30'000};
  // A response the client does not read within this: connection dropped.
  static constexpr std::chrono::milliseconds kWriteTimeout{30'000};
  // How long shutdown waits for in-flight requests before giving up on them.
  static constexpr std::chrono::milliseconds kShutdownGrace{10'000};
  // After the grace, how long the answers ServerOptions::on_grace_expired
  // gave (503s to queued queries) get to be written before the rest is abandoned.
  static constexpr std::chrono::milliseconds kGraceRefusalFlush{500};
  // Connections beyond this are closed as soon as they are accepted.
  static constexpr std::size_t kMaxConnections = 10'000;

  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
  std::chrono::milliseconds header_timeout = kDefaultHeaderTimeout;
  std::chrono::milliseconds body_timeout = kDefaultBodyTimeout;
};

enum class LogLevel { debug, info, warn, error };

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8470;  // 0 picks a free port (tests).
  int threads = 2;
  ServerLimits limits;
  LogLevel log_level = LogLevel::info;
  // Behind a reverse proxy: the client address is X-Forwarded-For's last
  // entry (client_address() in request.h); otherwise the header is ignored.
  bool trust_proxy = false;
  // Called on an I/O thread when the shutdown grace expired, before the
  // requests still in flight are abandoned: answer the ones that have not
  // started yet (WorkPool::refuse_queued). Must not block.
  std::function<void()> on_grace_expired;
};

class Server {
 public:
  // `router` and `registry` must outlive the server.
  Server(ServerOptions options, const Router& router, metrics::Registry& registry);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns "" or a message ("address already in use").
  std::string listen();
  // The bound port (after listen()), useful with port 0.
  std::uint16_t port() const;

  // Serves until stop() or SIGTERM/SIGINT, then drains and returns.
  void run();
  void stop();

  class Impl;  // Defined in server.cpp (keeps Beast out of this header).

 private:
  std::unique_ptr<Impl> impl_;
};

// Writes one structured log line ({"ts":...,"level":...,"msg":...} + fields)
// to stderr if `level` is at or above the configured level. Thread-safe.
void log_line(LogLevel level, std::string_view message, std::string_view fields_json = "");
void set_log_level(LogLevel level);

}  // namespace cairn::http
