#include "admin/json_body.h"

#include "json/reader.h"

#include <algorithm>
#include <optional>
#include <string>

namespace cairn::admin {

std::optional<http::Response> refuse_unless_json(const http::Request& request) {
  constexpr std::string_view kJson = "application/json";
  std::string_view type = request.header("Content-Type").value_or("");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  const bool json = type.size() == kJson.size() &&
                    std::equal(type.begin(), type.end(), kJson.begin(), [](char a, char b) {
                      return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
                    });
  if (json) return std::nullopt;
  return http::error_response(415, "unsupported_media_type", "send the body as Content-Type: application/json");
}

std::variant<boost::json::value, http::Response> parse_body(const http::Request& request,
                                                           std::size_t max_bytes, std::size_t max_depth) {
  if (std::optional<http::Response> refusal = refuse_unless_json(request)) return std::move(*refusal);
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
