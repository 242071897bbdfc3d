#include "guides/guide_revision.h"

#include "guides/sdk_guides_api.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace cairn::guides {

std::string revision_etag(std::int64_t revision) { return "\"" + std::to_string(revision) + "\""; }

Precondition check_if_match(std::optional<std::string_view> if_match, std::int64_t current_revision) {
  if (!if_match) return Precondition::missing;
  return etag_matches(*if_match, revision_etag(current_revision), /*strong=*/true)
             ? Precondition::met
             : Precondition::stale;
}

http::Response precondition_required() {
  return http::error_response(
      428, "precondition_required",
      "send the guide's revision in If-Match (the ETag of GET .../guides/{guide_id}), or "
      "If-Match: * to overwrite whatever is there");
}

http::Response edit_conflict(const GuideRecord& current, std::string_view updated_by_email) {
  // The common error shape (http::error_response) plus what came first.
  boost::json::object error{
      {"code", "edit_conflict"},
      {"message", "the guide changed since you loaded it (now revision " +
                      std::to_string(current.revision) +
                      "); reload it, or send If-Match with the new revision to overwrite"},
      {"problems", boost::json::array()},
      {"current", boost::json::object{{"revision", current.revision},
                                      {"updated_at_ms", current.updated_at_ms},
                                      {"updated_by", current.updated_by},
                                      {"updated_by_email", updated_by_email}}}};
  http::Response r = http::json_response(boost::json::object{{"error", std::move(error)}}, 409);
  r.set_header("Cache-Control", "no-store");
  r.set_header("ETag", revision_etag(current.revision));
  return r;
}

}  // namespace cairn::guides
