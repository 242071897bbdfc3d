#include "http/server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace cairn::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

std::atomic<int> g_log_level{static_cast<int>(LogLevel::info)};
std::mutex g_log_mutex;

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "warn";
    case LogLevel::error: return "error";
  }
  return "info";
}

std::string iso_time_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
            1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::string json_string(std::string_view s) {
  return boost::json::serialize(boost::json::string(s));
}

// The first transfer coding other than chunked, the only one the server
// decodes. Beast takes "gzip, chunked" as chunked and hands on a body still
// gzipped, which would be refused as bad JSON: the client's real mistake is
// the coding (RFC 9112 6.1: 501).
std::optional<std::string> unsupported_transfer_coding(const bhttp::fields& fields) {
  for (const auto& field : fields) {
    if (field.name() != bhttp::field::transfer_encoding) continue;
    for (std::string_view coding : bhttp::token_list{field.value()}) {
      if (!beast::iequals(coding, "chunked")) return std::string(coding);
    }
  }
  return std::nullopt;
}

// The path as logged. A person's user key (often an e-mail address) stays out
// of the log: after an erasure it would be the one copy of it left. Such a
// path is logged as its route with the other parameters filled in.
std::string loggable_path(const Request& request, const std::string& route) {
  if (request.path_params.find(std::string_view("user_key")) == request.path_params.end()) {
    return request.path.substr(0, 256);
  }
  std::string out;
  for (std::size_t at = 0; at < route.size();) {
    const std::size_t open = route.find('{', at);
    const std::size_t close = open == std::string::npos ? std::string::npos : route.find('}', open);
    if (close == std::string::npos) {
      out.append(route, at, std::string::npos);
      break;
    }
    out.append(route, at, open - at);
    const std::string name = route.substr(open + 1, close - open - 1);
    if (name == "user_key") out += "{user_key}";
    else out += request.path_param(name);
    at = close + 1;
  }
  return out.substr(0, 256);
}

}  // namespace

void set_log_level(LogLevel level) { g_log_level = static_cast<int>(level); }

void log_line(LogLevel level, std::string_view message, std::string_view fields_json) {
  if (static_cast<int>(level) < g_log_level.load()) return;
  std::string line = "{\"ts\":\"" + iso_time_now() + "\",\"level\":\"" + level_name(level) +
                     "\",\"msg\":" + json_string(message);
  if (!fields_json.empty()) {
    line += ",";
    line += fields_json;
  }
  line += "}\n";
  std::lock_guard<std::mutex> lock(g_log_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

class Session;

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router, metrics::Registry& registry)
      : options_(std::move(options)),
        router_(router),
        registry_(registry),
        ioc_(options_.threads),
        acceptor_(net::make_strand(ioc_)),
        signals_(ioc_, SIGINT, SIGTERM),
        grace_timer_(ioc_),
        connections_(registry.gauge("cairn_http_open_connections", "Open HTTP connections")) {}

  std::string listen();
  void run();
  void stop();
  void session_closed(Session* session);

  const ServerOptions& options() const { return options_; }
  const Router& router() const { return router_; }
  bool stopping() const { return stopping_.load(); }
  void record(const Request& request, const Response& response, double seconds,
              std::size_t request_bytes);

  std::uint16_t port_ = 0;

 private:
  void accept();

  ServerOptions options_;
  const Router& router_;
  metrics::Registry& registry_;
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer grace_timer_;
  std::atomic<bool> stopping_{false};
  metrics::Gauge& connections_;

  std::mutex sessions_mutex_;
  std::list<std::weak_ptr<Session>> sessions_;
  std::size_t live_sessions_ = 0;
};

// One TCP connection: read a request, answer it, repeat while keep-alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), deadline_(stream_.get_executor()), server_(server) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ip_ = endpoint.address().to_string();
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

  // Called on shutdown: an idle connection closes now; a busy one after its
  // response.
  void shutdown() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->close();
    });
  }

  std::list<std::weak_ptr<Session>>::iterator registry_position;

 private:
  void arm_deadline(std::chrono::milliseconds after) {
    ++deadline_generation_;
    timed_out_ = false;
    deadline_.expires_after(after);
    deadline_.async_wait([self = shared_from_this(), generation = deadline_generation_](
                             beast::error_code ec) {
      if (ec || generation != self->deadline_generation_) return;
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
  }

  void disarm_deadline() {
    ++deadline_generation_;
    deadline_.cancel();
  }

  void read_header() {
    if (server_.stopping()) {
      close();
      return;
    }
    busy_ = false;
    parser_.emplace();
    parser_->header_limit(ServerLimits::kMaxHeaderBytes);
    // Beast would refuse a large Content-Length in the middle of the headers;
    // on_header() refuses it once they are all read (the same 413, before a
    // byte of the body), so the refusal is logged with the proxy's client
    // address, and sets the limit for chunked bodies.
    parser_->body_limit(boost::none);
    stream_.expires_never();
    arm_deadline(server_.options().limits.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t header_bytes) {
                               self->on_header(ec, header_bytes);
                             });
  }

  static Response header_too_large() {
    return error_response(431, "header_too_large",
                          "request headers exceed " + std::to_string(ServerLimits::kMaxHeaderBytes) + " bytes");
  }

  void on_header(beast::error_code ec, std::size_t header_bytes) {
    if (ec) {
      disarm_deadline();
      bool had_bytes = buffer_.size() > 0;
      if (ec == bhttp::error::header_limit) return refuse(header_too_large());
      if (timed_out_ && had_bytes) {
        return refuse(error_response(408, "request_timeout",
                                     "request headers were not received in time"));
      }
      if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted ||
          ec == net::error::eof || ec == net::error::connection_reset || timed_out_) {
        return close();
      }
      return refuse(error_response(400, "bad_request", "malformed HTTP request: " + ec.message()));
    }
    // Beast applies header_limit to each parsing pass, not to the whole
    // block (lines parsed in an earlier pass are not counted), so the exact
    // total is checked here.
    if (header_bytes > ServerLimits::kMaxHeaderBytes) return refuse(header_too_large());
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    auto& header = parser_->get();
    auto length = parser_->content_length();
    if (length && *length > server_.options().limits.max_body_bytes) {
      return refuse(body_too_large());
    }
    parser_->body_limit(server_.options().limits.max_body_bytes);
    if (std::optional<std::string> coding = unsupported_transfer_coding(header)) {
      return refuse(error_response(501, "unsupported_transfer_encoding",
                                   "Transfer-Encoding \"" + *coding +
                                       "\" is not supported: send the body with Content-Length or chunked "
                                       "(compress it with Content-Encoding: gzip)"));
    }
    if (header[bhttp::field::expect] == "100-continue") {
      // Clients (libcurl) wait for this before sending a large body.
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                        header.version());
      stream_.expires_after(ServerLimits::kWriteTimeout);
      bhttp::async_write(stream_, *cont,
                         [self = shared_from_this(), cont](beast::error_code wec, std::size_t) {
                           if (wec) return self->close();
                           self->read_body();
                         });
      return;
    }
    read_body();
  }

  void read_body() {
    stream_.expires_never();
    arm_deadline(server_.options().limits.body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->on_body(ec);
                      });
  }

  Response body_too_large() const {
    return error_response(413, "body_too_large",
                          "request body exceeds " +
                              std::to_string(server_.options().limits.max_body_bytes) + " bytes");
  }

  void on_body(beast::error_code ec) {
    disarm_deadline();
    if (ec) {
      if (ec == bhttp::error::body_limit) return refuse(body_too_large());
      if (timed_out_) {
        return refuse(error_response(408, "request_timeout",
                                     "request body was not received in time"));
      }
      if (ec == bhttp::error::end_of_stream || ec == net::error::eof ||
          ec == net::error::connection_reset || ec == net::error::operation_aborted) {
        return close();
      }
      return refuse(error_response(400, "bad_request", "malformed HTTP request: " + ec.message()));
    }
    handle();
  }

  void handle() {
    auto message = parser_->release();
    keep_alive_ = message.keep_alive();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    std::string_view target = message.target();
    std::size_t q = target.find('?');
    request.query = q == std::string_view::npos ? "" : std::string(target.substr(q + 1));
    request.raw_path = std::string(target.substr(0, q));
    std::optional<std::string> path = percent_decode(request.raw_path);
    for (const auto& field : message) {
      request.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(message.body());
    request.remote_ip = client_address(request.headers, remote_ip_, server_.options().trust_proxy);
    request_bytes_ = request.body.size();
    head_ = request.method == "HEAD";
    if (!path || path->empty() || path->front() != '/') {
      Response r = error_response(400, "bad_path", "the request path is not a valid absolute path");
      r.route = "unmatched";
      r.close = true;
      server_.record(request, r, elapsed_seconds(), request_bytes_);
      return write(std::move(r));
    }
    request.path = std::move(*path);
    auto self = shared_from_this();
    auto shared_request = std::make_shared<Request>(std::move(request));
    server_.router().dispatch(*shared_request, [self, shared_request](Response response) {
      net::post(self->stream_.get_executor(),
                [self, shared_request, response = std::move(response)]() mutable {
                  self->server_.record(*shared_request, response, self->elapsed_seconds(),
                                       self->request_bytes_);
                  self->write(std::move(response));
                });
    });
  }

  double elapsed_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

  // Answers a request refused before routing, then closes: the rest of the
  // stream cannot be trusted to be at a message boundary.
  void refuse(Response response) {
    busy_ = true;
    response.close = true;
    response.route = "unrouted";
    Request request;
    if (parser_ && parser_->is_header_done()) {
      request.method = std::string(parser_->get().method_string());
      request.target = std::string(parser_->get().target());
      // The same client address as a routed request's (behind a proxy, the
      // peer is the proxy for every client).
      for (const auto& field : parser_->get()) {
        if (beast::iequals(field.name_string(), "X-Forwarded-For")) {
          request.headers.emplace(std::string(field.name_string()), std::string(field.value()));
        }
      }
    }
    request.remote_ip = client_address(request.headers, remote_ip_, server_.options().trust_proxy);
    server_.record(request, response, 0, 0);
    write(std::move(response));
  }

  void write(Response response) {
    bool keep = keep_alive_ && !response.close && !server_.stopping();
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers) res->insert(name, value);
    res->set(bhttp::field::server, "cairn-collector");
    // Every body is served with its real type; a browser must not guess
    // another (an error echoing input must never be sniffed into HTML).
    res->set("X-Content-Type-Options", "nosniff");
    bool no_body = head_ || response.status == 304 || response.status == 204;
    if (no_body) {
      if (response.status != 304 && response.status != 204) {
        res->content_length(response.body.size());
      }
    } else {
      res->body() = std::move(response.body);
      res->prepare_payload();
    }
    res->keep_alive(keep);
    stream_.expires_after(ServerLimits::kWriteTimeout);
    auto self = shared_from_this();
    if (no_body) {
      auto sr = std::make_shared<bhttp::response_serializer<bhttp::string_body>>(*res);
      sr->split(false);
      bhttp::async_write_header(stream_, *sr,
                                [self, res, sr, keep](beast::error_code ec, std::size_t) {
                                  self->after_write(ec, keep);
                                });
      return;
    }
    bhttp::async_write(stream_, *res, [self, res, keep](beast::error_code ec, std::size_t) {
      self->after_write(ec, keep);
    });
  }

  void after_write(beast::error_code ec, bool keep) {
    busy_ = false;
    if (ec || !keep) return close();
    read_header();
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    disarm_deadline();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
    server_.session_closed(this);
  }

  beast::tcp_stream stream_;
  net::steady_timer deadline_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string remote_ip_;
  std::uint64_t deadline_generation_ = 0;
  bool timed_out_ = false;
  bool busy_ = false;
  bool keep_alive_ = false;
  bool head_ = false;
  bool closed_ = false;
  std::size_t request_bytes_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

std::string Server::Impl::listen() {
  beast::error_code ec;
  auto address = net::ip::make_address(options_.address, ec);
  if (ec) return "invalid listen address \"" + options_.address + "\": " + ec.message();
  tcp::endpoint endpoint(address, options_.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return "cannot open socket: " + ec.message();
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  acceptor_.bind(endpoint, ec);
  if (ec) {
    return "cannot bind " + options_.address + ":" + std::to_string(options_.port) + ": " +
           ec.message();
  }
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return "cannot listen: " + ec.message();
  port_ = acceptor_.local_endpoint().port();
  for (const Router::RouteInfo& route : router_.routes()) {
    log_line(LogLevel::debug, "route",
             "\"method\":" + json_string(route.method) + ",\"pattern\":" + json_string(route.pattern));
  }
  return "";
}

void Server::Impl::accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (stopping_ || !acceptor_.is_open()) return;
      log_line(LogLevel::warn, "accept failed", "\"error\":" + json_string(ec.message()));
      return accept();
    }
    {
      std::lock_guard<std::mutex> lock(sessions_mutex_);
      if (live_sessions_ >= ServerLimits::kMaxConnections) {
        beast::error_code ignored;
        socket.close(ignored);
        return accept();
      }
    }
    auto session = std::make_shared<Session>(std::move(socket), *this);
    {
      std::lock_guard<std::mutex> lock(sessions_mutex_);
      sessions_.push_front(session);
      session->registry_position = sessions_.begin();
      ++live_sessions_;
      connections_.set(static_cast<std::int64_t>(live_sessions_));
    }
    session->start();
    accept();
  });
}

void Server::Impl::session_closed(Session* session) {
  std::lock_guard<std::mutex> lock(sessions_mutex_);
  sessions_.erase(session->registry_position);
  --live_sessions_;
  connections_.set(static_cast<std::int64_t>(live_sessions_));
  if (stopping_ && live_sessions_ == 0) {
    net::post(ioc_, [this] { grace_timer_.cancel(); });
  }
}

void Server::Impl::record(const Request& request, const Response& response, double seconds,
                          std::size_t request_bytes) {
  std::string status = std::to_string(response.status);
  // The registry lookup takes a lock; each I/O thread remembers the metrics it
  // has used, so the hot path (ingest) takes no lock per request.
  struct CachedMetrics {
    metrics::Counter* requests;
    metrics::Histogram* latency;
  };
  thread_local std::map<std::string, CachedMetrics, std::less<>> cache;
  thread_local const metrics::Registry* cache_owner = nullptr;
  if (cache_owner != &registry_) {
    cache.clear();
    cache_owner = &registry_;
  }
  // Methods come from the client: unknown ones share one label value so a
  // scanner cannot grow the label set.
  static constexpr std::string_view kKnownMethods[] = {"GET", "HEAD", "POST", "PUT",
                                                        "PATCH", "DELETE", "OPTIONS"};
  std::string_view method = "other";
  for (std::string_view m : kKnownMethods) {
    if (request.method == m) method = m;
  }
  std::string key = response.route + '\n' + std::string(method) + '\n' + status;
  auto it = cache.find(key);
  if (it == cache.end()) {
    CachedMetrics m{
        &registry_.counter("cairn_http_requests_total", "HTTP requests by route, method and status",
                           {{"route", response.route}, {"method", std::string(method)}, {"status", status}}),
        &registry_.histogram("cairn_http_request_duration_seconds", "HTTP request latency by route",
                             metrics::latency_buckets_seconds(), {{"route", response.route}})};
    it = cache.emplace(std::move(key), m).first;
  }
  it->second.requests->increment();
  it->second.latency->observe(seconds);
  LogLevel level = response.status >= 500 ? LogLevel::error
                   : response.status >= 400 ? LogLevel::info
                                            : LogLevel::info;
  if (static_cast<int>(level) < g_log_level.load()) return;
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.3f", seconds * 1000);
  std::string fields = "\"method\":" + json_string(request.method) +
                       ",\"route\":" + json_string(response.route) +
                       ",\"path\":" + json_string(loggable_path(request, response.route)) +
                       ",\"status\":" + status + ",\"duration_ms\":" + duration +
                       ",\"request_bytes\":" + std::to_string(request_bytes) +
                       ",\"response_bytes\":" + std::to_string(response.body.size()) +
                       ",\"remote\":" + json_string(request.remote_ip);
  log_line(level, "request", fields);
}

void Server::Impl::run() {
  signals_.async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;
    log_line(LogLevel::info, "shutting down", "\"signal\":" + std::to_string(signal));
    stop();
  });
  accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < options_.threads; ++i) threads.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (std::thread& t : threads) t.join();
}

void Server::Impl::stop() {
  net::post(ioc_, [this] {
    if (stopping_.exchange(true)) return;
    beast::error_code ignored;
    signals_.cancel(ignored);
    acceptor_.close(ignored);
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard<std::mutex> lock(sessions_mutex_);
      for (auto& weak : sessions_) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
      if (live_sessions_ == 0) return;
    }
    for (auto& s : live) s->shutdown();
    grace_timer_.expires_after(ServerLimits::kShutdownGrace);
    grace_timer_.async_wait([this](beast::error_code ec) {
      if (ec) return;
      if (options_.on_grace_expired) {
        log_line(LogLevel::warn, "shutdown grace expired; refusing queued requests");
        options_.on_grace_expired();
        // Lets the refusals be written; session_closed() cancels this when
        // the last connection is gone first.
        grace_timer_.expires_after(ServerLimits::kGraceRefusalFlush);
        grace_timer_.async_wait([this](beast::error_code flushed) {
          if (flushed) return;
          log_line(LogLevel::warn, "shutdown grace expired; abandoning in-flight requests");
          ioc_.stop();
        });
        return;
      }
      log_line(LogLevel::warn, "shutdown grace expired; abandoning in-flight requests");
      ioc_.stop();
    });
  });
}

Server::Server(ServerOptions options, const Router& router, metrics::Registry& registry)
    : impl_(std::make_unique<Impl>(std::move(options), router, registry)) {}

Server::~Server() = default;

std::string Server::listen() { return impl_->listen(); }
std::uint16_t Server::port() const { return impl_->port_; }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }

}  // namespace cairn::http
