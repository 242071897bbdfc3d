// Config: every setting of cairn-collector, loaded from command-line flags,
// CAIRN_* environment variables and an optional JSON config file, with the
// precedence flags > environment > file > defaults. One table of options
// (config.cpp) drives parsing, validation and the --help text, so a setting
// cannot exist without being documented.
//
// Threading: load_config() is a pure function of its inputs; call it once in
// main().
#pragma once

#include "http/server.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cairn::config {

enum class Command { serve, create_admin, create_app, reset_password, version, help };

struct Config {
  Command command = Command::serve;

  std::string listen_address = "127.0.0.1";
  std::uint16_t port = 8470;
  int threads = 2;
  // The query pool: threads answering analytics, catalog and people queries
  // off the I/O threads, and how many queries may wait for one before the
  // routes answer 503 busy.
  int query_threads = 2;
  int query_queue = 64;
  std::string data_dir = "./cairn-data";
  // "sqlite:" (the file <data_dir>/cairn.db), "sqlite:/abs/path.db", or
  // "clickhouse://host[:port][/database]" (then `clickhouse` is set).
  std::string store_url = "sqlite:";
  // With a clickhouse:// store: SQLite (<data_dir>/cairn.db) stays the
  // durable acknowledgement log, events are exported from it to this
  // ClickHouse HTTP endpoint, and analytics queries are answered there.
  struct ClickHouse {
    std::string host;
    std::uint16_t port = 8123;
    std::string database = "default";
  };
  std::optional<ClickHouse> clickhouse;
  // With a clickhouse:// store: the most rows one report (a funnel the
  // engine answers, guides, stuck) may load into the collector; above it
  // the report is refused (422 too_many_rows). Bounds a query's memory.
  // analytics::kClickHouseMaxLoadedRows (checked where both are known).
  static constexpr std::uint64_t kDefaultClickHouseMaxRows = 5'000'000;
  std::uint64_t clickhouse_max_rows = kDefaultClickHouseMaxRows;
  // With the SQLite store: the most memory the in-memory analytics indexes
  // hold together, in MiB; above it the least recently queried apps' indexes
  // are dropped (analytics_api/app_engines.h) and rebuilt by their next query.
  static constexpr std::size_t kDefaultAnalyticsMemoryMb = 1024;
  std::size_t analytics_memory_mb = kDefaultAnalyticsMemoryMb;
  // Events received more than this many days ago are deleted from the
  // SQLite store (store/retention.h), hourly and at start; 0 (the default,
  // the option unset) keeps every event.
  int retention_days = 0;
  std::string sdk_dir;        // Served at /sdk/ when set.
  std::string editor_dir;     // Served at /editor/ when set.
  std::string dashboard_dir;  // Served at /dashboard/ when set.
  // The collector's own public origin ("https://cairn.example.com"). Admin
  // requests must come from it (CSRF Origin check); https makes cookies Secure.
  // Empty: the origin must match the request's Host header.
  std::string public_origin;
  // Behind a reverse proxy: client addresses (login rate limits, logs) come
  // from the last X-Forwarded-For entry. Off: the header is ignored.
  bool trust_proxy = false;
  http::ServerLimits limits;
  // Events queued for the store's group commit before ingest answers 503
  // queue_full with Retry-After; 0 keeps the store's kMaxQueuedEvents.
  std::size_t max_queued_events = 0;
  // Primary/follower metadata mode (cluster/): the secret that authenticates
  // GET /internal/metadata (empty: the endpoint answers 404), and on a
  // follower the primary's URL ("http://host:port") and how often to poll it.
  std::string cluster_secret;
  std::string follow_url;
  int follow_interval_ms = 2000;
  http::LogLevel log_level = http::LogLevel::info;

  // create-admin, reset-password
  std::string email;
  // create-app
  std::string app_name;
  std::vector<std::string> origins;

  // The SQLite file the store URL names.
  std::string sqlite_path() const;
};

struct LoadResult {
  std::optional<Config> config;  // Set on success.
  std::string error;             // Set on failure: one line, says which option and why.
};

using Environment = std::map<std::string, std::string>;
// Returns a file's content or nullopt if it cannot be read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

// `args` excludes argv[0]. The first argument may be a subcommand (serve,
// create-admin, create-app, reset-password, version, help); --config / CAIRN_CONFIG names the file.
LoadResult load_config(const std::vector<std::string>& args, const Environment& env,
                       const FileReader& read_file);

// The --help text: usage, subcommands and every option with its environment
// variable, default and meaning.
std::string help_text();

}  // namespace cairn::config
