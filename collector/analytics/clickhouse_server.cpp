#include "analytics/clickhouse_server.h"

#include "analytics/clickhouse_client.h"

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace cairn::analytics {

namespace {

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

}  // namespace

ClickHouseServer::~ClickHouseServer() { stop(); }

bool ClickHouseServer::available(const std::string& binary) { return ::access(binary.c_str(), X_OK) == 0; }

bool ClickHouseServer::start(std::string* error, const std::string& binary) {
  if (!available(binary)) {
    *error = binary + " is not installed";
    return false;
  }
  char pattern[] = "/tmp/cairn-clickhouse-XXXXXX";
  if (!::mkdtemp(pattern)) {
    *error = "cannot create a temp directory";
    return false;
  }
  dir_ = pattern;
  http_port_ = free_port();
  const int tcp_port = free_port();
  const std::string config = dir_ + "/config.xml";
  {
    std::ofstream out(config);
    out << "<yandex>\n"
           "  <logger><level>warning</level><log>" << dir_ << "/server.log</log><errorlog>" << dir_
        << "/error.log</errorlog></logger>\n"
           "  <http_port>" << http_port_ << "</http_port>\n"
           "  <tcp_port>" << tcp_port << "</tcp_port>\n"
           "  <listen_host>127.0.0.1</listen_host>\n"
           "  <path>" << dir_ << "/data/</path>\n"
           "  <tmp_path>" << dir_ << "/tmp/</tmp_path>\n"
           "  <user_files_path>" << dir_ << "/user_files/</user_files_path>\n"
           "  <format_schema_path>" << dir_ << "/format_schemas/</format_schema_path>\n"
           "  <mark_cache_size>536870912</mark_cache_size>\n"
           "  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>"
           "<profile>default</profile><quota>default</quota></default></users>\n"
           "  <profiles><default></default></profiles>\n"
           "  <quotas><default></default></quotas>\n"
           "</yandex>\n";
  }
  binary_ = binary;
  return launch(error);
}

bool ClickHouseServer::launch(std::string* error) {
  const std::string config_arg = "--config-file=" + dir_ + "/config.xml";
  pid_ = ::fork();
  if (pid_ < 0) {
    *error = "fork failed";
    return false;
  }
  if (pid_ == 0) {
    const std::string log = dir_ + "/stdout.log";
    FILE* f = std::freopen(log.c_str(), "w", stdout);
    (void)f;
    FILE* g = std::freopen(log.c_str(), "a", stderr);
    (void)g;
    ::execl(binary_.c_str(), binary_.c_str(), config_arg.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  ClickHouseClient client(ClickHouseEndpoint{"127.0.0.1", http_port_, "default", 2000});
  for (int attempt = 0; attempt < 600; ++attempt) {
    if (client.ping()) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      *error = "clickhouse-server exited at start; see " + dir_ + "/stdout.log";
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  *error = "clickhouse-server did not answer /ping within 60 s";
  stop();
  return false;
}

void ClickHouseServer::pause() {
  // As a crash would: a clean shutdown of 18.16 takes seconds.
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
}

bool ClickHouseServer::resume(std::string* error) {
  if (dir_.empty()) {
    *error = "the server was never started";
    return false;
  }
  if (pid_ > 0) return true;
  return launch(error);
}

void ClickHouseServer::stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    bool exited = false;
    for (int i = 0; i < 200 && !exited; ++i) {
      exited = ::waitpid(pid_, &status, WNOHANG) == pid_;
      if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!exited) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }
}

long ClickHouseServer::peak_rss_bytes() const {
  if (pid_ <= 0) return 0;
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      long kb = 0;
      status >> kb;
      return kb * 1024;
    }
  }
  return 0;
}

}  // namespace cairn::analytics
