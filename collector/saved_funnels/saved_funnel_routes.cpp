#include "saved_funnels/saved_funnel_routes.h"

#include "admin/app_route.h"
#include "admin/json_body.h"
#include "clock/wall_clock.h"
#include "json/reader.h"
#include "saved_funnels/saved_funnel_json.h"
#include "saved_funnels/saved_funnel_store.h"

#include <boost/json/array.hpp>

#include <chrono>
#include <memory>
#include <variant>

namespace cairn::saved_funnels {

namespace {

using Limits = SavedFunnelLimits;
using http::Request;
using http::Response;

Response funnel_not_found() { return http::error_response(404, "not_found", "saved funnel not found"); }

// The funnel in a POST/PUT body, or the error to answer.
std::variant<SavedFunnelInput, Response> read_body(const Request& request) {
  if (std::optional<Response> refusal = admin::refuse_unless_json(request)) return std::move(*refusal);
  if (request.body.size() > Limits::kMaxBodyBytes) {
    return http::error_response(413, "body_too_large",
                                "a saved funnel is at most " + std::to_string(Limits::kMaxBodyBytes) + " bytes");
  }
  json::Problems problems;
  std::optional<boost::json::value> body = json::parse_document(
      request.body, problems, {.max_bytes = Limits::kMaxBodyBytes, .max_depth = Limits::kMaxBodyDepth});
  if (!body) return http::error_response(400, "invalid_json", problems.summary(), problems.to_json());
  std::optional<SavedFunnelInput> input = read_saved_funnel_input(*body, problems);
  if (!input) return http::error_response(422, "invalid_request", problems.summary(), problems.to_json());
  return std::move(*input);
}

// The answer to a failed create or replace.
Response save_failed(SaveError error) {
  switch (error) {
    case SaveError::not_found: return funnel_not_found();
    case SaveError::name_taken: {
      json::Problems problems;
      problems.add("/name", "another saved funnel of this app has this name");
      return http::error_response(409, "name_taken", problems.summary(), problems.to_json());
    }
    case SaveError::too_many_funnels:
      return http::error_response(409, "too_many_funnels",
                                  "an app keeps at most " + std::to_string(Limits::kMaxFunnelsPerApp) +
                                      " saved funnels; delete one first");
    case SaveError::none:
    case SaveError::storage: break;
  }
  return http::error_response(500, "storage_error", "the database refused the change");
}

}  // namespace

void add_saved_funnel_routes(http::Router& router, admin::Database& db, admin::AppDirectory& apps,
                             auth::Authenticator& authenticator) {
  auto store = std::make_shared<SavedFunnelStore>(db);
  // Session, CSRF and role first, then the app; every answer is uncached.
  auto mount = [&](const char* method, const char* pattern, auth::Permission permission, admin::AppHandler handler) {
    router.add_sync(method, pattern,
                    [&apps, &authenticator, permission, handler = std::move(handler)](const Request& request) {
                      return admin::answer_for_app(request, apps, authenticator, permission, handler);
                    });
  };

  mount("GET", "/api/apps/{app_id}/funnels", auth::Permission::view,
        [store](const Request&, const std::string& app_id, const auth::Principal&) {
          std::optional<std::vector<SavedFunnel>> funnels = store->list(app_id);
          if (!funnels) return save_failed(SaveError::storage);
          boost::json::array out;
          for (const SavedFunnel& f : *funnels) out.push_back(write_saved_funnel(f));
          return http::json_response(boost::json::object{
              {"funnels", std::move(out)}, {"max_funnels", Limits::kMaxFunnelsPerApp}});
        });
  mount("POST", "/api/apps/{app_id}/funnels", auth::Permission::save_funnels,
        [store](const Request& request, const std::string& app_id, const auth::Principal& who) {
          std::variant<SavedFunnelInput, Response> input = read_body(request);
          if (Response* refused = std::get_if<Response>(&input)) return std::move(*refused);
          SaveError error = SaveError::none;
          std::optional<SavedFunnel> saved =
              store->create(app_id, std::get<SavedFunnelInput>(input), who.account.id, wall_clock_ms(), &error);
          if (!saved) return save_failed(error);
          return http::json_response(boost::json::object{{"funnel", write_saved_funnel(*saved)}}, 201);
        });
  mount("PUT", "/api/apps/{app_id}/funnels/{funnel_id}", auth::Permission::save_funnels,
        [store](const Request& request, const std::string& app_id, const auth::Principal&) {
          // An unknown funnel is 404 whatever the body holds.
          std::string funnel_id(request.path_param("funnel_id"));
          if (!store->find(app_id, funnel_id)) return funnel_not_found();
          std::variant<SavedFunnelInput, Response> input = read_body(request);
          if (Response* refused = std::get_if<Response>(&input)) return std::move(*refused);
          SaveError error = SaveError::none;
          std::optional<SavedFunnel> saved =
              store->replace(app_id, funnel_id, std::get<SavedFunnelInput>(input), wall_clock_ms(), &error);
          if (!saved) return save_failed(error);
          return http::json_response(boost::json::object{{"funnel", write_saved_funnel(*saved)}});
        });
  mount("DELETE", "/api/apps/{app_id}/funnels/{funnel_id}", auth::Permission::save_funnels,
        [store](const Request& request, const std::string& app_id, const auth::Principal&) {
          SaveError error = store->remove(app_id, std::string(request.path_param("funnel_id")));
          if (error != SaveError::none) return save_failed(error);
          Response r;
          r.status = 204;
          return r;
        });
}

}  // namespace cairn::saved_funnels
