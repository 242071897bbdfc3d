// Request and Response: the collector's own view of one HTTP exchange, free of
// Boost.Beast so that handlers (admin, guides, ingest, static files) compile
// without Beast's headers. The server (server.cpp) converts to and from Beast.
//
// Threading: a Request is owned by the connection that read it; handlers get it
// by const reference and must copy what they keep past their completion call.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::http {

// Header names compare case-insensitively (RFC 9110 §5.1).
struct HeaderNameLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::multimap<std::string, std::string, HeaderNameLess>;

struct Request {
  std::string method;     // "GET", "POST", ...
  std::string target;     // As sent: "/v1/guides?x=1".
  std::string path;       // Percent-decoded path without the query: "/v1/guides".
  std::string raw_path;   // The same, before decoding; the router splits it first, so "%2F" stays in its segment.
  std::string query;      // Raw query string without "?".
  Headers headers;
  std::string body;
  std::string remote_ip;  // Peer address, for rate limiting and logs.
  bool secure = false;    // True behind TLS (set when the deployment says so).

  // Filled by the router: values of {name} segments in the matched pattern.
  std::map<std::string, std::string, std::less<>> path_params;

  // First value of a header, or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;
  // Value of cookie `name` from the Cookie header(s), or nullopt.
  std::optional<std::string> cookie(std::string_view name) const;
  // Percent-decoded value of query parameter `name`, or nullopt.
  std::optional<std::string> query_param(std::string_view name) const;
  std::string_view path_param(std::string_view name) const;
};

// Percent-decodes `in` ("+" stays "+"). nullopt on a malformed escape or a
// decoded NUL byte.
std::optional<std::string> percent_decode(std::string_view in);

// The client's address for rate limiting and logs. Behind a reverse proxy the
// TCP peer is the proxy, and the client is the address the proxy appended to
// X-Forwarded-For: the header's LAST entry (earlier entries come from the
// client and can be forged). Only a deployment that says it sits behind a
// proxy (--trust-proxy) may use the header, or any client could pick its own
// rate-limit bucket. Returns `peer` when `trust_proxy` is false or the last
// entry (all X-Forwarded-For fields read as one list) is not a plain IPv4 or
// IPv6 address (no port, no brackets).
std::string client_address(const Headers& headers, std::string_view peer, bool trust_proxy);

}  // namespace cairn::http
