// Service: the parts of cairn-collector that live for the whole process — the
// database, app directory, accounts, sessions, guides — and the routes they
// serve (/healthz, /metrics, /v1/guides, /api/..., static files). main()
// builds one, adds its routes to the router and, for the ingest endpoints,
// hands apps() to the ingest half.
//
// Threading: construct and open() on one thread; afterwards every accessor
// and route handler is thread-safe.
#pragma once

#include "admin/app_directory.h"
#include "admin/database.h"
#include "auth/account_store.h"
#include "auth/authenticator.h"
#include "auth/login_limiter.h"
#include "auth/session_store.h"
#include "cluster/follower.h"
#include "config/config.h"
#include "guides/guide_store.h"
#include "guides/published_guide_checks.h"
#include "http/router.h"
#include "http/work_pool.h"
#include "metrics/metrics.h"
#include "store/event_store.h"

#include <functional>
#include <memory>
#include <string>

namespace cairn {

class Service {
 public:
  explicit Service(config::Config config);
  ~Service();

  // Creates the data directory, opens the database and creates the admin
  // tables. Returns "" or why the service cannot start.
  std::string open();

  // Adds every route this half of the collector serves. Returns "" or why a
  // configured static directory cannot be served.
  std::string add_routes(http::Router& router, metrics::Registry& registry);

  const config::Config& config() const { return config_; }
  admin::Database& database() { return *db_; }
  admin::AppDirectory& apps() { return *apps_; }
  auth::AccountStore& accounts() { return *accounts_; }
  auth::SessionStore& sessions() { return *sessions_; }
  guides::GuideStore& guides() { return *guides_; }
  // What the admin API remembers of published guides; forget an app's when it is deleted.
  guides::PublishedGuideChecks& published_guide_checks() { return *published_checks_; }
  auth::Authenticator& authenticator() { return *authenticator_; }
  // True with --follow: metadata comes from the primary, admin work is refused.
  bool following() const { return !config_.follow_url.empty(); }
  // With --follow, after add_routes(); else nullptr.
  cluster::Follower* follower() { return follower_.get(); }
  // Runs the slow read-only routes (analytics, catalog, people) and the
  // start-up warm-up off the I/O threads (--query-threads, --query-queue).
  http::WorkPool& query_pool() { return *query_pool_; }

  // How /healthz learns whether the event store can write (EventStore::
  // write_health): unwritable answers 503 store_unavailable with the reason.
  // Set once, before the server starts; unset, /healthz checks reads only.
  void set_write_health(std::function<store::WriteHealth()> write_health) {
    write_health_ = std::move(write_health);
  }

  // At the end of the server's shutdown grace (ServerOptions::on_grace_expired):
  // the logins, password changes, account creations and queries still
  // waiting for a thread are answered 503 shutting_down now, while their
  // connections can still take the answer; the running ones go on.
  void refuse_queued_work();

  // Finishes background work (queued logins and queries). Call after the server stopped,
  // before it is destroyed.
  void drain();

 private:
  config::Config config_;
  std::unique_ptr<admin::Database> db_;
  std::unique_ptr<admin::AppDirectory> apps_;
  std::unique_ptr<auth::AccountStore> accounts_;
  std::unique_ptr<auth::SessionStore> sessions_;
  std::unique_ptr<auth::Authenticator> authenticator_;
  std::unique_ptr<auth::LoginLimiter> login_limiter_;
  std::unique_ptr<guides::GuideStore> guides_;
  std::unique_ptr<guides::PublishedGuideChecks> published_checks_;
  std::unique_ptr<http::WorkPool> hashing_pool_;
  std::unique_ptr<http::WorkPool> query_pool_;
  std::function<store::WriteHealth()> write_health_;
  // Declared last: stopped and destroyed before the database it writes.
  std::unique_ptr<cluster::Follower> follower_;
};

}  // namespace cairn
