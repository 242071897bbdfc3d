// The checks every admin API route under /api/apps/{app_id}/ makes before its
// own work, in the order docs/api.md gives: session, CSRF and role (the
// Authenticator's 401/403), then the app (404 not_found "app not found"),
// then the route's handler. Every answer, refusals included, carries
// Cache-Control: no-store, as all admin answers do.
//
// These compute the Response instead of mounting a route, so one preamble
// serves routes on the I/O threads (Router::add_sync) and routes on the query
// pool (http::add_pooled) alike.
//
// Threading: thread-safe when the handler is (AppDirectory and Authenticator
// are).
#pragma once

#include "admin/app_directory.h"
#include "auth/authenticator.h"
#include "http/request.h"
#include "http/response.h"

#include <functional>
#include <string>

namespace cairn::admin {

// A route's work once the request is authorized.
using AuthorizedHandler = std::function<http::Response(const auth::Principal&)>;
// An app-scoped route's work once the request is authorized and its app exists.
using AppHandler =
    std::function<http::Response(const http::Request&, const std::string& app_id, const auth::Principal&)>;

// Session, CSRF and `permission` (Authenticator::authorize), then `handler`;
// every answer with Cache-Control: no-store. For app-scoped routes whose own
// checks (body, finer permission) come before the app's 404.
http::Response answer_authorized(const http::Request& request, auth::Authenticator& authenticator,
                                 auth::Permission permission, const AuthorizedHandler& handler);

// answer_authorized, then app_not_found() when the request's {app_id} is not
// an app, else `handler` with that app id. `handler` runs only for an existing
// app and an allowed account.
http::Response answer_for_app(const http::Request& request, AppDirectory& apps, auth::Authenticator& authenticator,
                              auth::Permission permission, const AppHandler& handler);

// 404 not_found "app not found": the answer for an unknown {app_id}.
http::Response app_not_found();

}  // namespace cairn::admin
