#include "admin/guide_pack_route.h"

#include "admin/app_route.h"
#include "admin/json_body.h"
#include "guide/guide_codec.h"
#include "guide/guide_pack.h"
#include "guides/guide_validation.h"

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
  http::Response r;
  r.body = guide::pack_guides(std::span<const guide::Guide>(&*guide, 1));
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
