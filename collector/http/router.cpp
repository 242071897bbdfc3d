#include "http/router.h"

#include <boost/json/array.hpp>

namespace cairn::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

// The request path's segments, each percent-decoded on its own, so an encoded
// "/" stays inside its segment: "/people/a%2Fb/events" has three segments and
// the {user} parameter is "a/b". (The server refused malformed escapes already.)
std::vector<std::string> decoded_segments(const Request& request) {
  std::vector<std::string> out;
  if (request.raw_path.empty()) {
    for (std::string_view s : split_path(request.path)) out.emplace_back(s);
    return out;
  }
  for (std::string_view s : split_path(request.raw_path)) {
    out.push_back(percent_decode(s).value_or(std::string(s)));
  }
  return out;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  Route route;
  route.method = std::move(method);
  route.pattern = pattern;
  for (std::string_view s : split_path(pattern)) route.segments.emplace_back(s);
  if (!route.segments.empty() && route.segments.back() == "*") {
    route.segments.pop_back();
    route.wildcard = true;
  }
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

void Router::add_sync(std::string method, std::string pattern, SyncHandler handler) {
  add(std::move(method), std::move(pattern),
      [handler = std::move(handler)](const Request& request, Respond respond) {
        respond(handler(request));
      });
}

bool Router::match(const Route& route, const std::vector<std::string_view>& segments,
                   Request* request) {
  if (route.wildcard ? segments.size() < route.segments.size()
                     : segments.size() != route.segments.size()) {
    return false;
  }
  for (std::size_t i = 0; i < route.segments.size(); ++i) {
    const std::string& want = route.segments[i];
    bool param = want.size() > 2 && want.front() == '{' && want.back() == '}';
    if (!param && want != segments[i]) return false;
  }
  if (!request) return true;
  request->path_params.clear();
  for (std::size_t i = 0; i < route.segments.size(); ++i) {
    const std::string& want = route.segments[i];
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      request->path_params[want.substr(1, want.size() - 2)] = std::string(segments[i]);
    }
  }
  if (route.wildcard) {
    std::string rest;
    for (std::size_t i = route.segments.size(); i < segments.size(); ++i) {
      if (!rest.empty()) rest += '/';
      rest += segments[i];
    }
    request->path_params["*"] = rest;
  }
  return true;
}

void Router::dispatch(Request& request, Respond respond) const {
  const std::vector<std::string> decoded = decoded_segments(request);
  const std::vector<std::string_view> segments(decoded.begin(), decoded.end());
  std::string allow;
  // A path exists when a route other than a "/*" preflight matches it: the
  // CORS preflight catch-all ("OPTIONS /v1/*") answers any path below it, but
  // makes no unknown path a 405 ("POST /v1/alias" is 404, not "use OPTIONS").
  bool path_exists = false;
  const Route* found = nullptr;
  for (const Route& route : routes_) {
    if (!match(route, segments, nullptr)) continue;
    if (!(route.wildcard && route.method == "OPTIONS")) path_exists = true;
    bool method_ok = route.method == request.method ||
                     (request.method == "HEAD" && route.method == "GET");
    if (method_ok) {
      if (!route.wildcard) {
        found = &route;
        break;
      }
      // A "/*" pattern serves only when no full pattern matches.
      if (!found) found = &route;
      continue;
    }
    if (allow.find(route.method) == std::string::npos) {
      if (!allow.empty()) allow += ", ";
      allow += route.method;
    }
  }
  if (!found) {
    if (!path_exists) allow.clear();
    Response r = allow.empty()
                     ? error_response(404, "not_found", "no such endpoint")
                     : error_response(405, "method_not_allowed",
                                      "method " + request.method + " is not allowed here");
    if (!allow.empty()) r.set_header("Allow", allow);
    r.route = allow.empty() ? "unmatched" : route_of(request.path);
    respond(std::move(r));
    return;
  }
  match(*found, segments, &request);
  found->handler(request, [respond = std::move(respond), route = found->pattern](Response r) {
    r.route = route;
    respond(std::move(r));
  });
}

std::vector<Router::RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& route : routes_) out.push_back({route.method, route.pattern});
  return out;
}

std::string Router::route_of(std::string_view path) const {
  std::vector<std::string_view> segments = split_path(path);
  for (const Route& route : routes_) {
    if (match(route, segments, nullptr)) return route.pattern;
  }
  return "unmatched";
}

}  // namespace cairn::http
