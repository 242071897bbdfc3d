#include "editor_bridge/editor_bridge_routes.h"

#include "admin/app_route.h"
#include "admin/json_body.h"
#include "admin/sdk_access.h"
#include "clock/wall_clock.h"
#include "json/reader.h"

#include <boost/json/object.hpp>

#include <chrono>
#include <memory>
#include <variant>

namespace cairn::editor_bridge {

namespace {

using http::Request;
using http::Response;

// The body's JSON object, or the error to answer.
std::variant<boost::json::value, Response> read_body(const Request& request) {
  json::Problems problems;
  std::optional<boost::json::value> value =
      json::parse_document(request.body, problems, {.max_bytes = kMaxEditorBodyBytes, .max_depth = 4});
  if (value && !value->is_object()) problems.add("", "must be an object");
  if (!value || !problems.empty()) {
    return http::error_response(400, "invalid_json", problems.summary(), problems.to_json());
  }
  return std::move(*value);
}

Response invalid_token() {
  return http::error_response(401, "invalid_editor_token",
                              "the editor token is unknown, altered, expired or for another app");
}

// After session, CSRF, view and the app's 404 (admin::answer_for_app, the
// order every app-scoped route keeps): the body, then the edit permission.
Response issue_token(const Request& request, const std::string& app_id, const auth::Principal& principal,
                     const EditorBridgeDeps& d) {
  // An admin body (the SDK's verify, like ingest, does not check the type).
  if (std::optional<Response> refusal = admin::refuse_unless_json(request)) return std::move(*refusal);
  auto body = read_body(request);
  if (Response* r = std::get_if<Response>(&body)) return std::move(*r);
  json::Problems problems;
  json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
  std::optional<std::string> purpose_text = reader.string("purpose", json::Need::required, 16);
  std::optional<EditorPurpose> purpose;
  if (purpose_text) {
    purpose = parse_purpose(*purpose_text);
    if (!purpose) reader.error("purpose", "must be \"edit\" or \"view\"");
  }
  reader.reject_unknown_fields();
  if (!problems.empty()) {
    return http::error_response(422, "invalid_request", problems.summary(), problems.to_json());
  }
  // Picking and previewing are editing: the same permission as saving a draft.
  if (*purpose == EditorPurpose::edit &&
      !auth::allows(principal.account.role, auth::Permission::edit_guides)) {
    return http::error_response(403, "forbidden",
                                "an edit token needs the edit_guides permission; ask for \"view\"");
  }
  std::string origin = d.public_origin;
  if (origin.empty()) {
    if (auto o = request.header("Origin")) origin = std::string(*o);
  }
  if (origin.empty()) {
    return http::error_response(400, "missing_origin",
                                "send the request from the editor page (no Origin header)");
  }
  EditorClaims claims{app_id, principal.account.id, *purpose, wall_clock_ms() + kEditorTokenLifetimeMs,
                      origin};
  return http::json_response(boost::json::object{{"token", sign_editor_token(claims, d.secret)},
                                                 {"expires_at_ms", claims.expires_at_ms}},
                             201);
}

Response verify_token(const Request& request, const EditorBridgeDeps& d) {
  std::optional<std::string> key = admin::write_key_from(request);
  if (!key) {
    return http::error_response(401, "missing_write_key",
                                "send the app's write key in X-Cairn-Write-Key");
  }
  std::optional<admin::ResolvedKey> app = d.apps.resolve_write_key(*key);
  if (!app) return http::error_response(401, "invalid_write_key", "unknown or revoked write key");
  Response r = [&]() -> Response {
    auto body = read_body(request);
    if (Response* refused = std::get_if<Response>(&body)) return std::move(*refused);
    json::Problems problems;
    json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
    std::optional<std::string> token =
        reader.non_empty_string("token", json::Need::required, kMaxEditorTokenBytes);
    if (!token) {
      return http::error_response(422, "invalid_request", problems.summary(), problems.to_json());
    }
    auto verified = verify_editor_token(*token, d.secret, wall_clock_ms());
    const EditorClaims* claims = std::get_if<EditorClaims>(&verified);
    if (!claims || claims->app_id != app->app_id) return invalid_token();
    // An account disabled (or deleted) since the token was issued loses it.
    std::optional<auth::Account> account = d.accounts.find_by_id(claims->account_id);
    if (!account || account->disabled) return invalid_token();
    return http::json_response(boost::json::object{
        {"app_id", claims->app_id},
        {"account", boost::json::object{{"id", account->id}, {"email", account->email}}},
        {"purpose", purpose_name(claims->purpose)},
        {"editor_origin", claims->editor_origin},
        {"expires_at_ms", claims->expires_at_ms}});
  }();
  r.set_header("Cache-Control", "no-store");
  admin::apply_cors(request, app->origins, r);
  return r;
}

}  // namespace

void add_editor_bridge_routes(http::Router& router, const EditorBridgeDeps& deps) {
  auto d = std::make_shared<const EditorBridgeDeps>(deps);
  router.add_sync("POST", "/api/apps/{app_id}/editor-token", [d](const Request& request) {
    return admin::answer_for_app(request, d->apps, d->authenticator, auth::Permission::view,
                                 [&](const Request& r, const std::string& app_id, const auth::Principal& principal) {
                                   return issue_token(r, app_id, principal, *d);
                                 });
  });
  router.add_sync("POST", "/v1/editor/verify",
                  [d](const Request& request) { return verify_token(request, *d); });
}

}  // namespace cairn::editor_bridge
