// DELETE /api/apps/{app_id}/people/{user_key} (permission manage_apps): erases
// one person — every stored event of the user key and of the ids linked to it,
// the links themselves — for a GDPR/CCPA erasure request (docs/api.md,
// "Erasing a person"; which ids: store/person_erasure.h).
//
// The route waits for the store's erasure (one SQLite transaction on the
// writer thread, after every batch submitted before it), then for
// `forget_derived` (the analytics index, the catalog, the ClickHouse copy)
// before it answers, so no query asked after the answer counts the person.
//
// Threading: the route runs on the query pool (http/pooled_route.h), which it
// blocks for the erasure's duration.
#pragma once

#include "admin/app_directory.h"
#include "auth/authenticator.h"
#include "http/router.h"
#include "http/work_pool.h"
#include "store/event_store.h"

#include <functional>
#include <string>

namespace cairn::people {

// Makes everything derived from the events forget what `outcome` erased from
// app `app_id`; "" or why some copy still holds the person (the answer is
// then 503 erasure_incomplete, and the SQLite erasure stays done).
using ForgetDerived = std::function<std::string(const std::string& app_id, const store::ErasureOutcome& outcome)>;

// Every argument must outlive the router.
void add_person_erasure_route(http::Router& router, admin::AppDirectory& apps, auth::Authenticator& authenticator,
                              store::EventStore& store, http::WorkPool& pool, ForgetDerived forget_derived);

}  // namespace cairn::people
