// ClickHouseServer: a private clickhouse-server process for tests and
// benchmarks: a temp directory, a config whose root element is <yandex> (the
// 18.16 format), free HTTP/TCP ports on 127.0.0.1, and a stop (SIGTERM, then
// SIGKILL) when the object dies. Not used by the collector itself.
//
// Threading: owned by one thread.
#pragma once

#include <string>
#include <sys/types.h>

namespace cairn::analytics {

class ClickHouseServer {
 public:
  static constexpr const char* kDefaultBinary = "/usr/sbin/clickhouse-server";

  ClickHouseServer() = default;
  ~ClickHouseServer();
  ClickHouseServer(const ClickHouseServer&) = delete;
  ClickHouseServer& operator=(const ClickHouseServer&) = delete;

  // True when `binary` exists and is executable.
  static bool available(const std::string& binary = kDefaultBinary);

  // Starts the server and waits (up to 60 s) until it answers /ping.
  bool start(std::string* error, const std::string& binary = kDefaultBinary);
  void stop();
  // Kills the process (as a crash would) but keeps its data and ports, so
  // resume() brings the same server back (tests of ClickHouse being down).
  void pause();
  // Starts a paused server again and waits like start().
  bool resume(std::string* error);

  int http_port() const { return http_port_; }
  pid_t pid() const { return pid_; }
  // Peak resident memory of the server so far (VmHWM), in bytes; 0 if unknown.
  long peak_rss_bytes() const;

 private:
  // Forks the server on dir_'s config and waits until it answers /ping.
  bool launch(std::string* error);

  std::string dir_;
  std::string binary_;
  int http_port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace cairn::analytics
