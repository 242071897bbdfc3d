#include "guides/sdk_guides_api.h"

#include "admin/sdk_access.h"
#include "crypto/tokens.h"
#include "guide/guide_pack.h"
#include "guides/packed_guides.h"
#include "http/server.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <cctype>
#include <memory>

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

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Calls `visit` with each of a media range's parameters ("v=2" of "; v=2; q=1"),
// trimmed, until it returns true.
template <class Visit>
void each_parameter(std::string_view parameters, Visit visit) {
  while (!parameters.empty()) {
    std::size_t semicolon = parameters.find(';');
    std::string_view parameter = trim(parameters.substr(0, semicolon));
    parameters = semicolon == std::string_view::npos ? std::string_view() : parameters.substr(semicolon + 1);
    if (visit(parameter)) return;
  }
}

// True when `parameter` is `name`=... (the name in either case) with at least
// `min_value` characters of value.
bool is_parameter(std::string_view parameter, char name, std::size_t min_value) {
  return parameter.size() >= 2 + min_value && std::tolower(static_cast<unsigned char>(parameter[0])) == name &&
         parameter[1] == '=';
}

// True for a media range's parameters that say q=0 (not acceptable).
bool refused_by_q(std::string_view parameters) {
  bool refused = false;
  each_parameter(parameters, [&](std::string_view parameter) {
    if (!is_parameter(parameter, 'q', 0)) return false;
    refused = parameter.substr(2).find_first_not_of("0.") == std::string_view::npos;  // "0", "0.0", "0.000"
    return true;
  });
  return refused;
}

// The parameters ("; v=2; q=1", maybe empty) of the first range of `accept`
// that names `media_type` without q=0; nullopt when none does.
std::optional<std::string_view> accepted_parameters(std::string_view accept, std::string_view media_type) {
  while (!accept.empty()) {
    std::size_t comma = accept.find(',');
    std::string_view range = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    std::size_t semicolon = range.find(';');
    std::string_view type = trim(range.substr(0, semicolon));
    if (!equals_ignoring_case(type, media_type)) continue;
    std::string_view parameters = semicolon == std::string_view::npos ? std::string_view() : range.substr(semicolon + 1);
    if (!refused_by_q(parameters)) return parameters;
  }
  return std::nullopt;
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

std::optional<std::uint8_t> packed_version_asked(std::string_view accept) {
  std::optional<std::string_view> parameters = accepted_parameters(accept, guide::kPackMediaType);
  if (!parameters) return std::nullopt;
  std::uint8_t version = 1;
  each_parameter(*parameters, [&](std::string_view parameter) {
    if (!is_parameter(parameter, 'v', 1)) return false;
    std::string_view digits = parameter.substr(2);
    if (digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string_view::npos) return true;
    int asked = 0;
    for (char d : digits) asked = asked * 10 + (d - '0');
    if (asked >= 1) version = static_cast<std::uint8_t>(std::min<int>(asked, guide::kPackVersion));
    return true;
  });
  return version;
}

void add_sdk_guides_routes(http::Router& router, admin::AppDirectory& apps, GuideStore& guides,
                           metrics::Registry& registry) {
  router.add_sync("OPTIONS", "/v1/guides",
                  [&apps](const http::Request& request) { return admin::cors_preflight(request, apps); });
  metrics::Counter& refused = registry.counter(
      "cairn_published_guides_refused_total",
      "Published guides left out of the SDK's packed guides because the guide codec refuses them now, "
      "counted each time an app's guides are packed");
  auto packed_cache = std::make_shared<PackedGuidesCache>(
      PackedGuidesCache::kMaxBytes,
      [&refused](const std::string& app_id, const GuideVersion& v, const json::Problems& problems) {
        refused.increment();
        namespace bj = boost::json;
        http::log_line(http::LogLevel::warn, "published guide not served: the guide codec refuses it",
                       "\"app_id\":" + bj::serialize(bj::string(app_id)) +
                           ",\"guide_id\":" + bj::serialize(bj::string(v.guide_id)) +
                           ",\"version\":" + std::to_string(v.version) +
                           ",\"problems\":" + bj::serialize(bj::string(problems.summary())));
      },
      [](const std::string& app_id, std::uint8_t pack_version, std::size_t bytes) {
        http::log_line(http::LogLevel::warn, "packed guides larger than the packed cache: kept apart",
                       "\"app_id\":" + boost::json::serialize(boost::json::string(app_id)) +
                           ",\"pack_version\":" + std::to_string(pack_version) +
                           ",\"bytes\":" + std::to_string(bytes) +
                           ",\"limit\":" + std::to_string(PackedGuidesCache::kMaxBytes));
      });
  router.add_sync("GET", "/v1/guides", [&apps, &guides, packed_cache](const http::Request& request) {
    // Readable by an origin the preflight allowed (admin/sdk_access.h), so the
    // SDK reports the key problem rather than the browser a CORS error.
    auto refuse = [&](std::string_view code, std::string_view message) {
      http::Response r = http::error_response(401, code, message);
      admin::apply_cors_before_app(
          request, [&apps](const std::string& origin) { return apps.any_app_allows_origin(origin); }, r);
      return r;
    };
    std::optional<std::string> key = admin::write_key_from(request);
    if (!key) return refuse("missing_write_key", "send the app's write key in X-Cairn-Write-Key");
    std::optional<admin::ResolvedKey> app = apps.resolve_write_key(*key);
    if (!app) return refuse("invalid_write_key", "unknown or revoked write key");
    // The stored versions are our own serialized JSON: spliced, not re-parsed.
    std::string body = "{\"app_id\":" + boost::json::serialize(boost::json::string(app->app_id)) +
                       ",\"guides\":[";
    bool first = true;
    std::vector<GuideVersion> published = guides.published(app->app_id);
    for (const GuideVersion& v : published) {
      if (!first) body += ",";
      first = false;
      body += v.guide_json;
    }
    body += "]}";
    std::string etag = strong_etag(body);
    // The packed form (guides/packed_guides.h) when the SDK asks for it.
    auto accept = request.header("Accept");
    const std::optional<std::uint8_t> packed = accept ? packed_version_asked(*accept) : std::nullopt;
    std::string answer_etag = packed ? packed_etag(etag, *packed) : etag;
    http::Response r;
    if (auto inm = request.header("If-None-Match"); inm && etag_matches(*inm, answer_etag)) {
      r.status = 304;
    } else if (packed) {
      r.body = *packed_cache->packed(app->app_id, etag, published, *packed);
      r.set_header("Content-Type", std::string(guide::kPackMediaType));
    } else {
      r.body = std::move(body);
      r.set_header("Content-Type", "application/json");
    }
    r.set_header("ETag", answer_etag);
    r.set_header("Cache-Control", "no-cache");
    admin::apply_cors(request, app->origins, r);
    r.set_header("Vary", "Accept, Origin");  // Both forms share the URL.
    return r;
  });
}

}  // namespace cairn::guides
