#include "server_fixture.h"

#include "collector_process.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <tuple>

namespace cairn::server_test {

namespace {

constexpr const char* kBinary = CAIRN_COLLECTOR_BINARY;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) s.pop_back();
  std::size_t start = s.find_first_not_of(' ');
  return start == std::string::npos ? "" : s.substr(start);
}

// fork + exec with stdout to a pipe and stderr to `log_path`. Returns the pid.
pid_t spawn(const std::vector<std::string>& args, int* stdout_fd, const std::string& log_path) {
  int out[2];
  if (pipe(out) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (log >= 0) dup2(log, STDERR_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  *stdout_fd = out[0];
  return pid;
}

// Reads from `fd` until EOF or `timeout`.
std::string read_all(int fd, std::chrono::milliseconds timeout, bool stop_at_newline) {
  std::string data;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    int rc = poll(&p, 1, static_cast<int>(std::max<long long>(1, left.count())));
    if (rc <= 0) continue;
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (stop_at_newline && data.find('\n') != std::string::npos) break;
  }
  return data;
}

std::size_t write_body(char* ptr, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(ptr, size * n);
  return size * n;
}

std::size_t write_header(char* ptr, std::size_t size, std::size_t n, void* user) {
  auto* result = static_cast<HttpResult*>(user);
  std::string line(ptr, size * n);
  std::size_t colon = line.find(':');
  if (line.rfind("HTTP/", 0) == 0) {
    result->headers.clear();
    result->set_cookies.clear();
  } else if (colon != std::string::npos) {
    std::string name = lower(line.substr(0, colon));
    std::string value = trim(line.substr(colon + 1));
    if (name == "set-cookie") result->set_cookies.push_back(value);
    result->headers[name] = value;
  }
  return size * n;
}

}  // namespace

boost::json::value HttpResult::json() const {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec) return nullptr;
  return v;
}

std::string HttpResult::error_code() const {
  boost::json::value v = json();
  const boost::json::object* o = v.if_object();
  if (!o) return "";
  const boost::json::value* error = o->if_contains("error");
  if (!error || !error->is_object()) return "";
  const boost::json::object& e = error->get_object();
  const boost::json::value* code = e.if_contains("code");
  const boost::json::value* message = e.if_contains("message");
  const boost::json::value* problems = e.if_contains("problems");
  // The common shape requires all three.
  if (!code || !code->is_string() || !message || !message->is_string() || !problems ||
      !problems->is_array()) {
    return "";
  }
  return std::string(code->get_string());
}

std::string HttpResult::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

Collector::Collector() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cairn-server-test-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  dir_ = made ? made : "";
}

Collector::~Collector() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

bool Collector::start(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {kBinary, "serve", "--data-dir", dir_, "--port", "0",
                                   "--listen", "127.0.0.1", "--log-level", "warn"};
  args.insert(args.end(), extra.begin(), extra.end());
  int out = -1;
  pid_ = spawn(args, &out, dir_ + "/collector.log");
  if (pid_ <= 0) return false;
  std::string line = read_all(out, std::chrono::seconds(20), true);
  close(out);
  std::size_t colon = line.rfind(':');
  if (line.rfind("listening ", 0) != 0 || colon == std::string::npos) return false;
  port_ = std::atoi(line.c_str() + colon + 1);
  return port_ > 0;
}

int Collector::terminate(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

bool Collector::alive() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

std::string Collector::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::string Collector::last_log() const {
  std::ifstream in(dir_ + "/collector.log");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Collector::run_cli(const std::vector<std::string>& args, int* status) const {
  std::vector<std::string> full = {kBinary};
  full.insert(full.end(), args.begin(), args.end());
  full.push_back("--data-dir");
  full.push_back(dir_);
  int out = -1;
  pid_t pid = spawn(full, &out, dir_ + "/cli.log");
  if (pid <= 0) return "";
  std::string text = read_all(out, std::chrono::seconds(30), false);
  close(out);
  int st = 0;
  waitpid(pid, &st, 0);
  if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return text;
}

namespace {
std::string field(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + " ", 0) == 0) return line.substr(name.size() + 1);
  }
  return "";
}
}  // namespace

std::string Collector::create_admin(const std::string& email) const {
  return field(run_cli({"create-admin", "--email", email}), "password");
}

std::pair<std::string, std::string> Collector::create_app(
    const std::string& name, const std::vector<std::string>& origins) const {
  std::vector<std::string> args = {"create-app", "--name", name};
  for (const std::string& o : origins) {
    args.push_back("--origin");
    args.push_back(o);
  }
  std::string out = run_cli(args);
  return {field(out, "app_id"), field(out, "write_key")};
}

Http::Http() : curl_(curl_easy_init()) {}
Http::~Http() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResult Http::request(const std::string& method, const std::string& url, const std::string& body,
                         const std::vector<std::string>& headers, long timeout_ms) {
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);
  HttpResult result;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_slist* list = nullptr;
  for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
  list = curl_slist_append(list, "Expect:");  // No 100-continue round trip.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  }
  curl_slist_free_all(list);
  return result;
}

std::vector<std::string> AdminSession::headers(bool csrf_on) const {
  std::vector<std::string> h = {"Cookie: " + cookie, "Content-Type: application/json"};
  if (csrf_on) h.push_back("X-Cairn-CSRF: " + csrf);
  return h;
}

std::optional<AdminSession> login(Http& http, const Collector& c, const std::string& email,
                                  const std::string& password) {
  boost::json::object body{{"email", email}, {"password", password}};
  HttpResult r = http.request("POST", c.url("/api/login"), boost::json::serialize(body),
                              {"Content-Type: application/json"});
  if (r.status != 200 || r.set_cookies.empty()) return std::nullopt;
  AdminSession s;
  s.cookie = r.set_cookies[0].substr(0, r.set_cookies[0].find(';'));
  boost::json::value v = r.json();
  if (!v.is_object() || !v.get_object().if_contains("csrf_token")) return std::nullopt;
  s.csrf = std::string(v.get_object().at("csrf_token").as_string());
  return s;
}

AdminFixture::AdminFixture(const std::vector<std::string>& flags,
                           const std::vector<std::string>& origins) {
  const std::string password = c.create_admin("admin@example.com");
  std::tie(app_id, write_key) = c.create_app("Demo", origins);
  REQUIRE_FALSE(write_key.empty());
  REQUIRE(c.start(flags));
  std::optional<AdminSession> s = login(http, c, "admin@example.com", password);
  REQUIRE(s);
  admin = *s;
}

AdminSession AdminFixture::account(const std::string& email, const std::string& role) {
  boost::json::object body{{"email", email}, {"role", role}};
  HttpResult r = http.request("POST", c.url("/api/accounts"), boost::json::serialize(body),
                              admin.headers());
  REQUIRE(r.status == 201);
  std::optional<AdminSession> s = login(http, c, email, std::string(r.json().at("password").as_string()));
  REQUIRE(s);
  return *s;
}

std::vector<std::string> AdminFixture::key_headers() const {
  return {"Content-Type: application/json", "X-Cairn-Write-Key: " + write_key};
}

std::vector<MountedRoute> mounted_routes(const Collector& c) {
  std::vector<MountedRoute> out;
  std::istringstream log(c.last_log());
  std::string line;
  while (std::getline(log, line)) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(line, ec);
    const boost::json::object* o = ec ? nullptr : v.if_object();
    const boost::json::value* msg = o ? o->if_contains("msg") : nullptr;
    if (!msg || !msg->is_string() || msg->get_string() != "route") continue;
    out.push_back({std::string(o->at("method").as_string()), std::string(o->at("pattern").as_string())});
  }
  return out;
}

namespace {
std::vector<std::string> segments_of(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(path);
  std::string segment;
  while (std::getline(in, segment, '/')) {
    if (!segment.empty()) out.push_back(segment);
  }
  return out;
}
}  // namespace

bool pattern_matches(const std::string& pattern, const std::string& path) {
  std::vector<std::string> want = segments_of(pattern);
  const std::vector<std::string> got = segments_of(path);
  const bool wildcard = !want.empty() && want.back() == "*";
  if (wildcard) want.pop_back();
  if (wildcard ? got.size() < want.size() : got.size() != want.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const bool param = want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}';
    if (!param && want[i] != got[i]) return false;
  }
  return true;
}

std::string raw_exchange(int port, const std::vector<std::string>& pieces,
                         std::chrono::milliseconds pause_between,
                         std::chrono::milliseconds read_timeout) {
  cairn::testing::RawConnection connection(port);
  if (!connection.connected()) return "";
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0) std::this_thread::sleep_for(pause_between);
    if (!connection.send(pieces[i])) break;
  }
  return connection.read_all(read_timeout);
}

int raw_status(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(response.substr(9, 3).c_str());
}

std::string valid_guide_json(const std::string& name) {
  boost::json::object guide{{"schema", 1}, {"name", name}};
  guide["trigger"] = boost::json::object{{"kind", "page_load"}};
  boost::json::object button{{"label", "OK"}, {"action", "next"}};
  boost::json::object content{{"title", "Welcome"}, {"body", "Hello"},
                              {"buttons", boost::json::array{button}}};
  boost::json::object step{{"id", "s1"}, {"kind", "modal"}};
  step["content"] = boost::json::object{{"en", content}};
  guide["steps"] = boost::json::array{step};
  return boost::json::serialize(guide);
}

std::string visits_batch(const std::string& message_prefix) {
  std::string events;
  for (int i = 0; i < 5; ++i) {
    if (i) events += ",";
    events += R"({"type":"track","event":"visited","userId":"u)" + std::to_string(i) + R"(","messageId":")" +
              message_prefix + std::to_string(i) + R"(","timestamp":"2026-11-20T10:00:00.000Z"})";
  }
  return R"({"batch":[)" + events + "]}";
}

}  // namespace cairn::server_test
