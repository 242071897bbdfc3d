// AdminApi: the /api/... endpoints the editor and dashboard call (login,
// accounts, apps, origins, write keys, guides and their versions). Every
// route but /api/login is registered with one auth::Permission and goes
// through the Authenticator (session, CSRF, role policy) before its handler
// runs; docs/api.md lists them all.
//
// Threading: handlers are thread-safe; the stores they use are.
#pragma once

#include "admin/app_directory.h"
#include "admin/database.h"
#include "auth/account_store.h"
#include "auth/authenticator.h"
#include "auth/login_limiter.h"
#include "auth/session_store.h"
#include "guides/guide_store.h"
#include "guides/published_guide_checks.h"
#include "http/router.h"
#include "http/work_pool.h"

#include <cstddef>

namespace cairn::admin {

// Largest JSON body any admin endpoint except guide saves accepts.
inline constexpr std::size_t kMaxAdminBodyBytes = 64 * 1024;
// Deepest nesting accepted in an admin request body.
inline constexpr std::size_t kMaxAdminBodyDepth = 16;

struct AdminDeps {
  Database& db;
  AppDirectory& apps;
  auth::AccountStore& accounts;
  auth::SessionStore& sessions;
  auth::Authenticator& authenticator;
  auth::LoginLimiter& login_limiter;
  guides::GuideStore& guides;
  // Remembered checks of published guides; the app deletion route forgets an
  // app's (ForgetApp in admin/app_deletion_route.h).
  guides::PublishedGuideChecks& published_checks;
  http::WorkPool& hashing_pool;  // Password hashing, off the I/O threads.
};

// Adds every /api route to `router`. `deps` must outlive the router.
void add_admin_routes(http::Router& router, const AdminDeps& deps);

}  // namespace cairn::admin
