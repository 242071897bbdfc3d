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
// checked against its own app.
//
// Threading: pure functions, except that cors_preflight() reads the directory
// (thread-safe).
#pragma once

#include "admin/app_directory.h"
#include "http/request.h"
#include "http/response.h"

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

// The answer to OPTIONS /v1/...: 204 with the CORS headers when some app allows
// the Origin, else 403 with a JSON error.
http::Response cors_preflight(const http::Request& request, AppDirectory& apps);

}  // namespace cairn::admin
