#include "guides/sdk_guides_api.h"

#include "admin/sdk_access.h"
#include "crypto/tokens.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace cairn::guides {

namespace {

// The first 128 bits of the body's SHA-256: collisions stay out of reach.
std::string strong_etag(std::string_view body) {
  std::string etag = "\"";
  etag.append(crypto::sha256_hex(body), 0, 32);
  etag += '"';
  return etag;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool etag_matches(std::string_view if_none_match, std::string_view etag, bool strong) {
  std::string_view rest = if_none_match;
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    std::string_view candidate = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (candidate == "*") return true;
    if (candidate.rfind("W/", 0) == 0) {
      if (strong) continue;
      candidate.remove_prefix(2);
    }
    std::string_view plain = etag;
    if (plain.rfind("W/", 0) == 0) plain.remove_prefix(2);
    if (candidate == plain) return true;
  }
  return false;
}

void add_sdk_guides_routes(http::Router& router, admin::AppDirectory& apps, GuideStore& guides) {
  router.add_sync("OPTIONS", "/v1/guides",
                  [&apps](const http::Request& request) { return admin::cors_preflight(request, apps); });
  router.add_sync("GET", "/v1/guides", [&apps, &guides](const http::Request& request) {
    std::optional<std::string> key = admin::write_key_from(request);
    if (!key) {
      return http::error_response(401, "missing_write_key",
                                  "send the app's write key in X-Cairn-Write-Key");
    }
    std::optional<admin::ResolvedKey> app = apps.resolve_write_key(*key);
    if (!app) return http::error_response(401, "invalid_write_key", "unknown or revoked write key");
    // The stored versions are our own serialized JSON: spliced, not re-parsed.
    std::string body = "{\"app_id\":" + boost::json::serialize(boost::json::string(app->app_id)) +
                       ",\"guides\":[";
    bool first = true;
    for (const GuideVersion& v : guides.published(app->app_id)) {
      if (!first) body += ",";
      first = false;
      body += v.guide_json;
    }
    body += "]}";
    std::string etag = strong_etag(body);
    http::Response r;
    if (auto inm = request.header("If-None-Match"); inm && etag_matches(*inm, etag)) {
      r.status = 304;
    } else {
      r.body = std::move(body);
      r.set_header("Content-Type", "application/json");
    }
    r.set_header("ETag", etag);
    r.set_header("Cache-Control", "no-cache");
    admin::apply_cors(request, app->origins, r);
    return r;
  });
}

}  // namespace cairn::guides
