#include "cluster/cluster_routes.h"

#include "auth/password.h"
#include "clock/wall_clock.h"
#include "cluster/metadata_snapshot.h"
#include "crypto/tokens.h"
#include "guides/sdk_guides_api.h"

#include <boost/json/object.hpp>

namespace cairn::cluster {

namespace {

// Hashing both sides first makes the comparison independent of the
// presented secret's length as well as its content.
bool secret_matches(const http::Request& request, const std::string& secret) {
  std::optional<std::string_view> header = request.header("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!header || header->rfind(kBearer, 0) != 0) return false;
  return auth::equal_constant_time(crypto::sha256_hex(header->substr(kBearer.size())),
                                   crypto::sha256_hex(secret));
}

}  // namespace

std::string follower_refusal_message(const std::string& primary_url) {
  return "this collector follows the primary " + primary_url +
         " and serves only /v1 and /sdk; send admin, editor and dashboard requests to the primary";
}

void add_metadata_route(http::Router& router, admin::Database& db, admin::AppDirectory& apps,
                        guides::GuideStore& guides, std::string cluster_secret) {
  router.add_sync("GET", "/internal/metadata", [&db, &apps, &guides, secret = std::move(cluster_secret)](
                                                   const http::Request& request) {
    if (secret.empty()) return http::error_response(404, "not_found", "no such route");
    if (!secret_matches(request, secret)) {
      return http::error_response(401, "invalid_cluster_secret",
                                  "send the cluster secret as Authorization: Bearer <secret>");
    }
    std::string error;
    std::optional<MetadataSnapshot> snapshot = read_snapshot(db, apps, guides, wall_clock_ms(), &error);
    if (!snapshot) return http::error_response(503, "storage_error", error);
    std::string body = serialize_snapshot(*snapshot);
    std::string etag = "\"" + crypto::sha256_hex(body).substr(0, 32) + "\"";
    // A follower polling an unchanged snapshot gets no body and applies nothing.
    std::optional<std::string_view> known = request.header("If-None-Match");
    http::Response r;
    r.status = known && guides::etag_matches(*known, etag) ? 304 : 200;
    if (r.status == 200) {
      r.set_header("Content-Type", "application/json");
      r.body = std::move(body);
    }
    r.set_header("ETag", etag);
    r.set_header("Cache-Control", "no-store");
    return r;
  });
}

void add_follower_refusals(http::Router& router, const std::string& primary_url) {
  for (const char* prefix : {"/api/*", "/editor/*", "/dashboard/*", "/v1/editor/*"}) {
    for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
      router.add_sync(method, prefix, [primary_url](const http::Request&) {
        http::Response r = http::error_response(409, "follower_read_only",
                                                follower_refusal_message(primary_url));
        r.set_header("X-Cairn-Primary", primary_url);
        return r;
      });
    }
  }
}

}  // namespace cairn::cluster
