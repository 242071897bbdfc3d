#include "catalog/catalog_routes.h"

#include "admin/app_route.h"
#include "http/pooled_route.h"

#include <memory>

namespace cairn::catalog {

std::shared_ptr<CatalogCache> add_catalog_routes(http::Router& router, admin::AppDirectory& apps,
                                                 auth::Authenticator& authenticator,
                                                 std::string database_path, http::WorkPool& query_pool) {
  auto cache = std::make_shared<CatalogCache>(std::move(database_path));
  http::add_pooled(router, "GET", "/api/apps/{app_id}/catalog", query_pool,
                   [&apps, &authenticator, cache](const http::Request& request) {
                     return admin::answer_for_app(
                         request, apps, authenticator, auth::Permission::view,
                         [&cache](const http::Request&, const std::string& app_id, const auth::Principal&) {
                           std::string error;
                           std::shared_ptr<const std::string> body = cache->current(app_id, &error);
                           if (!body) return http::error_response(500, "catalog_error", error);
                           http::Response r;
                           r.body = *body;
                           r.set_header("Content-Type", "application/json");
                           return r;
                         });
                   });
  return cache;
}

}  // namespace cairn::catalog
