// Optimistic concurrency for the admin API's guide edits.
//
// A guide's revision (GuideRecord::revision) is shown as the strong ETag
// "\"<revision>\"" and as the "revision" field. Draft saves, publish and
// rollback must send it back in If-Match; the route checks it against the
// stored revision and passes that revision to the GuideStore, whose write only
// happens while the guide is still there (docs/api.md#editing-a-guide-together).
//
//   no If-Match            → 428 precondition_required
//   If-Match names another → 409 edit_conflict, with who saved the current
//                            revision and when, so the editor can say so
//   If-Match: *            → any revision (a deliberate overwrite)
//
// Threading: pure functions.
#pragma once

#include "guides/guide_store.h"
#include "http/response.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::guides {

// "\"7\"" for revision 7.
std::string revision_etag(std::int64_t revision);

enum class Precondition { met, missing, stale };

// Where a request's If-Match header stands against `current_revision`. A list
// of tags matches when one of them does; weak tags (W/"7") never match, as
// If-Match compares strongly.
Precondition check_if_match(std::optional<std::string_view> if_match, std::int64_t current_revision);

// 428: the request did not say which revision it was based on.
http::Response precondition_required();

// 409 edit_conflict; the error carries "current": {"revision", "updated_at_ms",
// "updated_by", "updated_by_email"} describing the change that came first.
// `updated_by_email` may be empty when the account is gone.
http::Response edit_conflict(const GuideRecord& current, std::string_view updated_by_email);

}  // namespace cairn::guides
