#include "admin/app_deletion_route.h"

#include "admin/app_route.h"
#include "admin/json_body.h"
#include "clock/wall_clock.h"
#include "json/reader.h"

#include <boost/json/object.hpp>

#include <utility>

namespace cairn::admin {

namespace {

http::Response delete_app(const http::Request& request, const std::string& app_id, AppDirectory& apps,
                          store::EventStore& store, const ForgetApp& forget) {
  auto body = parse_body(request);
  if (http::Response* r = std::get_if<http::Response>(&body)) return std::move(*r);
  json::Problems problems;
  json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
  std::optional<std::string> confirm = reader.string("confirm_name", json::Need::required, AppDirectory::kMaxNameBytes);
  reader.reject_unknown_fields();
  std::optional<App> app = apps.find_app(app_id);
  if (!app) return app_not_found();
  if (confirm && *confirm != app->name) reader.error("confirm_name", "must be the app's current name");
  if (!problems.empty()) {
    return http::error_response(422, "invalid_request", problems.summary(), problems.to_json());
  }
  DeletedApp deleted;
  switch (apps.delete_app(app_id, wall_clock_ms(), &deleted)) {
    case AppChange::no_such_app: return app_not_found();
    case AppChange::storage_error:
      return http::error_response(500, "storage_error", "the database refused the change; nothing was deleted");
    case AppChange::done: break;
  }
  if (forget) forget(app_id);
  store.purge_deleted_apps();
  return http::json_response(boost::json::object{
      {"deleted", boost::json::object{{"app_id", deleted.app.id},
                                      {"name", deleted.app.name},
                                      {"write_keys", deleted.write_keys},
                                      {"guides", deleted.guides},
                                      {"guide_versions", deleted.guide_versions},
                                      {"saved_funnels", deleted.saved_funnels}}},
      {"events", "purging"}});
}

}  // namespace

void add_app_deletion_route(http::Router& router, AppDirectory& apps, auth::Authenticator& authenticator,
                            store::EventStore& store, ForgetApp forget_derived) {
  router.add_sync("DELETE", "/api/apps/{app_id}",
                  [&apps, &authenticator, &store, forget = std::move(forget_derived)](const http::Request& request) {
                    return answer_for_app(request, apps, authenticator, auth::Permission::manage_apps,
                                          [&](const http::Request& r, const std::string& app_id, const auth::Principal&) {
                                            return delete_app(r, app_id, apps, store, forget);
                                          });
                  });
}

}  // namespace cairn::admin
