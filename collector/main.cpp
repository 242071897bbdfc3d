// cairn-collector: the entry point. Parses the configuration (exit 2 on a bad
// value), then runs one of the subcommands:
//   serve         the HTTP service until SIGTERM/SIGINT, exit 0 after draining
//   create-admin  an admin account with a generated password, printed once
//   create-app    an app and its first write key, printed once
//   reset-password  a new generated password for an existing account, printed
//                 once; its sessions end
#include "analytics_api/analytics_routes.h"
#include "analytics_api/analytics_service.h"
#include "analytics_api/app_engines.h"
#include "analytics_api/warm_up.h"
#include "auth/password.h"
#include "catalog/catalog_follower.h"
#include "catalog/catalog_routes.h"
#include "checkpoint/wal_checkpointer.h"
#include "cluster/cluster_routes.h"
#include "config/config.h"
#include "http/log_throttle.h"
#include "http/router.h"
#include "http/server.h"
#include "metrics/metrics.h"
#include "service.h"

#ifdef CAIRN_HAVE_INGEST
#include "admin/app_deletion_route.h"
#include "clock/wall_clock.h"
#include "cluster/erasure_replay.h"
#include "ingest/ingestor.h"
#include "ingest/write_key_resolver.h"
#include "people/person_erasure_route.h"
#include "store/event_store.h"
#include "store/recent_apps.h"
#endif

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

extern char** environ;

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitFailure = 1;

cairn::config::Environment read_environment() {
  cairn::config::Environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    if (entry.rfind("CAIRN_", 0) != 0) continue;
    std::size_t eq = entry.find('=');
    if (eq == std::string::npos) continue;
    env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int create_admin(cairn::Service& service) {
  std::string password = cairn::auth::generate_password();
  std::optional<std::string> hash = cairn::auth::hash_password(password);
  if (!hash) {
    std::cerr << "cairn-collector: could not hash the password (out of memory)\n";
    return kExitFailure;
  }
  cairn::auth::Account account;
  switch (service.accounts().create(service.config().email, *hash, cairn::auth::Role::admin,
                                    cairn::wall_clock_ms(), &account)) {
    case cairn::auth::CreateAccountError::email_taken:
      std::cerr << "cairn-collector: an account with email " << service.config().email
                << " already exists\n";
      return kExitFailure;
    case cairn::auth::CreateAccountError::storage:
      std::cerr << "cairn-collector: could not store the account: " << service.database().error()
                << "\n";
      return kExitFailure;
    case cairn::auth::CreateAccountError::none: break;
  }
  std::cout << "account_id " << account.id << "\n"
            << "email " << account.email << "\n"
            << "password " << password << "\n";
  std::cerr << "Store this password now: it is shown only once.\n";
  return 0;
}

// The way back in when a password is lost (the only admin's included): the
// operator, who can read the data dir, gives the account a new password. The
// old one stops working at once and every session of the account ends, so a
// reset also locks out whoever stole the password or a session.
int reset_password(cairn::Service& service) {
  const std::string& email = service.config().email;
  std::optional<cairn::auth::Account> account = service.accounts().find_by_email(email, nullptr);
  if (!account) {
    std::cerr << "cairn-collector: no account has the email " << email << " in "
              << service.config().sqlite_path() << "\n";
    return kExitFailure;
  }
  std::string password = cairn::auth::generate_password();
  std::optional<std::string> hash = cairn::auth::hash_password(password);
  if (!hash) {
    std::cerr << "cairn-collector: could not hash the password (out of memory)\n";
    return kExitFailure;
  }
  if (!service.accounts().set_password_hash(account->id, *hash)) {
    std::cerr << "cairn-collector: could not store the password: " << service.database().error() << "\n";
    return kExitFailure;
  }
  service.sessions().revoke_all(account->id);
  std::cout << "account_id " << account->id << "\n"
            << "email " << account->email << "\n"
            << "password " << password << "\n";
  std::cerr << "Store this password now: it is shown only once. The account's sessions have ended.\n";
  if (account->disabled) {
    std::cerr << "The account is disabled: an admin must enable it before it can log in.\n";
  }
  return 0;
}

int create_app(cairn::Service& service) {
  const cairn::config::Config& c = service.config();
  std::optional<cairn::admin::App> app = service.apps().create_app(c.app_name, c.origins, cairn::wall_clock_ms());
  if (!app) {
    std::cerr << "cairn-collector: could not create the app: " << service.database().error() << "\n";
    return kExitFailure;
  }
  std::optional<cairn::admin::NewWriteKey> key = service.apps().create_write_key(app->id, cairn::wall_clock_ms());
  if (!key) {
    std::cerr << "cairn-collector: could not create a write key\n";
    return kExitFailure;
  }
  std::cout << "app_id " << app->id << "\n"
            << "write_key_id " << key->info.id << "\n"
            << "write_key " << key->key << "\n";
  return 0;
}

// Builds every app's analytics index (in-memory engines only: ClickHouse
// needs none) and catalog in the background, while the server already answers;
// the apps with the newest events first (warm_up_order).
void warm_up(cairn::Service& service, const std::string& sqlite_path,
             cairn::analytics_api::AnalyticsService& analytics,
             const std::shared_ptr<cairn::catalog::CatalogCache>& catalog,
             cairn::metrics::Registry& registry) {
  std::vector<std::string> app_ids;
  for (const cairn::admin::App& app : service.apps().list_apps()) app_ids.push_back(app.id);
  app_ids = cairn::analytics_api::warm_up_order(app_ids, cairn::store::apps_by_recent_activity(sqlite_path));
  std::vector<cairn::analytics_api::Warmer> warmers;
  if (auto engines = std::dynamic_pointer_cast<cairn::analytics_api::AppEngines>(analytics.backend())) {
    warmers.push_back({"analytics",
                       [engines](const std::string& app_id, std::string* error) {
                         return engines->warm(app_id, error);
                       },
                       [engines] { return engines->warm_up_full(); }});
  }
  warmers.push_back({"catalog", [catalog](const std::string& app_id, std::string* error) {
                       return catalog->current(app_id, error) != nullptr;
                     }});
  cairn::analytics_api::start_warm_up(service.query_pool(), app_ids, std::move(warmers), registry);
}

int serve(cairn::Service& service) {
  const cairn::config::Config& c = service.config();
  cairn::metrics::Registry registry;
  // Which build runs, and since when: a restart or an upgrade shows on every dashboard.
  registry.gauge("cairn_build_info", "Always 1; the running collector's version", {{"version", CAIRN_VERSION}}).set(1);
  registry.gauge("cairn_start_time_seconds", "Unix time the collector started")
      .set(cairn::wall_clock_ms() / 1000);
  cairn::http::Router router;
  if (std::string error = service.add_routes(router, registry); !error.empty()) {
    std::cerr << "cairn-collector: " << error << "\n";
    return kExitUsage;
  }
  cairn::analytics_api::AnalyticsService analytics(c, &registry);
  // A follower refuses the admin API (cluster/cluster_routes.h), analytics
  // and catalog included.
  std::shared_ptr<cairn::catalog::CatalogCache> catalog;
  if (!service.following()) {
    cairn::analytics_api::add_analytics_routes(router, service.apps(), service.authenticator(),
                                               analytics.backend(), service.query_pool());
    catalog = cairn::catalog::add_catalog_routes(router, service.apps(), service.authenticator(),
                                                 c.sqlite_path(), service.query_pool());
  }
  // Folds each commit's events into the catalogs already built. Outlives the
  // event store, whose close() may still commit.
  std::optional<cairn::catalog::CatalogFollower> catalog_follower;
  if (catalog) catalog_follower.emplace(catalog);
#ifdef CAIRN_HAVE_INGEST
  cairn::store::EventStore::Options store_options;
  store_options.path = c.sqlite_path();
  store_options.metrics = &registry;
  if (c.max_queued_events > 0) store_options.max_queued_events = c.max_queued_events;
  // Each commit's rows go to the analytics indexes (or the ClickHouse export)
  // and the catalogs.
  store_options.on_commit = [&analytics, &catalog_follower](std::int64_t last_event_id) {
    analytics.committed(last_event_id);
    if (catalog_follower) catalog_follower->committed(last_event_id);
  };
  // A full disk fails every group commit: one line a second says why, with
  // the failures held back meanwhile (cairn_store_commit_failures_total
  // counts them all).
  auto write_failures = std::make_shared<cairn::http::LogThrottle>(std::chrono::seconds(1));
  store_options.on_write_failure = [write_failures](const std::string& what, const std::string& error) {
    std::uint64_t held_back = 0;
    if (!write_failures->allow(&held_back)) return;
    cairn::http::log_line(cairn::http::LogLevel::error, "event store write failed",
                          "\"operation\":" + boost::json::serialize(boost::json::value(what)) +
                              ",\"error\":" + boost::json::serialize(boost::json::value(error)) +
                              ",\"failures_not_logged\":" + std::to_string(held_back));
  };
  // Retention (--retention-days): each pass is logged with what it deleted,
  // and the in-memory copies of the apps that lost events (analytics index,
  // catalog) are dropped, to be built again from the store by their next use.
  // With the ClickHouse export, the events it has not sent yet stay (a
  // ClickHouse down for longer than the period would lose them), said by a
  // warning per pass.
  store_options.retention_ms = static_cast<std::int64_t>(c.retention_days) * 24 * 60 * 60 * 1000;
  store_options.retention_keeps_after = analytics.export_watermark();
  store_options.on_retention = [&analytics, &catalog](const cairn::store::RetentionPass& pass) {
    if (pass.held_back > 0) {
      cairn::http::log_line(cairn::http::LogLevel::warn,
                            "retention kept expired events the clickhouse export has not sent",
                            "\"events_held_back\":" + std::to_string(pass.held_back) +
                                ",\"exported_through_event_id\":" + std::to_string(pass.kept_after_event_id) +
                                ",\"received_before_ms\":" + std::to_string(pass.cut_off_ms));
    }
    for (const std::string& app_id : pass.apps) {
      if (catalog) catalog->forget(app_id);
      analytics.events_expired(app_id);
    }
    cairn::http::log_line(cairn::http::LogLevel::info, "retention pass",
                          "\"received_before_ms\":" + std::to_string(pass.cut_off_ms) +
                              ",\"events_deleted\":" + std::to_string(pass.events) +
                              ",\"users_deleted\":" + std::to_string(pass.users) +
                              ",\"apps\":" + std::to_string(pass.apps.size()) +
                              ",\"seconds\":" + std::to_string(pass.seconds) +
                              ",\"erasure_records_deleted\":" + std::to_string(pass.erasure_records) +
                              ",\"events_held_back\":" + std::to_string(pass.held_back));
  };
  std::string store_error;
  std::unique_ptr<cairn::store::EventStore> store =
      cairn::store::EventStore::open(store_options, &store_error);
  if (!store) {
    std::cerr << "cairn-collector: cannot open the event store: " << store_error << "\n";
    return kExitFailure;
  }
  service.set_write_health([&store] { return store->write_health(); });
  analytics.start();
  cairn::ingest::AppDirectoryResolver resolver(service.apps());
  cairn::ingest::Ingestor ingestor(resolver, *store, registry);
  ingestor.add_routes(router);
  if (!service.following()) {
    cairn::people::add_person_erasure_route(
        router, service.apps(), service.authenticator(), *store, service.query_pool(),
        [&analytics, &catalog](const std::string& app_id, const cairn::store::ErasureOutcome& outcome) {
          if (catalog) catalog->forget(app_id);
          return analytics.forget_person(app_id, outcome.erased.ids, outcome.cut_off_event_id, false);
        });
    cairn::admin::add_app_deletion_route(router, service.apps(), service.authenticator(), *store,
                                         [&analytics, &catalog, &service](const std::string& app_id) {
                                           if (catalog) catalog->forget(app_id);
                                           analytics.forget_app(app_id);
                                           service.published_guide_checks().forget_app(app_id);
                                         });
  }
#endif
  cairn::http::ServerOptions options;
  options.address = c.listen_address;
  options.port = c.port;
  options.threads = c.threads;
  options.limits = c.limits;
  options.log_level = c.log_level;
  options.trust_proxy = c.trust_proxy;
  // Logins and queries still waiting for a thread when the grace ends are
  // answered 503 shutting_down instead of being run after it (work_pool.h).
  options.on_grace_expired = [&service] { service.refuse_queued_work(); };
  cairn::http::Server server(options, router, registry);
  if (std::string error = server.listen(); !error.empty()) {
    std::cerr << "cairn-collector: " << error << "\n";
    return kExitFailure;
  }
  cairn::http::log_line(cairn::http::LogLevel::info, "listening",
                        "\"version\":\"" CAIRN_VERSION "\",\"address\":" +
                            boost::json::serialize(boost::json::value(c.listen_address)) +
                            ",\"port\":" + std::to_string(server.port()) +
                            ",\"database\":" + boost::json::serialize(boost::json::value(c.sqlite_path())));
  // Tests and scripts read the port from the first stdout line.
  std::cout << "listening " << c.listen_address << ":" << server.port() << std::endl;
  // A follower serves no analytics or catalog routes: nothing to warm.
  if (catalog) warm_up(service, c.sqlite_path(), analytics, catalog, registry);
#ifdef CAIRN_HAVE_INGEST
  // Set once nothing returns before service.drain() stops the follower, so
  // the replay never outlives the store.
  if (cairn::cluster::Follower* follower = service.follower()) {
    cairn::cluster::register_replay_metrics(registry);
    follower->set_erasure_replay([&service, &store, &analytics, &registry](const auto& erasures) {
      return cairn::cluster::replay_erasures(
                 erasures, service.database(), *store,
                 [&analytics](const std::string& app_id, const cairn::store::ErasureOutcome& outcome) {
                   return analytics.forget_person(app_id, outcome.erased.ids, outcome.cut_off_event_id, true);
                 },
                 cairn::wall_clock_ms(), &registry)
          .error;
    });
    // Apps the primary deleted: their events here go too (and their
    // ClickHouse rows, with that store).
    follower->set_apps_deleted([&store, &analytics](const std::vector<std::string>& app_ids) {
      for (const std::string& app_id : app_ids) analytics.forget_app(app_id);
      store->purge_deleted_apps();
    });
    // A snapshot applied after the store read app_purges at open, before the above.
    store->purge_deleted_apps();
  }
#endif
  // Keeps WAL checkpoints out of the event store's group commits.
  cairn::checkpoint::WalCheckpointer checkpointer(c.sqlite_path());
  server.run();
  // The requests still waiting for ClickHouse were abandoned with the server:
  // do not wait the request timeout for each of them.
  analytics.interrupt();
  service.drain();
#ifdef CAIRN_HAVE_INGEST
  // Every acknowledged event is already committed; this commits what was
  // queued by requests abandoned at the shutdown deadline and closes the file.
  store->close();
#endif
  catalog_follower.reset();
  analytics.stop();
  cairn::http::log_line(cairn::http::LogLevel::info, "stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  cairn::config::LoadResult loaded =
      cairn::config::load_config(args, read_environment(), read_whole_file);
  if (!loaded.config) {
    std::cerr << "cairn-collector: " << loaded.error << "\n";
    return kExitUsage;
  }
  const cairn::config::Config& config = *loaded.config;
  if (config.command == cairn::config::Command::help) {
    std::cout << cairn::config::help_text();
    return 0;
  }
  if (config.command == cairn::config::Command::version) {
    std::cout << "cairn-collector " << CAIRN_VERSION << "\n";
    return 0;
  }
  cairn::http::set_log_level(config.log_level);
  if (!config.follow_url.empty() && config.command != cairn::config::Command::serve) {
    std::cerr << "cairn-collector: refused (follower_read_only): "
              << cairn::cluster::follower_refusal_message(config.follow_url) << "\n";
    return kExitUsage;
  }
  // Opening creates a missing database: with a mistyped --data-dir, a reset
  // would make an empty one and find no account in it.
  if (config.command == cairn::config::Command::reset_password &&
      !std::ifstream(config.sqlite_path()).good()) {
    std::cerr << "cairn-collector: no database at " << config.sqlite_path()
              << " (give the server's --data-dir or --store)\n";
    return kExitFailure;
  }
  cairn::Service service(config);
  if (std::string error = service.open(); !error.empty()) {
    std::cerr << "cairn-collector: " << error << "\n";
    return kExitFailure;
  }
  switch (config.command) {
    case cairn::config::Command::create_admin: return create_admin(service);
    case cairn::config::Command::create_app: return create_app(service);
    case cairn::config::Command::reset_password: return reset_password(service);
    case cairn::config::Command::serve: return serve(service);
    case cairn::config::Command::version:
    case cairn::config::Command::help: break;
  }
  return 0;
}
