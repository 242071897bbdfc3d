// The routes of the primary/follower metadata mode (docs/operations.md,
// "Running several collectors").
//
// GET /internal/metadata (every collector): the metadata snapshot
// (cluster/metadata_snapshot.h) for followers, authenticated by the shared
// cluster secret in "Authorization: Bearer <secret>", compared in constant
// time. 404 when no secret is configured (the mode is off by default), 401
// for a missing or wrong secret, 304 when If-None-Match matches the ETag (a
// follower's poll of an unchanged snapshot costs no body and no apply).
//
// On a follower, add_follower_refusals() answers everything that needs the
// primary's accounts or writes its metadata — /api/*, /editor/, /dashboard/
// and /v1/editor/* — with 409 follower_read_only naming the primary.
//
// Threading: handlers are thread-safe.
#pragma once

#include "admin/app_directory.h"
#include "admin/database.h"
#include "guides/guide_store.h"
#include "http/router.h"

#include <string>

namespace cairn::cluster {

void add_metadata_route(http::Router& router, admin::Database& db, admin::AppDirectory& apps,
                        guides::GuideStore& guides, std::string cluster_secret);

void add_follower_refusals(http::Router& router, const std::string& primary_url);

// The error a follower answers for admin work, naming the primary; shared by
// the routes and the CLI (create-app, create-admin).
std::string follower_refusal_message(const std::string& primary_url);

}  // namespace cairn::cluster
