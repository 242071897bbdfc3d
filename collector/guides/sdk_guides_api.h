// GET /v1/guides: the published guides of the app whose write key the request
// carries, for the SDK.
//
//   200 {"app_id": "...", "guides": [<guide JSON>, ...]}   newest version of each
//   200 the same guides packed (guide/guide_pack.h) when Accept lists
//       guide::kPackMediaType, in the version its `v` parameter asks for
//       (packed_version_asked), with its own ETag (guides/packed_guides.h)
//   304 when If-None-Match matches the ETag (the SDK polls cheaply)
//   401 without a valid write key (with CORS headers for an origin some app
//       allows, admin/sdk_access.h, so the SDK can read why)
// Cache-Control is "no-cache": browsers may keep the answer but must
// revalidate, so a publish reaches users on their next page load and costs a
// 304 otherwise. Vary: Accept, Origin. CORS headers only for the app's
// allowed origins.
//
// Threading: the handler is thread-safe.
#pragma once

#include "admin/app_directory.h"
#include "guides/guide_store.h"
#include "http/router.h"
#include "metrics/metrics.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace cairn::guides {

void add_sdk_guides_routes(http::Router& router, admin::AppDirectory& apps, GuideStore& guides,
                           metrics::Registry& registry);

// True when an If-None-Match header value matches `etag` (a list, weak
// validators and "*" included). With `strong`, as If-Match compares, a weak
// validator (W/"...") never matches.
bool etag_matches(std::string_view if_none_match, std::string_view etag, bool strong = false);

// The packed form's version to answer an Accept header with, or nullopt when
// it does not ask for the packed form: Accept must list
// guide::kPackMediaType (case-insensitive) with a q other than 0; wildcards
// do not count, so the JSON form stays the answer for "*/*" and for no Accept
// at all. The version is
// the range's `v` parameter, the newest the SDK reads: none (SDKs before
// version 2 sent none) or one that is not a number is 1, one above
// guide::kPackVersion is kPackVersion (a newer SDK reads older versions).
std::optional<std::uint8_t> packed_version_asked(std::string_view accept);

}  // namespace cairn::guides
