#include "people/person_erasure_route.h"

#include "admin/app_route.h"
#include "http/pooled_route.h"

#include <boost/json/object.hpp>

#include <future>
#include <utility>

namespace cairn::people {

namespace {

boost::json::object counts_json(const store::ErasedPerson& erased) {
  return {{"user_keys", erased.user_keys}, {"events", erased.events}, {"identity_links", erased.identity_links}};
}

http::Response erase(store::EventStore& store, const ForgetDerived& forget_derived, const std::string& app_id,
                     const std::string& user_key) {
  std::promise<store::ErasureOutcome> promise;
  std::future<store::ErasureOutcome> future = promise.get_future();
  const store::Submit submitted =
      store.erase_person(app_id, user_key, [&promise](const store::ErasureOutcome& o) { promise.set_value(o); });
  if (submitted != store::Submit::queued) {
    return http::error_response(503, "store_closing", "the collector is stopping; nothing was erased");
  }
  // The writer answers every queued erasure, also while closing.
  const store::ErasureOutcome outcome = future.get();
  if (!outcome.ok) return http::error_response(500, "erasure_failed", "nothing was erased: " + outcome.error);
  if (std::string error = forget_derived ? forget_derived(app_id, outcome) : ""; !error.empty()) {
    return http::error_response(503, "erasure_incomplete",
                                "the events were erased from the collector's database, but " + error +
                                    "; repeat the request to finish");
  }
  return http::json_response(boost::json::object{{"erased", counts_json(outcome.erased)}});
}

}  // namespace

void add_person_erasure_route(http::Router& router, admin::AppDirectory& apps, auth::Authenticator& authenticator,
                              store::EventStore& store, http::WorkPool& pool, ForgetDerived forget_derived) {
  http::add_pooled(router, "DELETE", "/api/apps/{app_id}/people/{user_key}", pool,
                   [&apps, &authenticator, &store, forget = std::move(forget_derived)](const http::Request& request) {
                     return admin::answer_for_app(
                         request, apps, authenticator, auth::Permission::manage_apps,
                         [&store, &forget](const http::Request& r, const std::string& app_id, const auth::Principal&) {
                           return erase(store, forget, app_id, std::string(r.path_param("user_key")));
                         });
                   });
}

}  // namespace cairn::people
