#include "admin/sdk_access.h"

#include <sodium.h>

#include <algorithm>

namespace cairn::admin {

namespace {
// Browsers may cache a preflight answer this long (seconds).
constexpr int kPreflightMaxAgeSeconds = 600;
constexpr std::size_t kMaxCredentialBytes = 512;
}  // namespace

std::optional<std::string> write_key_from(const http::Request& request) {
  if (auto key = request.header("X-Cairn-Write-Key")) {
    if (key->empty() || key->size() > kMaxCredentialBytes) return std::nullopt;
    return std::string(*key);
  }
  auto authorization = request.header("Authorization");
  if (!authorization || authorization->size() > kMaxCredentialBytes) return std::nullopt;
  std::string_view value = *authorization;
  if (value.rfind("Bearer ", 0) == 0) {
    std::string_view key = value.substr(7);
    if (key.empty()) return std::nullopt;
    return std::string(key);
  }
  if (value.rfind("Basic ", 0) == 0) {
    std::string_view encoded = value.substr(6);
    std::string decoded(encoded.size(), '\0');
    std::size_t length = 0;
    if (sodium_init() < 0 ||
        sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(),
                          encoded.data(), encoded.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
      return std::nullopt;
    }
    decoded.resize(length);
    std::size_t colon = decoded.find(':');
    std::string key = decoded.substr(0, colon);
    if (key.empty()) return std::nullopt;
    return key;
  }
  return std::nullopt;
}

namespace {
void allow_origin(std::string_view origin, http::Response& response) {
  response.set_header("Access-Control-Allow-Origin", std::string(origin));
  response.set_header("Access-Control-Expose-Headers", "ETag, Retry-After");
}
}  // namespace

void apply_cors(const http::Request& request, const std::vector<std::string>& allowed_origins,
                http::Response& response) {
  response.set_header("Vary", "Origin");
  auto origin = request.header("Origin");
  if (!origin) return;
  if (std::find(allowed_origins.begin(), allowed_origins.end(), *origin) == allowed_origins.end()) {
    return;
  }
  allow_origin(*origin, response);
}

void apply_cors_before_app(const http::Request& request,
                           const std::function<bool(const std::string&)>& any_app_allows_origin,
                           http::Response& response) {
  response.set_header("Vary", "Origin");
  auto origin = request.header("Origin");
  if (origin && any_app_allows_origin(std::string(*origin))) allow_origin(*origin, response);
}

http::Response cors_preflight(const http::Request& request, AppDirectory& apps) {
  auto origin = request.header("Origin");
  if (!origin || !apps.any_app_allows_origin(std::string(*origin))) {
    http::Response r = http::error_response(403, "origin_not_allowed",
                                            "this Origin is not an allowed origin of any app");
    r.set_header("Vary", "Origin");
    return r;
  }
  http::Response r;
  r.status = 204;
  r.set_header("Access-Control-Allow-Origin", std::string(*origin));
  r.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  r.set_header("Access-Control-Allow-Headers",
               "Content-Type, Content-Encoding, Authorization, X-Cairn-Write-Key, If-None-Match");
  r.set_header("Access-Control-Max-Age", std::to_string(kPreflightMaxAgeSeconds));
  r.set_header("Vary", "Origin");
  return r;
}

}  // namespace cairn::admin
