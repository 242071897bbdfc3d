// CollectorProcess: a collector binary (cairn-collector or the ingest harness)
// started as a child process on 127.0.0.1 with a given data dir, for tests that
// talk HTTP to it and kill it. HttpClient: a keep-alive libcurl client.
//
// Threading: a CollectorProcess is driven by one thread; an HttpClient is used
// by one thread at a time (one per client thread).
#pragma once

#include <curl/curl.h>
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cairn::testing {

class CollectorProcess {
 public:
  CollectorProcess() = default;
  ~CollectorProcess();  // SIGKILLs a running child.
  CollectorProcess(const CollectorProcess&) = delete;
  CollectorProcess& operator=(const CollectorProcess&) = delete;

  // Runs `binary serve --data-dir DIR --port 0 --listen 127.0.0.1 EXTRA...` and
  // waits (up to `timeout`) for its "listening HOST:PORT" line. False if it did
  // not start.
  bool start(const std::string& binary, const std::string& data_dir,
             std::chrono::milliseconds timeout = std::chrono::seconds(20),
             const std::vector<std::string>& extra = {});
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // SIGKILL (no chance to flush) and reap.
  void kill_hard();
  // SIGTERM and wait up to `timeout` for exit; returns the exit status or -1.
  int stop(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// Runs `binary create-app --data-dir DIR --name NAME [--origin O]` and returns
// the printed write key, or nullopt.
std::optional<std::string> create_app(const std::string& binary, const std::string& data_dir,
                                      const std::string& name, const std::string& origin = "");

struct HttpResult {
  long status = 0;  // 0 when the request failed at the transport level.
  std::string body;
  std::map<std::string, std::string> headers;  // Lower-case names.
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult post(const std::string& url, const std::string& body,
                  const std::vector<std::string>& headers, long timeout_ms = 10000);
  HttpResult get(const std::string& url, long timeout_ms = 10000);

 private:
  HttpResult perform(const std::string& url, const std::vector<std::string>& headers, long timeout_ms);

  CURL* curl_;
};

// A raw TCP connection to 127.0.0.1:port, for requests libcurl will not send
// (a body that stops halfway). Closed on destruction.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // False if the bytes could not all be written.
  bool send(const std::string& bytes);
  // Everything received until the server closes the connection or `timeout` passes.
  std::string read_all(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
};

// A fresh temp directory, removed (with everything in it) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The messageIds of every event in `data_dir`'s database (opened as the next
// start would, WAL included), and in *integrity the result of
// PRAGMA integrity_check ("ok" when intact).
std::set<std::string> stored_message_ids(const std::string& data_dir, std::string* integrity = nullptr);

// The cairn-collector binary built in this tree.
std::string ingest_binary();

}  // namespace cairn::testing
