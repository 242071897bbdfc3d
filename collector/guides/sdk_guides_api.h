// GET /v1/guides: the published guides of the app whose write key the request
// carries, for the SDK.
//
//   200 {"app_id": "...", "guides": [<guide JSON>, ...]}   newest version of each
//   200 the same guides packed (guide/guide_pack.h) when Accept lists
//       guide::kPackMediaType, with its own ETag (guides/packed_guides.h)
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

namespace cairn::guides {

void add_sdk_guides_routes(http::Router& router, admin::AppDirectory& apps, GuideStore& guides,
                           metrics::Registry& registry);

// True when an If-None-Match header value matches `etag` (a list, weak
// validators and "*" included). With `strong`, as If-Match compares, a weak
// validator (W/"...") never matches.
bool etag_matches(std::string_view if_none_match, std::string_view etag, bool strong = false);

// True when an Accept header value lists `media_type` (case-insensitive,
// parameters ignored) with a q other than 0. Wildcards do not count: the JSON
// form stays the answer for "*/*" and for no Accept at all.
bool accepts_media_type(std::string_view accept, std::string_view media_type);

}  // namespace cairn::guides
