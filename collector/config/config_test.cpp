#include "config/config.h"

#include <catch2/catch.hpp>

#include <regex>

using namespace cairn::config;

namespace {
FileReader files(std::map<std::string, std::string> contents) {
  return [contents](const std::string& path) -> std::optional<std::string> {
    auto it = contents.find(path);
    if (it == contents.end()) return std::nullopt;
    return it->second;
  };
}
}  // namespace

TEST_CASE("config defaults bind to loopback with sqlite in the data dir") {
  LoadResult r = load_config({}, {}, files({}));
  REQUIRE(r.config);
  CHECK(r.config->command == Command::serve);
  CHECK(r.config->listen_address == "127.0.0.1");
  CHECK(r.config->port == 8470);
  CHECK(r.config->sqlite_path() == "./cairn-data/cairn.db");
}

TEST_CASE("config precedence is flags over environment over file") {
  auto read = files({{"/c.json", R"({"port": 1000, "threads": 3, "data-dir": "/file"})"}});
  Environment env{{"CAIRN_PORT", "2000"}, {"CAIRN_DATA_DIR", "/env"}};
  LoadResult r = load_config({"serve", "--config", "/c.json", "--port=3000"}, env, read);
  REQUIRE(r.config);
  CHECK(r.config->port == 3000);
  CHECK(r.config->data_dir == "/env");
  CHECK(r.config->threads == 3);
}

TEST_CASE("config reads a clickhouse:// store; SQLite stays the acknowledgement log") {
  LoadResult r = load_config({"--store", "clickhouse://ch.internal:9000/cairn", "--data-dir", "/d"}, {},
                             files({}));
  REQUIRE(r.config);
  REQUIRE(r.config->clickhouse);
  CHECK(r.config->clickhouse->host == "ch.internal");
  CHECK(r.config->clickhouse->port == 9000);
  CHECK(r.config->clickhouse->database == "cairn");
  CHECK(r.config->sqlite_path() == "/d/cairn.db");
  LoadResult defaults = load_config({}, {{"CAIRN_STORE", "clickhouse://127.0.0.1"}}, files({}));
  REQUIRE(defaults.config);
  REQUIRE(defaults.config->clickhouse);
  CHECK(defaults.config->clickhouse->port == 8123);
  CHECK(defaults.config->clickhouse->database == "default");
  LoadResult sqlite = load_config({"--store", "sqlite:/x.db"}, {}, files({}));
  REQUIRE(sqlite.config);
  CHECK_FALSE(sqlite.config->clickhouse);
}

TEST_CASE("config rejects bad values naming the option") {
  CHECK(load_config({"--port", "70000"}, {}, files({})).error.find("--port") != std::string::npos);
  CHECK(load_config({"--threads", "0"}, {}, files({})).error.find("--threads") != std::string::npos);
  CHECK(load_config({}, {{"CAIRN_LOG_LEVEL", "loud"}}, files({})).error.find("CAIRN_LOG_LEVEL") !=
        std::string::npos);
  CHECK(load_config({"--store", "clickhouse://"}, {}, files({})).error.find("--store") !=
        std::string::npos);
  CHECK(load_config({"--store", "clickhouse://h:99999/db"}, {}, files({})).error.find("port") !=
        std::string::npos);
  CHECK(load_config({"--store", "clickhouse://h/9db"}, {}, files({})).error.find("database") !=
        std::string::npos);
  CHECK(load_config({"--store", "mysql://h"}, {}, files({})).error.find("--store") != std::string::npos);
  CHECK(load_config({"--nope", "1"}, {}, files({})).error.find("unknown option") != std::string::npos);
  CHECK(load_config({"--port"}, {}, files({})).error.find("needs a value") != std::string::npos);
  CHECK(load_config({"bogus"}, {}, files({})).error.find("unknown command") != std::string::npos);
  CHECK(load_config({"--config", "/missing"}, {}, files({})).error.find("cannot read") !=
        std::string::npos);
  CHECK(load_config({"--config", "/c"}, {}, files({{"/c", "{"}})).error.find("config file") !=
        std::string::npos);
  CHECK(load_config({"--config", "/c"}, {}, files({{"/c", R"({"port": true})"}})).error.find(
            "\"port\"") != std::string::npos);
  CHECK(load_config({"--config", "/c"}, {}, files({{"/c", R"({"port": [1]})"}})).error.find(
            "string, an integer or a boolean") != std::string::npos);
}

TEST_CASE("config refuses a listen address that is not an IP address, naming the option") {
  for (const char* good : {"127.0.0.1", "0.0.0.0", "::1", "::"}) {
    LoadResult r = load_config({"--listen", good}, {}, files({}));
    REQUIRE(r.config);
    CHECK(r.config->listen_address == good);
  }
  for (const char* bad : {"", "localhost", "cairn.internal", "127.0.0.1:8470", "300.1.1.1"}) {
    INFO(bad);
    LoadResult r = load_config({"--listen", bad}, {}, files({}));
    CHECK_FALSE(r.config);
    CHECK(r.error.find("--listen") != std::string::npos);
  }
  CHECK(load_config({}, {{"CAIRN_LISTEN", "localhost"}}, files({})).error.find("CAIRN_LISTEN") !=
        std::string::npos);
}

TEST_CASE("config never repeats a refused secret in its message") {
  const std::string almost = "0123456789abcdef0123456789abcde";  // 31 characters: one short.
  for (const LoadResult& r : {load_config({"--cluster-secret", almost}, {}, files({})),
                              load_config({}, {{"CAIRN_CLUSTER_SECRET", almost}}, files({}))}) {
    CHECK_FALSE(r.config);
    const bool named =
        r.error.find("CAIRN_CLUSTER_SECRET") != std::string::npos || r.error.find("--cluster-secret") != std::string::npos;
    CHECK(named);
    CHECK(r.error.find("31 characters") != std::string::npos);
    CHECK(r.error.find(almost) == std::string::npos);
  }
}

TEST_CASE("version is a command and a flag") {
  CHECK(load_config({"version"}, {}, files({})).config->command == Command::version);
  CHECK(load_config({"--version"}, {}, files({})).config->command == Command::version);
  CHECK(load_config({"serve", "--version"}, {}, files({})).config->command == Command::version);
}

TEST_CASE("subcommands take their own flags and require them") {
  LoadResult admin = load_config({"create-admin", "--email", "a@b.c"}, {}, files({}));
  REQUIRE(admin.config);
  CHECK(admin.config->email == "a@b.c");
  CHECK_FALSE(load_config({"create-admin"}, {}, files({})).config);
  CHECK_FALSE(load_config({"create-admin", "--email", "nope"}, {}, files({})).config);
  CHECK_FALSE(load_config({"serve", "--email", "a@b.c"}, {}, files({})).config);
  LoadResult reset = load_config({"reset-password", "--email", "a@b.c"}, {}, files({}));
  REQUIRE(reset.config);
  CHECK(reset.config->command == Command::reset_password);
  CHECK(reset.config->email == "a@b.c");
  CHECK(load_config({"reset-password"}, {}, files({})).error.find("--email") != std::string::npos);
  CHECK_FALSE(load_config({"reset-password", "--name", "x"}, {}, files({})).config);
  LoadResult app = load_config(
      {"create-app", "--name", "Demo", "--origin", "http://localhost:3000", "--origin",
       "https://x.example"},
      {}, files({}));
  REQUIRE(app.config);
  CHECK(app.config->origins.size() == 2);
  // As the admin API stores them: scheme and host lowered, a default port dropped.
  LoadResult typed = load_config(
      {"create-app", "--name", "Demo", "--origin", "HTTP://LocalHost:9100", "--origin", "https://X.example:443"},
      {}, files({}));
  REQUIRE(typed.config);
  CHECK(typed.config->origins == std::vector<std::string>{"http://localhost:9100", "https://x.example"});
  CHECK_FALSE(load_config({"create-app", "--name", "D", "--origin", "http://x/path"}, {}, files({}))
                  .config);
}

TEST_CASE("help documents every option with its environment variable") {
  std::string help = help_text();
  for (const char* name : {"--listen", "--port", "--threads", "--data-dir", "--store", "--sdk-dir",
                           "--editor-dir", "--dashboard-dir", "--max-body-bytes", "--log-level",
                           "CAIRN_PORT", "CAIRN_CONFIG"}) {
    CHECK(help.find(name) != std::string::npos);
  }
  CHECK(load_config({"--help"}, {}, files({})).config->command == Command::help);
}

TEST_CASE("config --trust-proxy is off by default, a bare switch, an env value or a file boolean") {
  CHECK_FALSE(load_config({}, {}, files({})).config->trust_proxy);
  LoadResult flag = load_config({"serve", "--trust-proxy", "--port", "1"}, {}, files({}));
  REQUIRE(flag.config);
  CHECK(flag.config->trust_proxy);
  CHECK(flag.config->port == 1);
  CHECK(load_config({}, {{"CAIRN_TRUST_PROXY", "true"}}, files({})).config->trust_proxy);
  CHECK_FALSE(load_config({"--trust-proxy=false"}, {{"CAIRN_TRUST_PROXY", "1"}}, files({})).config->trust_proxy);
  auto read = files({{"/c.json", R"({"trust-proxy": true})"}});
  CHECK(load_config({"--config", "/c.json"}, {}, read).config->trust_proxy);
  LoadResult bad = load_config({"--trust-proxy=yes"}, {}, files({}));
  CHECK_FALSE(bad.config);
  CHECK(bad.error.find("--trust-proxy") != std::string::npos);
  CHECK(help_text().find("--trust-proxy") != std::string::npos);
}

TEST_CASE("every flag --help lists is one load_config accepts, for serve or its subcommand") {
  const std::string help = help_text();
  static const std::regex kFlag(R"(--([a-z-]+) [A-Z\[])");
  int flags = 0;
  for (std::sregex_iterator m(help.begin(), help.end(), kFlag), end; m != end; ++m) {
    const std::string flag = "--" + (*m)[1].str();
    if (flag == "--config") continue;
    ++flags;
    INFO(flag);
    bool known = false;
    for (const char* command : {"serve", "create-admin", "create-app"}) {
      LoadResult r = load_config({command, flag, "1"}, {}, files({}));
      known = known || r.error.find("unknown option") == std::string::npos;
    }
    CHECK(known);
  }
  CHECK(flags >= 18);
}

TEST_CASE("config --max-queued-events bounds the store queue, never below a full batch") {
  CHECK(load_config({}, {}, files({})).config->max_queued_events == 0);  // The store's default.
  CHECK(load_config({"--max-queued-events", "1000"}, {}, files({})).config->max_queued_events == 1000);
  CHECK(load_config({}, {{"CAIRN_MAX_QUEUED_EVENTS", "200000"}}, files({})).config->max_queued_events ==
        200000);
  LoadResult small = load_config({"--max-queued-events", "999"}, {}, files({}));
  CHECK_FALSE(small.config);
  CHECK(small.error.find("--max-queued-events") != std::string::npos);
  CHECK(small.error.find("from 1000") != std::string::npos);
  CHECK(help_text().find("CAIRN_MAX_QUEUED_EVENTS") != std::string::npos);
}

TEST_CASE("config --clickhouse-max-rows caps the rows a ClickHouse report loads, from 1 to a billion") {
  const std::vector<std::string> clickhouse = {"--store", "clickhouse://127.0.0.1:8123/cairn"};
  auto with_store = [&](std::vector<std::string> args) {
    args.insert(args.begin(), clickhouse.begin(), clickhouse.end());
    return args;
  };
  CHECK(load_config({}, {}, files({})).config->clickhouse_max_rows == 5'000'000);
  CHECK(load_config(with_store({"--clickhouse-max-rows", "1"}), {}, files({})).config->clickhouse_max_rows == 1);
  CHECK(load_config(clickhouse, {{"CAIRN_CLICKHOUSE_MAX_ROWS", "1000000000"}}, files({}))
            .config->clickhouse_max_rows == 1'000'000'000);
  for (const char* bad : {"0", "1000000001", "-5", "5e6", "5,000,000", ""}) {
    INFO(bad);
    LoadResult r = load_config(with_store({"--clickhouse-max-rows", bad}), {}, files({}));
    CHECK_FALSE(r.config);
    CHECK(r.error.find("--clickhouse-max-rows") != std::string::npos);
    CHECK(r.error.find("from 1 to 1000000000") != std::string::npos);
  }
  CHECK(help_text().find("CAIRN_CLICKHOUSE_MAX_ROWS") != std::string::npos);
}

TEST_CASE("config refuses --clickhouse-max-rows without a ClickHouse store, where it would do nothing") {
  for (const char* store : {"", "sqlite:/tmp/cairn.db"}) {
    INFO(store);
    std::vector<std::string> args = {"--clickhouse-max-rows", "1000"};
    if (*store) args.insert(args.end(), {"--store", store});
    LoadResult r = load_config(args, {}, files({}));
    CHECK_FALSE(r.config);
    CHECK(r.error.find("needs a clickhouse:// --store") != std::string::npos);
    LoadResult env = load_config({}, {{"CAIRN_CLICKHOUSE_MAX_ROWS", "1000"}}, files({}));
    CHECK_FALSE(env.config);
  }
  // The default value, however it is spelled, changes nothing and is accepted.
  CHECK(load_config({"--clickhouse-max-rows", "5000000"}, {}, files({})).config);
}

TEST_CASE("config --query-threads and --query-queue size the query pool") {
  const Config defaults = *load_config({}, {}, files({})).config;
  CHECK(defaults.query_threads == 2);
  CHECK(defaults.query_queue == 64);
  const Config set = *load_config({"--query-threads", "3"}, {{"CAIRN_QUERY_QUEUE", "5"}}, files({})).config;
  CHECK(set.query_threads == 3);
  CHECK(set.query_queue == 5);
  CHECK(load_config({"--query-threads", "0"}, {}, files({})).error.find("--query-threads") != std::string::npos);
  CHECK(load_config({"--query-queue", "0"}, {}, files({})).error.find("--query-queue") != std::string::npos);
  CHECK(help_text().find("CAIRN_QUERY_THREADS") != std::string::npos);
}

TEST_CASE("config --analytics-memory-mb budgets the in-memory analytics indexes, 1 MiB to 1 TiB") {
  CHECK(load_config({}, {}, files({})).config->analytics_memory_mb == 1024);
  CHECK(load_config({"--analytics-memory-mb", "1"}, {}, files({})).config->analytics_memory_mb == 1);
  CHECK(load_config({}, {{"CAIRN_ANALYTICS_MEMORY_MB", "1048576"}}, files({})).config->analytics_memory_mb ==
        1'048'576);
  // The flag wins over the environment.
  CHECK(load_config({"--analytics-memory-mb", "256"}, {{"CAIRN_ANALYTICS_MEMORY_MB", "512"}}, files({}))
            .config->analytics_memory_mb == 256);
  for (const char* bad : {"0", "1048577", "-1", "1.5", "1GB", ""}) {
    INFO(bad);
    LoadResult r = load_config({"--analytics-memory-mb", bad}, {}, files({}));
    CHECK_FALSE(r.config);
    CHECK(r.error.find("--analytics-memory-mb") != std::string::npos);
    CHECK(r.error.find("from 1 to 1048576") != std::string::npos);
  }
  CHECK(help_text().find("CAIRN_ANALYTICS_MEMORY_MB") != std::string::npos);
}

TEST_CASE("config refuses --analytics-memory-mb with a ClickHouse store, which keeps no index in memory") {
  const std::vector<std::string> clickhouse = {"--store", "clickhouse://127.0.0.1:8123/cairn",
                                               "--analytics-memory-mb", "64"};
  LoadResult r = load_config(clickhouse, {}, files({}));
  CHECK_FALSE(r.config);
  CHECK(r.error.find("--analytics-memory-mb") != std::string::npos);
  CHECK(r.error.find("needs the SQLite store") != std::string::npos);
  // The default value changes nothing and is accepted.
  CHECK(load_config({"--store", "clickhouse://127.0.0.1:8123/cairn", "--analytics-memory-mb", "1024"}, {},
                    files({}))
            .config);
}

TEST_CASE("config --retention-days is off unless set, 1 to 36500 days, a bad value named with its option") {
  CHECK(load_config({}, {}, files({})).config->retention_days == 0);
  CHECK(load_config({"--retention-days", "30"}, {}, files({})).config->retention_days == 30);
  CHECK(load_config({}, {{"CAIRN_RETENTION_DAYS", "395"}}, files({})).config->retention_days == 395);
  CHECK(load_config({"--config", "/c"}, {}, files({{"/c", R"({"retention-days": 36500})"}})).config->retention_days ==
        36500);
  // 0 is no shorthand for "off" (nor for "delete everything"): unset is off.
  for (const char* bad : {"0", "36501", "-30", "30d", "1.5", ""}) {
    INFO(bad);
    LoadResult r = load_config({"--retention-days", bad}, {}, files({}));
    CHECK_FALSE(r.config);
    CHECK(r.error.find("--retention-days") != std::string::npos);
    CHECK(r.error.find("from 1 to 36500") != std::string::npos);
    CHECK(r.error.find("unset to keep every event") != std::string::npos);
  }
  LoadResult env = load_config({}, {{"CAIRN_RETENTION_DAYS", "forever"}}, files({}));
  CHECK(env.error.find("CAIRN_RETENTION_DAYS") != std::string::npos);
  CHECK(help_text().find("--retention-days") != std::string::npos);
}
