#include "admin/json_body.h"

#include "json/reader.h"

#include <optional>
#include <string>

namespace cairn::admin {

std::variant<boost::json::value, http::Response> parse_body(const http::Request& request,
                                                           std::size_t max_bytes, std::size_t max_depth) {
  auto type = request.header("Content-Type");
  if (!type || type->substr(0, 16) != "application/json") {
    return http::error_response(415, "unsupported_media_type",
                                "send the body as Content-Type: application/json");
  }
  if (request.body.size() > max_bytes) {
    return http::error_response(413, "body_too_large",
                                "body exceeds " + std::to_string(max_bytes) + " bytes");
  }
  json::Problems problems;
  json::ParseLimits limits;
  limits.max_bytes = max_bytes;
  limits.max_depth = max_depth;
  std::optional<boost::json::value> value = json::parse_document(request.body, problems, limits);
  if (!value) {
    return http::error_response(400, "invalid_json", problems.summary(), problems.to_json());
  }
  if (!value->is_object()) {
    problems.add("", "must be an object");
    return http::error_response(400, "invalid_json", problems.summary(), problems.to_json());
  }
  return std::move(*value);
}

}  // namespace cairn::admin
