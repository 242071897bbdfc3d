#include "config/config.h"

#include "admin/app_directory.h"
#include "store/retention.h"

#include "json/reader.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

namespace cairn::config {

namespace {

// Where an option applies: every command, or one command's own flags
// (`account`: create-admin and reset-password, which both name an account).
enum class Scope { all, account, create_app };

// One option: its flag, where it applies, how to parse it into a Config.
struct Option {
  const char* name;          // Flag without "--"; also the config-file key.
  const char* env;           // Environment variable, or nullptr (subcommand flags).
  const char* value_hint;    // "PORT", "DIR", ... for --help.
  const char* help;          // One sentence.
  Scope scope;
  bool repeatable;
  // Parses `value` into `config`; returns "" or why the value is wrong.
  std::string (*apply)(Config& config, const std::string& value);
  // The value of the flag given alone ("--trust-proxy"); nullptr: a value is required.
  const char* bare_value = nullptr;
  // A secret: a refused value is not repeated in the message (it lands in
  // logs and terminals, and is likely the real secret mistyped).
  bool secret = false;
};

std::optional<std::int64_t> parse_int(const std::string& s, std::int64_t min, std::int64_t max) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < min || v > max) return std::nullopt;
  return v;
}

std::string range_error(std::int64_t min, std::int64_t max) {
  return "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

// The server binds an IP address literal (http::Server::listen); a host name
// would only fail there, after the database was opened, without the option's name.
bool is_ip_address(const std::string& s) {
  unsigned char address[sizeof(in6_addr)];
  return inet_pton(AF_INET, s.c_str(), address) == 1 || inet_pton(AF_INET6, s.c_str(), address) == 1;
}

bool is_origin(const std::string& s) {
  auto scheme_end = s.find("://");
  if (scheme_end == std::string::npos) return false;
  std::string scheme = s.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  std::string rest = s.substr(scheme_end + 3);
  if (rest.empty() || rest.find('/') != std::string::npos) return false;
  for (char c : rest) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

// clickhouse://host[:port][/database]: host a name or IPv4 address (or
// [IPv6]), database a ClickHouse identifier.
std::optional<Config::ClickHouse> parse_clickhouse_url(const std::string& url, std::string* error) {
  std::string rest = url.substr(std::string_view("clickhouse://").size());
  Config::ClickHouse out;
  const std::size_t slash = rest.find('/');
  if (slash != std::string::npos) {
    out.database = rest.substr(slash + 1);
    rest.resize(slash);
    if (out.database.empty() || out.database.size() > 64 ||
        !std::all_of(out.database.begin(), out.database.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }) ||
        std::isdigit(static_cast<unsigned char>(out.database[0]))) {
      *error = "has a bad database name (letters, digits and _, not starting with a digit)";
      return std::nullopt;
    }
  }
  const std::size_t colon = rest.rfind(':');
  if (colon != std::string::npos && rest.find(']', colon) == std::string::npos) {
    std::optional<std::int64_t> port = parse_int(rest.substr(colon + 1), 1, 65535);
    if (!port) {
      *error = "has a bad port: " + range_error(1, 65535);
      return std::nullopt;
    }
    out.port = static_cast<std::uint16_t>(*port);
    rest.resize(colon);
  }
  const bool bracketed = rest.size() > 2 && rest.front() == '[' && rest.back() == ']';
  if (rest.empty() ||
      !std::all_of(rest.begin(), rest.end(), [&](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
               (bracketed && (c == ':' || c == '[' || c == ']'));
      })) {
    *error = "needs a host: clickhouse://host[:port][/database]";
    return std::nullopt;
  }
  out.host = rest;
  return out;
}

constexpr std::int64_t kMaxThreads = 256;
constexpr std::int64_t kMaxQueryQueue = 100'000;
constexpr std::int64_t kMaxBodyLimitBytes = 256LL * 1024 * 1024;
constexpr std::int64_t kMaxTimeoutMs = 600'000;
// A full batch (event::kMaxEventsPerBatch) must always fit in the queue, or a
// client would be told to retry it forever.
constexpr std::int64_t kMinQueuedEvents = 1000;
constexpr std::int64_t kMaxQueuedEventsLimit = 10'000'000;
// Rows a ClickHouse report may load: beyond a billion no collector has the memory.
constexpr std::int64_t kMaxClickHouseMaxRows = 1'000'000'000;
// Analytics index memory: 1 TiB is beyond any machine a collector runs on.
constexpr std::int64_t kMaxAnalyticsMemoryMb = 1'048'576;
// 128 bits as hex: the secret guards every write key hash of the cluster.
constexpr std::size_t kMinClusterSecretBytes = 32;

const Option kOptions[] = {
    {"listen", "CAIRN_LISTEN", "ADDR",
     "IP address to listen on (default 127.0.0.1; 0.0.0.0 exposes the collector)", Scope::all,
     false,
     [](Config& c, const std::string& v) -> std::string {
       if (!is_ip_address(v)) return "must be an IP address (127.0.0.1, 0.0.0.0, ::1, ::), not a host name";
       c.listen_address = v;
       return "";
     }},
    {"port", "CAIRN_PORT", "PORT", "TCP port (default 8470; 0 picks a free port and logs it)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 0, 65535);
       if (!n) return range_error(0, 65535);
       c.port = static_cast<std::uint16_t>(*n);
       return "";
     }},
    {"threads", "CAIRN_THREADS", "N", "I/O threads serving HTTP (default 2)", Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 1, kMaxThreads);
       if (!n) return range_error(1, kMaxThreads);
       c.threads = static_cast<int>(*n);
       return "";
     }},
    {"query-threads", "CAIRN_QUERY_THREADS", "N",
     "threads answering analytics, catalog and people queries, off the I/O threads (default 2)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 1, kMaxThreads);
       if (!n) return range_error(1, kMaxThreads);
       c.query_threads = static_cast<int>(*n);
       return "";
     }},
    {"query-queue", "CAIRN_QUERY_QUEUE", "N",
     "queries waiting for a query thread before more are answered 503 busy (default 64)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 1, kMaxQueryQueue);
       if (!n) return range_error(1, kMaxQueryQueue);
       c.query_queue = static_cast<int>(*n);
       return "";
     }},
    {"data-dir", "CAIRN_DATA_DIR", "DIR",
     "directory for the database and other state (default ./cairn-data; created if missing)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       if (v.empty()) return "must not be empty";
       c.data_dir = v;
       return "";
     }},
    {"store", "CAIRN_STORE", "URL",
     "event and admin store: sqlite: (default, <data-dir>/cairn.db), sqlite:/path/file.db, or "
     "clickhouse://host[:port][/database] (port 8123, database default): events are acknowledged "
     "in <data-dir>/cairn.db, exported to ClickHouse over HTTP and analytics answered there",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       if (v.rfind("sqlite:", 0) == 0) {
         c.store_url = v;
         c.clickhouse.reset();
         return "";
       }
       if (v.rfind("clickhouse://", 0) == 0) {
         std::string error;
         std::optional<Config::ClickHouse> ch = parse_clickhouse_url(v, &error);
         if (!ch) return error;
         c.store_url = v;
         c.clickhouse = ch;
         return "";
       }
       return "must start with sqlite: or clickhouse:// (e.g. sqlite:/var/lib/cairn/cairn.db, "
              "clickhouse://127.0.0.1:8123/cairn)";
     }},
    {"clickhouse-max-rows", "CAIRN_CLICKHOUSE_MAX_ROWS", "N",
     "with a clickhouse:// store, the most rows one report (a funnel windowFunnel cannot answer, guides, "
     "stuck) may load into the collector; larger ones are refused with 422 too_many_rows "
     "(default 5000000, ~460 bytes each, 1 to 1000000000)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 1, kMaxClickHouseMaxRows);
       if (!n) return range_error(1, kMaxClickHouseMaxRows);
       c.clickhouse_max_rows = static_cast<std::uint64_t>(*n);
       return "";
     }},
    {"analytics-memory-mb", "CAIRN_ANALYTICS_MEMORY_MB", "MIB",
     "with the SQLite store, the most memory the in-memory analytics indexes hold together; above it the "
     "least recently queried apps' indexes are dropped and rebuilt by their next query, and the start-up "
     "warm-up stops (default 1024; about 50 bytes per event with the report columns; 1 to 1048576)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 1, kMaxAnalyticsMemoryMb);
       if (!n) return range_error(1, kMaxAnalyticsMemoryMb);
       c.analytics_memory_mb = static_cast<std::size_t>(*n);
       return "";
     }},
    {"retention-days", "CAIRN_RETENTION_DAYS", "DAYS",
     "delete events received more than DAYS days ago, hourly and at start, with the users they leave "
     "behind (1 to 36500; unset, the default, keeps every event). With a clickhouse:// store its rows "
     "go too, by event time, once a day, and SQLite keeps the events not yet exported to it "
     "(docs/operations.md#retention)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 1, store::kMaxRetentionDays);
       if (!n) {
         return range_error(1, store::kMaxRetentionDays) +
                " (days; leave it unset to keep every event)";
       }
       c.retention_days = static_cast<int>(*n);
       return "";
     }},
    {"sdk-dir", "CAIRN_SDK_DIR", "DIR", "directory with the built SDK (cairn.js, cairn.wasm) served at /sdk/",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       c.sdk_dir = v;
       return "";
     }},
    {"editor-dir", "CAIRN_EDITOR_DIR", "DIR", "directory with the built editor served at /editor/",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       c.editor_dir = v;
       return "";
     }},
    {"dashboard-dir", "CAIRN_DASHBOARD_DIR", "DIR",
     "directory with the built dashboard served at /dashboard/", Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       c.dashboard_dir = v;
       return "";
     }},
    {"public-origin", "CAIRN_PUBLIC_ORIGIN", "ORIGIN",
     "the collector's public origin, e.g. https://cairn.example.com; admin requests must come "
     "from it and https makes session cookies Secure (default: the request's Host)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       if (!v.empty() && !is_origin(v)) return "must look like https://host[:port] (no path)";
       c.public_origin = v;
       return "";
     }},
    {"trust-proxy", "CAIRN_TRUST_PROXY", "[true|false]",
     "set when a reverse proxy you run is the only way in: the client address for login rate "
     "limits and logs is then the last X-Forwarded-For entry (default false: the header is "
     "ignored, the TCP peer is the client)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       if (v == "true" || v == "1") {
         c.trust_proxy = true;
       } else if (v == "false" || v == "0") {
         c.trust_proxy = false;
       } else {
         return "must be true or false";
       }
       return "";
     },
     "true"},
    {"max-body-bytes", "CAIRN_MAX_BODY_BYTES", "BYTES",
     "largest request body accepted; larger bodies get 413 before being read (default 4194304)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 1024, kMaxBodyLimitBytes);
       if (!n) return range_error(1024, kMaxBodyLimitBytes);
       c.limits.max_body_bytes = static_cast<std::size_t>(*n);
       return "";
     }},
    {"header-timeout-ms", "CAIRN_HEADER_TIMEOUT_MS", "MS",
     "idle keep-alive connections and request headers slower than this are closed (default 10000)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 100, kMaxTimeoutMs);
       if (!n) return range_error(100, kMaxTimeoutMs);
       c.limits.header_timeout = std::chrono::milliseconds(*n);
       return "";
     }},
    {"body-timeout-ms", "CAIRN_BODY_TIMEOUT_MS", "MS",
     "a request body not received within this after its headers gets 408 (default 30000)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 100, kMaxTimeoutMs);
       if (!n) return range_error(100, kMaxTimeoutMs);
       c.limits.body_timeout = std::chrono::milliseconds(*n);
       return "";
     }},
    {"max-queued-events", "CAIRN_MAX_QUEUED_EVENTS", "N",
     "events waiting for the store's group commit before ingest answers 503 queue_full with "
     "Retry-After (backpressure; default 50000, at least a full batch of 1000)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, kMinQueuedEvents, kMaxQueuedEventsLimit);
       if (!n) return range_error(kMinQueuedEvents, kMaxQueuedEventsLimit);
       c.max_queued_events = static_cast<std::size_t>(*n);
       return "";
     }},
    {"cluster-secret", "CAIRN_CLUSTER_SECRET", "SECRET",
     "shared by a primary and its followers (at least 32 characters): enables GET "
     "/internal/metadata, which followers poll with it (default none: the endpoint answers 404)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       if (v.size() < kMinClusterSecretBytes || v.size() > 1024) {
         return "must be 32 to 1024 characters (e.g. openssl rand -hex 32)";
       }
       c.cluster_secret = v;
       return "";
     },
     nullptr, true},
    {"follow", "CAIRN_FOLLOW", "URL",
     "run as a follower of the primary collector at URL (http://host:port): apps, write keys, "
     "origins and published guides are copied from it every --follow-interval-ms; the admin API, "
     "editor and dashboard are refused with 409 follower_read_only (needs --cluster-secret)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       if (!v.empty() && !is_origin(v)) return "must look like http://host:port (no path)";
       c.follow_url = v;
       return "";
     }},
    {"follow-interval-ms", "CAIRN_FOLLOW_INTERVAL_MS", "MS",
     "a follower polls its primary this often; failures back off up to 8 times this, at most "
     "30 s (default 2000)",
     Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       auto n = parse_int(v, 100, kMaxTimeoutMs);
       if (!n) return range_error(100, kMaxTimeoutMs);
       c.follow_interval_ms = static_cast<int>(*n);
       return "";
     }},
    {"log-level", "CAIRN_LOG_LEVEL", "LEVEL",
     "debug, info (one JSON line per request, default), warn or error", Scope::all, false,
     [](Config& c, const std::string& v) -> std::string {
       if (v == "debug") {
         c.log_level = http::LogLevel::debug;
       } else if (v == "info") {
         c.log_level = http::LogLevel::info;
       } else if (v == "warn") {
         c.log_level = http::LogLevel::warn;
       } else if (v == "error") {
         c.log_level = http::LogLevel::error;
       } else {
         return "must be one of: debug, info, warn, error";
       }
       return "";
     }},
    {"email", nullptr, "EMAIL",
     "create-admin: the new administrator's email; reset-password: the account's email",
     Scope::account,
     false,
     [](Config& c, const std::string& v) -> std::string {
       auto at = v.find('@');
       if (at == std::string::npos || at == 0 || at + 1 == v.size() || v.size() > 254) {
         return "must be an email address";
       }
       c.email = v;
       return "";
     }},
    {"name", nullptr, "NAME", "create-app: the app's display name", Scope::create_app, false,
     [](Config& c, const std::string& v) -> std::string {
       if (v.empty() || v.size() > 200) return "must be 1 to 200 characters";
       c.app_name = v;
       return "";
     }},
    {"origin", nullptr, "ORIGIN",
     "create-app: an origin allowed to use the app's write key from a browser (repeatable)",
     Scope::create_app, true,
     [](Config& c, const std::string& v) -> std::string {
       // Stored as the admin API stores it (as browsers send it), else
       // "HTTP://Host" is refused and "https://host:443" never matches.
       std::optional<std::string> origin = admin::normalized_origin(v);
       if (!origin) return "must look like https://host[:port] (no path; a port 1-65535)";
       c.origins.push_back(*origin);
       return "";
     }},
};

const Option* find_option(std::string_view name) {
  for (const Option& o : kOptions) {
    if (name == o.name) return &o;
  }
  return nullptr;
}

bool applies(const Option& o, Command command) {
  switch (o.scope) {
    case Scope::all: return true;
    case Scope::account: return command == Command::create_admin || command == Command::reset_password;
    case Scope::create_app: return command == Command::create_app;
  }
  return false;
}

std::string apply(Config& config, const Option& o, const std::string& value,
                  const std::string& source) {
  std::string error = o.apply(config, value);
  if (error.empty()) return "";
  if (o.secret) return source + ": the value given (" + std::to_string(value.size()) + " characters) " + error;
  return source + ": \"" + value + "\" " + error;
}

}  // namespace

std::string Config::sqlite_path() const {
  if (store_url.rfind("sqlite:", 0) != 0) return data_dir + "/cairn.db";
  std::string rest = store_url.substr(std::string_view("sqlite:").size());
  if (!rest.empty()) return rest;
  return data_dir + "/cairn.db";
}

LoadResult load_config(const std::vector<std::string>& args, const Environment& env,
                       const FileReader& read_file) {
  Config config;
  std::size_t first = 0;
  if (!args.empty() && args[0].rfind("-", 0) != 0) {
    const std::string& sub = args[0];
    if (sub == "serve") {
      config.command = Command::serve;
    } else if (sub == "create-admin") {
      config.command = Command::create_admin;
    } else if (sub == "create-app") {
      config.command = Command::create_app;
    } else if (sub == "reset-password") {
      config.command = Command::reset_password;
    } else if (sub == "version") {
      config.command = Command::version;
    } else if (sub == "help") {
      config.command = Command::help;
    } else {
      return {std::nullopt, "unknown command \"" + sub +
                                "\"; expected serve, create-admin, create-app, reset-password, version or help"};
    }
    first = 1;
  }

  // Flags first into a list, so the file and environment can be applied
  // underneath them.
  std::vector<std::pair<const Option*, std::string>> flags;
  std::optional<std::string> config_path;
  for (std::size_t i = first; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "--help" || arg == "-h") {
      config.command = Command::help;
      return {config, ""};
    }
    if (arg == "--version") {
      config.command = Command::version;
      return {config, ""};
    }
    if (arg.rfind("--", 0) != 0) return {std::nullopt, "unexpected argument \"" + arg + "\""};
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (name == "config") {
      if (!value) {
        if (i + 1 >= args.size()) return {std::nullopt, "--config needs a value"};
        value = args[++i];
      }
      config_path = *value;
      continue;
    }
    const Option* o = find_option(name);
    if (!o || !applies(*o, config.command)) {
      return {std::nullopt, "unknown option --" + name + " (see --help)"};
    }
    if (!value && o->bare_value) value = o->bare_value;
    if (!value) {
      if (i + 1 >= args.size()) return {std::nullopt, "--" + name + " needs a value"};
      value = args[++i];
    }
    flags.emplace_back(o, *value);
  }

  if (!config_path) {
    if (auto it = env.find("CAIRN_CONFIG"); it != env.end() && !it->second.empty()) {
      config_path = it->second;
    }
  }

  if (config_path) {
    std::optional<std::string> text = read_file(*config_path);
    if (!text) return {std::nullopt, "cannot read config file " + *config_path};
    json::Problems problems;
    std::optional<boost::json::value> doc = json::parse_document(*text, problems);
    if (!doc) return {std::nullopt, "config file " + *config_path + ": " + problems.summary()};
    const boost::json::object* object = doc->if_object();
    if (!object) return {std::nullopt, "config file " + *config_path + ": must be a JSON object"};
    for (const auto& [key, value] : *object) {
      const Option* o = find_option(key);
      if (!o || o->scope != Scope::all) {
        return {std::nullopt, "config file " + *config_path + ": unknown option \"" +
                                  std::string(key) + "\""};
      }
      std::string text_value;
      if (const boost::json::string* s = value.if_string()) {
        text_value = std::string(*s);
      } else if (value.is_int64()) {
        text_value = std::to_string(value.get_int64());
      } else if (value.is_uint64()) {
        text_value = std::to_string(value.get_uint64());
      } else if (value.is_bool()) {
        text_value = value.get_bool() ? "true" : "false";
      } else {
        return {std::nullopt, "config file " + *config_path + ": \"" + std::string(key) +
                                  "\" must be a string, an integer or a boolean"};
      }
      std::string error = apply(config, *o, text_value, "config file key \"" + std::string(key) + "\"");
      if (!error.empty()) return {std::nullopt, error};
    }
  }

  for (const Option& o : kOptions) {
    if (!o.env) continue;
    auto it = env.find(o.env);
    if (it == env.end()) continue;
    std::string error = apply(config, o, it->second, std::string(o.env));
    if (!error.empty()) return {std::nullopt, error};
  }

  for (const auto& [o, value] : flags) {
    std::string error = apply(config, *o, value, "--" + std::string(o->name));
    if (!error.empty()) return {std::nullopt, error};
  }

  if (config.command == Command::create_admin && config.email.empty()) {
    return {std::nullopt, "create-admin needs --email"};
  }
  if (config.command == Command::reset_password && config.email.empty()) {
    return {std::nullopt, "reset-password needs --email (the account's)"};
  }
  if (config.command == Command::create_app && config.app_name.empty()) {
    return {std::nullopt, "create-app needs --name"};
  }
  if (!config.follow_url.empty() && config.cluster_secret.empty()) {
    return {std::nullopt, "--follow needs --cluster-secret (the primary's)"};
  }
  // A cap that would silently do nothing is a mistake worth stopping on: the
  // SQLite store answers reports from its in-memory index, never loading rows.
  if (config.clickhouse_max_rows != Config::kDefaultClickHouseMaxRows && !config.clickhouse) {
    return {std::nullopt,
            "--clickhouse-max-rows (CAIRN_CLICKHOUSE_MAX_ROWS) needs a clickhouse:// --store; the SQLite "
            "store never loads report rows into the collector"};
  }
  // The same mistake the other way round: ClickHouse answers analytics, no
  // index is kept in memory.
  if (config.analytics_memory_mb != Config::kDefaultAnalyticsMemoryMb && config.clickhouse) {
    return {std::nullopt,
            "--analytics-memory-mb (CAIRN_ANALYTICS_MEMORY_MB) needs the SQLite store; with a clickhouse:// "
            "store no analytics index is kept in memory"};
  }
  return {config, ""};
}

std::string help_text() {
  std::string out =
      "Usage: cairn-collector [COMMAND] [OPTIONS]\n"
      "\n"
      "Commands:\n"
      "  serve          run the HTTP service (default)\n"
      "  create-admin   create an administrator account and print its generated password\n"
      "  create-app     create an app and print its id and a write key\n"
      "  reset-password give an account (--email) a new generated password, print it and end\n"
      "                 its sessions: the way back in for an administrator who lost theirs\n"
      "  version        print the version (also --version)\n"
      "  help           print this text\n"
      "\n"
      "Options (precedence: flags > environment > config file > defaults):\n"
      "  --config FILE  (CAIRN_CONFIG) JSON object whose keys are option names below,\n"
      "                 e.g. {\"port\": 8470, \"data-dir\": \"/var/lib/cairn\"}\n";
  for (const Option& o : kOptions) {
    std::string line = "  --" + std::string(o.name) + " " + o.value_hint;
    if (o.env) line += "  (" + std::string(o.env) + ")";
    out += line + "\n      " + o.help + "\n";
  }
  out +=
      "\nA bad value is reported with the option's name and the process exits with status 2.\n";
  return out;
}

}  // namespace cairn::config
