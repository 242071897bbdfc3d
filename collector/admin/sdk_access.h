// SDK access: how a request from the SDK (or any Segment-style client) proves
// which app it belongs to, and which browser origins may read the answer.
// Shared by GET /v1/guides and the ingest endpoints so both accept the same
// credentials and answer CORS the same way.
//
// A write key is accepted from, in order:
//   X-Cairn-Write-Key: <key>
//   Authorization: Basic base64("<key>:")   (Segment's convention)
//   Authorization: Bearer <key>
// Ingest may also accept a "writeKey" body field (Segment); that is its choice.
//
// CORS: a response carries Access-Control-Allow-Origin only when the request's
// Origin is one of the app's allowed origins. A preflight carries no key, so it
// is answered for any origin that some app allows; the real request is then
// checked against its own app. A refusal given before the app is known (a
// missing or invalid write key; ingest's refusal of a body before its key was
// read) is answered like the preflight: readable by an origin that some app
// allows, so the SDK (and the developer in the console) sees
// "invalid_write_key" instead of a CORS error. That tells the origin nothing
// the preflight did not, and the error body holds no secret.
//
// Threading: pure functions, except that cors_preflight() reads the directory
// (thread-safe).
#pragma once

#include "admin/app_directory.h"
#include "http/request.h"
#include "http/response.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cairn::admin {

// The write key presented by `request`, or nullopt.
std::optional<std::string> write_key_from(const http::Request& request);

// Adds Access-Control-Allow-Origin (+ Vary, Expose-Headers) to `response`
// when the request's Origin is in `allowed_origins`. Always adds Vary: Origin.
void apply_cors(const http::Request& request, const std::vector<std::string>& allowed_origins,
                http::Response& response);

// For a refusal before the request's app is known: Access-Control-Allow-Origin
// (+ Expose-Headers) when some app allows the request's Origin, the rule the
// preflight answered by. Always adds Vary: Origin. `any_app_allows_origin`
// is AppDirectory::any_app_allows_origin or a stand-in for it.
void apply_cors_before_app(const http::Request& request,
                           const std::function<bool(const std::string&)>& any_app_allows_origin,
                           http::Response& response);

// The answer to OPTIONS /v1/...: 204 with the CORS headers when some app allows
// the Origin, else 403 with a JSON error.
http::Response cors_preflight(const http::Request& request, AppDirectory& apps);

}  // namespace cairn::admin
