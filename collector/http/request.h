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

}  // namespace cairn::http
