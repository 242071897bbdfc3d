// The JSON object in an admin API request body, with the answers every admin
// route gives for a bad one: 415 unsupported_media_type without
// Content-Type: application/json, 413 body_too_large over `max_bytes`, 400
// invalid_json (with the parser's problem) for bad JSON, deeper nesting than
// `max_depth`, or a value that is not an object.
//
// Threading: pure function.
#pragma once

#include "admin/admin_api.h"
#include "http/request.h"
#include "http/response.h"

#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <variant>

namespace cairn::admin {

// 415 unsupported_media_type unless the request's Content-Type is
// application/json (the media type in any case, parameters such as charset
// allowed; "application/jsonp" is not JSON); nullopt when it is. Every admin
// route that reads a JSON body checks it (docs/api.md, "Errors").
std::optional<http::Response> refuse_unless_json(const http::Request& request);

// The object (as a value: ObjectReader keeps a reference to it), or the
// error to answer.
std::variant<boost::json::value, http::Response> parse_body(const http::Request& request,
                                                           std::size_t max_bytes = kMaxAdminBodyBytes,
                                                           std::size_t max_depth = kMaxAdminBodyDepth);

}  // namespace cairn::admin
