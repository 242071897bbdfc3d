#include "admin/guide_pack_route.h"

#include "admin/app_route.h"
#include "admin/json_body.h"
#include "guide/guide_codec.h"
#include "guide/guide_pack.h"
#include "guides/guide_validation.h"
#include "guides/sdk_guides_api.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>

namespace cairn::admin {

namespace {

http::Response pack_one(const http::Request& request) {
  auto body = parse_body(request, guides::kMaxGuideBytes, guides::kMaxGuideDepth);
  if (http::Response* r = std::get_if<http::Response>(&body)) return std::move(*r);
  json::Problems problems;
  std::optional<guide::Guide> guide = guide::parse_guide(std::get<boost::json::value>(body), "", problems);
  if (!guide) {
    return http::error_response(422, "invalid_guide", "the guide cannot be packed: " + problems.summary(),
                                problems.to_json());
  }
  // The version the app's SDK reads, as GET /v1/guides asks it; the newest
  // when Accept does not name the packed form (a tool, curl).
  auto accept = request.header("Accept");
  std::optional<std::uint8_t> asked = accept ? guides::packed_version_asked(*accept) : std::nullopt;
  const std::uint8_t version = asked.value_or(guide::kPackVersion);
  if (!guide::packable(*guide, version)) {
    // Packing it anyway would preview another guide than the one published
    // to newer SDKs: the author learns why, and what to do.
    json::Problems why;
    why.add("/audience", "this app's SDK reads packed guides version " + std::to_string(version) +
                             "; update it to preview audiences that ask whether a guide runs");
    return http::error_response(422, "not_packable", "the guide cannot be packed for this SDK: " + why.summary(),
                                why.to_json());
  }
  http::Response r;
  r.body = guide::pack_guides(std::span<const guide::Guide>(&*guide, 1), version);
  r.set_header("Content-Type", std::string(guide::kPackMediaType));
  return r;
}

}  // namespace

void add_guide_pack_route(http::Router& router, AppDirectory& apps, auth::Authenticator& authenticator) {
  router.add_sync("POST", "/api/apps/{app_id}/guides/pack", [&apps, &authenticator](const http::Request& request) {
    return answer_for_app(request, apps, authenticator, auth::Permission::edit_guides,
                          [](const http::Request& r, const std::string&, const auth::Principal&) {
                            return pack_one(r);
                          });
  });
}

}  // namespace cairn::admin
