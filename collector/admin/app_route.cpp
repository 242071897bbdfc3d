#include "admin/app_route.h"

#include "clock/wall_clock.h"

#include <utility>
#include <variant>

namespace cairn::admin {

http::Response answer_authorized(const http::Request& request, auth::Authenticator& authenticator,
                                 auth::Permission permission, const AuthorizedHandler& handler) {
  auto result = authenticator.authorize(request, permission, wall_clock_ms());
  http::Response r;
  if (http::Response* refused = std::get_if<http::Response>(&result)) {
    r = std::move(*refused);
  } else {
    r = handler(std::get<auth::Principal>(result));
  }
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response answer_for_app(const http::Request& request, AppDirectory& apps, auth::Authenticator& authenticator,
                              auth::Permission permission, const AppHandler& handler) {
  return answer_authorized(request, authenticator, permission, [&](const auth::Principal& principal) {
    std::string app_id(request.path_param("app_id"));
    if (!apps.find_app(app_id)) return app_not_found();
    return handler(request, app_id, principal);
  });
}

http::Response app_not_found() { return http::error_response(404, "not_found", "app not found"); }

}  // namespace cairn::admin
