#include "collector_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

namespace cairn::testing {

namespace {

// Starts `args` with stdout on a pipe (returned) and stderr on /dev/null.
pid_t spawn(const std::vector<std::string>& args, int* stdout_fd) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDERR_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return -1;
  }
  *stdout_fd = fds[0];
  return pid;
}

// Reads from `fd` until `until` is in the text, EOF, or the deadline.
std::string read_until(int fd, const std::string& until, std::chrono::milliseconds timeout) {
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.find(until) == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[512];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t append_header(char* data, size_t size, size_t count, void* out) {
  std::string line(data, size * count);
  std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * count;
}

}  // namespace

CollectorProcess::~CollectorProcess() { kill_hard(); }

bool CollectorProcess::start(const std::string& binary, const std::string& data_dir,
                             std::chrono::milliseconds timeout, const std::vector<std::string>& extra) {
  int fd = -1;
  std::vector<std::string> args = {binary, "serve", "--data-dir", data_dir, "--port", "0", "--listen", "127.0.0.1"};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = spawn(args, &fd);
  if (pid_ < 0) return false;
  std::string out = read_until(fd, "\n", timeout);
  close(fd);  // Later output goes nowhere (SIGPIPE is not fatal to a server that ignores it).
  std::size_t colon = out.rfind(':');
  if (out.rfind("listening ", 0) != 0 || colon == std::string::npos) {
    kill_hard();
    return false;
  }
  port_ = std::atoi(out.c_str() + colon + 1);
  return port_ > 0;
}

void CollectorProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int CollectorProcess::stop(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill_hard();
  return -1;
}

std::optional<std::string> create_app(const std::string& binary, const std::string& data_dir,
                                      const std::string& name, const std::string& origin) {
  std::vector<std::string> args = {binary, "create-app", "--data-dir", data_dir, "--name", name};
  if (!origin.empty()) {
    args.push_back("--origin");
    args.push_back(origin);
  }
  int fd = -1;
  pid_t pid = spawn(args, &fd);
  if (pid < 0) return std::nullopt;
  std::string out = read_until(fd, "\nwrite_key ", std::chrono::seconds(20));
  out += read_until(fd, "\n\n", std::chrono::milliseconds(2000));  // Rest of the output (EOF ends it).
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  std::size_t at = out.find("\nwrite_key ");
  if (at == std::string::npos) return std::nullopt;
  std::size_t start = at + std::strlen("\nwrite_key ");
  std::size_t end = out.find('\n', start);
  return out.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

HttpClient::HttpClient() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  curl_ = curl_easy_init();
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

HttpResult HttpClient::post(const std::string& url, const std::string& body,
                            const std::vector<std::string>& headers, long timeout_ms) {
  curl_easy_reset(curl_);
  curl_easy_setopt(curl_, CURLOPT_POST, 1L);
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  return perform(url, headers, timeout_ms);
}

HttpResult HttpClient::get(const std::string& url, long timeout_ms) {
  curl_easy_reset(curl_);
  curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
  return perform(url, {}, timeout_ms);
}

HttpResult HttpClient::perform(const std::string& url, const std::vector<std::string>& headers,
                               long timeout_ms) {
  HttpResult result;
  curl_slist* list = nullptr;
  for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
  list = curl_slist_append(list, "Expect:");  // No 100-continue round trip.
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &result.headers);
  if (curl_easy_perform(curl_) == CURLE_OK) {
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.status);
  } else {
    result.status = 0;
  }
  curl_slist_free_all(list);
  return result;
}

RawConnection::RawConnection(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

bool RawConnection::send(const std::string& bytes) {
  return fd_ >= 0 && ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
}

std::string RawConnection::read_all(std::chrono::milliseconds timeout) {
  if (fd_ < 0) return "";
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[4096];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::set<std::string> stored_message_ids(const std::string& data_dir, std::string* integrity) {
  std::set<std::string> ids;
  sqlite3* db = nullptr;
  if (sqlite3_open((data_dir + "/cairn.db").c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return ids;
  }
  auto each_row = [db](const char* sql, const std::function<void(const char*)>& row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return;
    while (sqlite3_step(stmt) == SQLITE_ROW) row(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
  };
  if (integrity) {
    integrity->clear();
    each_row("PRAGMA integrity_check", [integrity](const char* text) { *integrity += text ? text : ""; });
  }
  each_row("SELECT message_id FROM events", [&ids](const char* id) { ids.insert(id ? id : ""); });
  sqlite3_close(db);
  return ids;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cairn-it-XXXXXX").string();
  path_ = mkdtemp(pattern.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace cairn::testing
