#include "service.h"

#include "admin/admin_api.h"
#include "admin/guide_pack_route.h"
#include "admin/schema.h"
#include "admin/sdk_access.h"
#include "auth/password.h"
#include "clock/wall_clock.h"
#include "cluster/cluster_routes.h"
#include "editor_bridge/editor_bridge_routes.h"
#include "editor_bridge/editor_secret.h"
#include "guides/sdk_guides_api.h"
#include "people/people_routes.h"
#include "saved_funnels/saved_funnel_routes.h"
#include "static/static_files.h"
#include "store/database_files.h"

#include <boost/json/object.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace cairn {

namespace {

// mkdir -p with mode 0700: the directory holds the database with password
// hashes, so only the service's user may read it.
std::string make_directories(const std::string& path) {
  std::string partial;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || (path[i] == '/' && i > 0)) {
      partial = path.substr(0, i);
      if (mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
        return "cannot create directory " + partial + ": " + std::strerror(errno);
      }
    }
  }
  return "";
}

// Logins, password changes and account creations waiting for a hashing
// thread beyond this are answered 503 busy (each waits at most
// kMaxQueuedHashes / kMaxConcurrentHashes hashing times).
constexpr std::size_t kMaxQueuedHashes = 32;

}  // namespace

Service::Service(config::Config config) : config_(std::move(config)) {}
Service::~Service() = default;

std::string Service::open() {
  if (!auth::init_crypto()) return "libsodium could not be initialised";
  if (std::string error = make_directories(config_.data_dir); !error.empty()) return error;
  db_ = std::make_unique<admin::Database>(config_.sqlite_path());
  if (!db_->valid()) return "cannot open database " + config_.sqlite_path() + ": " + db_->error();
  if (std::string error = admin::migrate_admin_schema(db_->handle()); !error.empty()) {
    return "cannot use the database " + config_.sqlite_path() + ": " + error;
  }
  apps_ = std::make_unique<admin::AppDirectory>(*db_);
  accounts_ = std::make_unique<auth::AccountStore>(*db_);
  sessions_ = std::make_unique<auth::SessionStore>(*db_);
  authenticator_ =
      std::make_unique<auth::Authenticator>(*accounts_, *sessions_, config_.public_origin);
  login_limiter_ = std::make_unique<auth::LoginLimiter>();
  guides_ = std::make_unique<guides::GuideStore>(*db_);
  published_checks_ = std::make_unique<guides::PublishedGuideChecks>(*guides_);
  hashing_pool_ = std::make_unique<http::WorkPool>(auth::kMaxConcurrentHashes, kMaxQueuedHashes);
  query_pool_ = std::make_unique<http::WorkPool>(config_.query_threads,
                                                 static_cast<std::size_t>(config_.query_queue));
  return "";
}

void Service::refuse_queued_work() {
  if (hashing_pool_) hashing_pool_->refuse_queued();
  if (query_pool_) query_pool_->refuse_queued();
}

void Service::drain() {
  if (follower_) follower_->stop();
  if (hashing_pool_) hashing_pool_->drain();
  if (query_pool_) query_pool_->drain();
}

std::string Service::add_routes(http::Router& router, metrics::Registry& registry) {
  router.add_sync("GET", "/healthz", [this](const http::Request&) {
    admin::Statement ping(db_->handle(), "SELECT 1");
    if (!ping.step()) {
      return http::error_response(503, "unhealthy", "the database does not answer");
    }
    boost::json::object health{{"status", "ok"}};
    int status = 200;
    // A follower that cannot reach its primary still serves its last
    // snapshot, so it stays healthy; the detail says how stale it is. One
    // that never had a snapshot would refuse every write key: 503 keeps the
    // load balancer away until its first sync.
    if (follower_) {
      cluster::FollowerStatus s = follower_->status();
      if (!s.ready) {
        health["status"] = "not_synced";
        status = 503;
      }
      health["follower"] = boost::json::object{{"primary", config_.follow_url},
                                               {"last_success_ms", s.last_success_ms},
                                               {"consecutive_failures", s.consecutive_failures},
                                               {"last_error", s.last_error}};
    }
    // Reads work while a full disk fails every write: ingest answers 503
    // store_unavailable then, and so does the health check, with SQLite's
    // reason, until a write succeeds again (the store probes by itself).
    if (write_health_) {
      store::WriteHealth w = write_health_();
      if (!w.writable) {
        health["status"] = "store_unavailable";
        status = 503;
        health["store"] = boost::json::object{
            {"writable", false}, {"error", w.error}, {"failing_since_ms", w.failing_since_ms}};
      }
    }
    http::Response r = http::json_response(health, status);
    r.set_header("Cache-Control", "no-store");
    return r;
  });
  // Measured at each scrape: an operator alerts before the disk fills.
  metrics::Gauge& database_bytes =
      registry.gauge("cairn_store_database_bytes", "Size of the SQLite database file (cairn.db)");
  metrics::Gauge& wal_bytes = registry.gauge("cairn_store_wal_bytes", "Size of the SQLite -wal file beside it");
  metrics::Gauge& available_bytes = registry.gauge(
      "cairn_store_disk_available_bytes", "Bytes left for the collector on the file system holding the database");
  router.add_sync("GET", "/metrics", [&registry, &database_bytes, &wal_bytes, &available_bytes,
                                      path = config_.sqlite_path()](const http::Request&) {
    const store::DatabaseFiles files = store::measure_database_files(path);
    database_bytes.set(files.database_bytes);
    wal_bytes.set(files.wal_bytes);
    available_bytes.set(files.available_bytes);
    http::Response r;
    r.body = registry.render_prometheus();
    r.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.set_header("Cache-Control", "no-store");
    return r;
  });

  guides::add_sdk_guides_routes(router, *apps_, *guides_, registry);
  // CORS preflight for every SDK endpoint, ingest included (a preflight
  // carries no key; see admin/sdk_access.h).
  router.add_sync("OPTIONS", "/v1/*", [this](const http::Request& request) {
    return admin::cors_preflight(request, *apps_);
  });
  cluster::add_metadata_route(router, *db_, *apps_, *guides_, config_.cluster_secret);
  if (following()) {
    // A follower serves only the SDK-facing routes; the admin API, editor and
    // dashboard answer 409 naming the primary (cluster/cluster_routes.h).
    cluster::add_follower_refusals(router, config_.follow_url);
    follower_ = std::make_unique<cluster::Follower>(
        cluster::FollowerOptions{config_.follow_url, config_.cluster_secret,
                                 std::chrono::milliseconds(config_.follow_interval_ms)},
        *db_, *apps_, registry);
    follower_->start();
  } else {
    admin::add_admin_routes(router, admin::AdminDeps{*db_, *apps_, *accounts_, *sessions_,
                                                     *authenticator_, *login_limiter_, *guides_, *published_checks_,
                                                     *hashing_pool_});
    admin::add_guide_pack_route(router, *apps_, *authenticator_);
    people::add_people_routes(router, *db_, *apps_, *authenticator_, *query_pool_);
    saved_funnels::add_saved_funnel_routes(router, *db_, *apps_, *authenticator_);
    std::optional<editor_bridge::EditorSecret> editor_secret =
        editor_bridge::load_or_create_editor_secret(*db_, wall_clock_ms());
    if (!editor_secret) return "cannot create the editor-token key: " + db_->error();
    editor_bridge::add_editor_bridge_routes(
        router, editor_bridge::EditorBridgeDeps{*apps_, *accounts_, *authenticator_, *editor_secret,
                                                config_.public_origin});
  }

  struct Mount {
    const char* prefix;
    const std::string& dir;
    const char* cache_control;
    static_files::Sharing sharing;
    bool primary_only;  // The editor and dashboard are refused on a follower.
    const char* option;  // Named in the start-up error.
  };
  // The SDK is cached briefly (its name carries no version); the editor and
  // dashboard revalidate every time so a deploy is seen at once. Only the SDK
  // is loaded by other sites' pages.
  using static_files::Sharing;
  const Mount mounts[] = {
      {"/sdk", config_.sdk_dir, "public, max-age=300", Sharing::cross_origin, false, "--sdk-dir"},
      {"/editor", config_.editor_dir, "no-cache", Sharing::same_origin, true, "--editor-dir"},
      {"/dashboard", config_.dashboard_dir, "no-cache", Sharing::same_origin, true, "--dashboard-dir"}};
  for (const Mount& m : mounts) {
    if (m.dir.empty() || (m.primary_only && following())) continue;
    std::string error = static_files::add_static_routes(router, m.prefix, m.dir, m.cache_control,
                                                        m.sharing);
    if (!error.empty()) return std::string(m.option) + ": " + error;
  }
  return "";
}

}  // namespace cairn
