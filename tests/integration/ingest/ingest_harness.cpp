// cairn_ingest_harness: cairn-collector's `serve` and `create-app` with the
// ingest endpoints wired in, for the ingest integration and crash tests while
// collector/main.cpp does not serve ingest yet. It takes the same flags and
// prints the same first stdout line ("listening 127.0.0.1:PORT"), so a test can
// run either binary. The wiring below is exactly what main.cpp needs.
#include "config/config.h"
#include "http/router.h"
#include "http/server.h"
#include "ingest/ingestor.h"
#include "ingest/write_key_resolver.h"
#include "metrics/metrics.h"
#include "service.h"
#include "store/event_store.h"

#include <chrono>
#include <iostream>

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int create_app(cairn::Service& service) {
  auto app = service.apps().create_app(service.config().app_name, service.config().origins, now_ms());
  if (!app) return 1;
  auto key = service.apps().create_write_key(app->id, now_ms());
  if (!key) return 1;
  std::cout << "app_id " << app->id << "\nwrite_key_id " << key->info.id << "\nwrite_key " << key->key << "\n";
  return 0;
}

int serve(cairn::Service& service) {
  const cairn::config::Config& c = service.config();
  cairn::metrics::Registry registry;
  cairn::http::Router router;

  // --- ingest wiring (main.cpp needs the same) ---
  cairn::store::EventStore::Options store_options;
  store_options.path = c.sqlite_path();
  store_options.metrics = &registry;
  std::string store_error;
  std::unique_ptr<cairn::store::EventStore> events = cairn::store::EventStore::open(store_options, &store_error);
  if (!events) {
    std::cerr << "cairn-collector: " << store_error << "\n";
    return 1;
  }
  cairn::ingest::AppDirectoryResolver write_keys(service.apps());
  cairn::ingest::Ingestor ingestor(write_keys, *events, registry);
  ingestor.add_routes(router);
  // --- end of ingest wiring ---

  if (std::string error = service.add_routes(router, registry); !error.empty()) {
    std::cerr << "cairn-collector: " << error << "\n";
    return 2;
  }
  cairn::http::ServerOptions options;
  options.address = c.listen_address;
  options.port = c.port;
  options.threads = c.threads;
  options.limits = c.limits;
  options.log_level = c.log_level;
  cairn::http::Server server(options, router, registry);
  if (std::string error = server.listen(); !error.empty()) {
    std::cerr << "cairn-collector: " << error << "\n";
    return 1;
  }
  std::cout << "listening " << c.listen_address << ":" << server.port() << std::endl;
  server.run();
  events->close();  // Commits what is queued and answers it before exit.
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  cairn::config::LoadResult loaded =
      cairn::config::load_config(args, {}, [](const std::string&) { return std::nullopt; });
  if (!loaded.config) {
    std::cerr << "cairn_ingest_harness: " << loaded.error << "\n";
    return 2;
  }
  cairn::Service service(*loaded.config);
  if (std::string error = service.open(); !error.empty()) {
    std::cerr << "cairn_ingest_harness: " << error << "\n";
    return 1;
  }
  switch (loaded.config->command) {
    case cairn::config::Command::create_app: return create_app(service);
    case cairn::config::Command::serve: return serve(service);
    default:
      std::cerr << "cairn_ingest_harness: only serve and create-app\n";
      return 2;
  }
}
