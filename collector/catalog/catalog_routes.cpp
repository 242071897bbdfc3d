#include "catalog/catalog_routes.h"

#include "clock/wall_clock.h"
#include "http/pooled_route.h"

#include <chrono>
#include <memory>

namespace cairn::catalog {

namespace {

}  // namespace

std::shared_ptr<CatalogCache> add_catalog_routes(http::Router& router, admin::AppDirectory& apps,
                                                 auth::Authenticator& authenticator,
                                                 std::string database_path, http::WorkPool& query_pool) {
  auto cache = std::make_shared<CatalogCache>(std::move(database_path));
  http::add_pooled(router, "GET", "/api/apps/{app_id}/catalog", query_pool,
                   [&apps, &authenticator, cache](const http::Request& request) {
                     auto result = authenticator.authorize(request, auth::Permission::view, wall_clock_ms());
                     http::Response r;
                     if (http::Response* refused = std::get_if<http::Response>(&result)) {
                       r = std::move(*refused);
                     } else if (std::string app_id(request.path_param("app_id"));
                                !apps.find_app(app_id)) {
                       r = http::error_response(404, "not_found", "app not found");
                     } else {
                       std::string error;
                       if (std::shared_ptr<const std::string> body = cache->current(app_id, &error)) {
                         r.body = *body;
                         r.set_header("Content-Type", "application/json");
                       } else {
                         r = http::error_response(500, "catalog_error", error);
                       }
                     }
                     r.set_header("Cache-Control", "no-store");
                     return r;
                   });
  return cache;
}

}  // namespace cairn::catalog
