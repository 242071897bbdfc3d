// Router: the collector's one table from (method, path pattern) to handler.
//
// Patterns are literal segments and {name} parameters: "/api/apps/{app_id}/keys".
// A pattern ending in "/*" matches any rest of the path (static files). Lookup
// answers 404 when no pattern matches the path and 405 (with Allow) when the
// path matches under other methods. HEAD falls back to GET.
//
// Handlers complete asynchronously: they receive a Respond callback, which they
// call exactly once, from any thread (ingest answers after its group commit).
// Most handlers are synchronous and use add_sync(); slow ones (analytics,
// catalog) run on a WorkPool through add_pooled() (pooled_route.h), so they
// never hold the I/O threads that serve ingest.
//
// Threading: routes are added before serving; dispatch() is then thread-safe.
#pragma once

#include "http/request.h"
#include "http/response.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::http {

using Respond = std::function<void(Response)>;
using Handler = std::function<void(const Request&, Respond)>;
using SyncHandler = std::function<Response(const Request&)>;

class Router {
 public:
  // REQUIRES: before the server starts. A pattern without "/*" wins over one
  // with it (so "/api/*" catch-alls do not hide routes added later); among
  // patterns of the same kind the first added wins.
  void add(std::string method, std::string pattern, Handler handler);
  void add_sync(std::string method, std::string pattern, SyncHandler handler);

  // Finds the handler for `request` (filling request.path_params) and runs it.
  // `respond` receives the handler's response with Response::route set.
  void dispatch(Request& request, Respond respond) const;

  // The pattern that would serve `path` under any method, or "" (for logs of
  // requests refused before routing).
  std::string route_of(std::string_view path) const;

  struct RouteInfo {
    std::string method;
    std::string pattern;
  };
  // Every route in the order added. The server logs them at debug level when
  // it starts listening, so tests can check the docs and the auth table
  // against what is really mounted.
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    bool wildcard = false;
    Handler handler;
  };
  static bool match(const Route& route, const std::vector<std::string_view>& segments,
                    Request* request);

  std::vector<Route> routes_;
};

}  // namespace cairn::http
