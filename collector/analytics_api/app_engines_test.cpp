// AppEngines' memory budget over a real events store: which engines are
// dropped, that answers stay exact after a rebuild, that a held engine is
// never freed, that the follower does not bring a dropped engine back, and
// that the warm-up stops at the budget.
#include "analytics_api/app_engines.h"

#include "analytics_api/warm_up.h"
#include "http/work_pool.h"
#include "store/schema.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <thread>

namespace cairn::analytics_api {
namespace {

constexpr int kUsers = 20;
constexpr int kViewsPerUser = 10;

// The store's tables in a temporary directory, with three apps: app_1, app_2,
// app_3. In app_N every user views kViewsPerUser times and the first 5 * N
// users then buy, so a view -> buy funnel enters kUsers and converts 5 * N.
class EventDatabase {
 public:
  EventDatabase() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cairn-app-engines-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    path_ = (dir_ / "cairn.db").string();
    REQUIRE(sqlite3_open(path_.c_str(), &db_) == SQLITE_OK);
    // A throwaway file: no fsync per insert keeps the tests fast.
    exec("PRAGMA synchronous = OFF");
    REQUIRE(store::migrate_event_schema(db_).empty());
    exec("BEGIN");
    exec("INSERT INTO event_names (id, name) VALUES (1, 'view'), (2, 'buy')");
    for (int app = 1; app <= 3; ++app) {
      exec("INSERT INTO event_apps (id, app_id) VALUES (" + std::to_string(app) + ", 'app_" + std::to_string(app) +
           "')");
      for (int user = 0; user < kUsers; ++user) {
        for (int view = 0; view < kViewsPerUser; ++view) add(app, user, 1);
        if (user < 5 * app) add(app, user, 2);
      }
    }
    exec("COMMIT");
  }
  ~EventDatabase() {
    sqlite3_close(db_);
    std::filesystem::remove_all(dir_);
  }
  EventDatabase(const EventDatabase&) = delete;
  EventDatabase& operator=(const EventDatabase&) = delete;

  const std::string& path() const { return path_; }

  // Deletes every event of `user` in `app`, as a person's erasure does.
  void erase(int app, int user) {
    exec("DELETE FROM events WHERE user = " + std::to_string(app * 1000 + user));
  }

  // One event of `user` in `app` (name 1 = view, 2 = buy); returns its events.id.
  std::int64_t add(int app, int user, int name) {
    const std::int64_t id = ++last_id_;
    const std::string user_key = std::to_string(app * 1000 + user);
    exec("INSERT OR IGNORE INTO event_users (id, app, user) VALUES (" + user_key + ", " + std::to_string(app) +
         ", 'user" + std::to_string(user) + "')");
    exec("INSERT INTO events (id, app, user, time_ms, received_ms, type, name, message_id) VALUES (" +
         std::to_string(id) + ", " + std::to_string(app) + ", " + user_key + ", " + std::to_string(id * 1000) +
         ", 0, 0, " + std::to_string(name) + ", 'm" + std::to_string(id) + "')");
    return id;
  }

 private:
  void exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    INFO((message ? message : ""));
    sqlite3_free(message);
    REQUIRE(rc == SQLITE_OK);
  }

  std::filesystem::path dir_;
  std::string path_;
  sqlite3* db_ = nullptr;
  std::int64_t last_id_ = 0;
};

AppEngines::Options with_budget(std::size_t bytes) {
  AppEngines::Options options;
  options.engine.threads = 1;
  options.memory_budget_bytes = bytes;
  return options;
}

analytics::FunnelQuery view_then_buy() {
  analytics::FunnelQuery query;
  query.steps = {{"view", {}}, {"buy", {}}};
  query.window_ms = 24LL * 3600 * 1000 * 365;
  return query;
}

// {entered step 1, entered step 2} of the view -> buy funnel.
std::pair<std::uint64_t, std::uint64_t> funnel_counts(AnalyticsBackend& backend, const std::string& app_id) {
  BackendError error;
  std::optional<analytics::FunnelResult> result = backend.funnel(app_id, view_then_buy(), &error);
  INFO(error.message);
  REQUIRE(result);
  REQUIRE(result->steps.size() == 2);
  return {result->steps[0].entered, result->steps[1].entered};
}

std::weak_ptr<analytics::AnalyticsEngine> engine_of(AppEngines& engines, const std::string& app_id) {
  std::string error;
  std::shared_ptr<analytics::AnalyticsEngine> engine = engines.current(app_id, &error);
  INFO(error);
  REQUIRE(engine);
  return engine;
}

using Counts = std::pair<std::uint64_t, std::uint64_t>;

}  // namespace

TEST_CASE("app engines over the budget drop the least recently queried app and rebuild it exactly") {
  EventDatabase events;
  // Each app's index size, measured without a budget.
  std::size_t sizes[3] = {};
  {
    AppEngines unlimited(events.path(), with_budget(std::numeric_limits<std::size_t>::max()));
    std::size_t before = 0;
    for (int app = 1; app <= 3; ++app) {
      funnel_counts(unlimited, "app_" + std::to_string(app));
      sizes[app - 1] = unlimited.usage().index_bytes - before;
      before = unlimited.usage().index_bytes;
      CHECK(sizes[app - 1] > kUsers * kViewsPerUser * 16);  // At least 16 bytes per event.
    }
    CHECK(unlimited.usage().engines == 3);
    CHECK(unlimited.usage().dropped == 0);
  }
  // Room for any two apps, not for three.
  metrics::Registry registry;
  AppEngines::Options options = with_budget(sizes[0] + sizes[1] + sizes[2] - 1);
  options.metrics = &registry;
  AppEngines engines(events.path(), options);

  CHECK(funnel_counts(engines, "app_1") == Counts{kUsers, 5});
  const std::weak_ptr<analytics::AnalyticsEngine> first = engine_of(engines, "app_1");
  CHECK(funnel_counts(engines, "app_2") == Counts{kUsers, 10});
  CHECK(engines.usage().engines == 2);
  CHECK_FALSE(first.expired());

  CHECK(funnel_counts(engines, "app_3") == Counts{kUsers, 15});
  CHECK(first.expired());  // app_1, the least recently queried, was freed.
  AppEngines::Usage usage = engines.usage();
  CHECK(usage.engines == 2);
  CHECK(usage.dropped == 1);
  CHECK(usage.index_bytes == sizes[1] + sizes[2]);

  // app_1's next query rebuilds it from the store, new events included; now
  // app_2 is the least recently queried.
  const std::weak_ptr<analytics::AnalyticsEngine> second = engine_of(engines, "app_2");
  engine_of(engines, "app_3");
  events.add(1, 0, 2);
  events.add(1, 19, 2);
  CHECK(funnel_counts(engines, "app_1") == Counts{kUsers, 6});
  CHECK(second.expired());
  usage = engines.usage();
  CHECK(usage.engines == 2);
  CHECK(usage.dropped == 2);
  CHECK(usage.index_bytes <= options.memory_budget_bytes);

  const std::string metrics = registry.render_prometheus();
  CHECK(metrics.find("cairn_analytics_engines 2") != std::string::npos);
  CHECK(metrics.find("cairn_analytics_engines_dropped_total 2") != std::string::npos);
  CHECK(metrics.find("cairn_analytics_index_bytes " + std::to_string(usage.index_bytes)) != std::string::npos);
  CHECK(metrics.find("cairn_analytics_memory_budget_bytes " + std::to_string(options.memory_budget_bytes)) !=
        std::string::npos);
}

TEST_CASE("app engines never free an engine a query holds, and answer an app bigger than the budget") {
  EventDatabase events;
  AppEngines engines(events.path(), with_budget(1));  // Smaller than any index.
  std::string error;
  std::shared_ptr<analytics::AnalyticsEngine> held = engines.current("app_1", &error);
  REQUIRE(held);
  const std::weak_ptr<analytics::AnalyticsEngine> first = held;

  CHECK(funnel_counts(engines, "app_2") == Counts{kUsers, 10});
  CHECK(funnel_counts(engines, "app_3") == Counts{kUsers, 15});
  // app_2 went (neither held nor the latest query); app_1 stays while held and
  // still answers exactly.
  CHECK(engines.usage().engines == 2);
  CHECK(engines.usage().dropped == 1);
  std::optional<analytics::FunnelResult> result = held->funnel(view_then_buy(), &error);
  REQUIRE(result);
  CHECK(result->steps[1].entered == 5);

  held.reset();
  CHECK_FALSE(first.expired());  // Nothing frees it until the next query...
  CHECK(funnel_counts(engines, "app_2") == Counts{kUsers, 10});
  CHECK(first.expired());  // ... which drops it, app_3 too: only app_2 is left.
  CHECK(engines.usage().engines == 1);
  CHECK(engines.usage().dropped == 3);
}

TEST_CASE("app engines answer exactly while two threads' queries drop each other's apps") {
  EventDatabase events;
  AppEngines engines(events.path(), with_budget(1));
  engines.follow_commits();
  std::atomic<int> wrong{0};
  auto ask = [&](int offset) {
    for (int i = 0; i < 30; ++i) {
      const int app = 1 + (i + offset) % 3;
      BackendError error;
      std::optional<analytics::FunnelResult> result = engines.funnel("app_" + std::to_string(app), view_then_buy(),
                                                                     &error);
      if (!result || result->steps[0].entered != kUsers || result->steps[1].entered != 5u * app) ++wrong;
    }
  };
  std::thread other(ask, 1);
  ask(0);
  other.join();
  CHECK(wrong == 0);
  CHECK(engines.usage().dropped > 0);
  CHECK(engines.usage().engines <= 2);  // The latest query's app, and one still in use at worst.
}

TEST_CASE("app engines' follower neither appends to nor brings back a dropped engine") {
  EventDatabase events;
  AppEngines engines(events.path(), with_budget(1));
  engines.follow_commits();
  engines.committed(events.add(3, 0, 1));
  const std::weak_ptr<analytics::AnalyticsEngine> first = engine_of(engines, "app_1");
  std::string error;
  std::shared_ptr<analytics::AnalyticsEngine> second = engines.current("app_2", &error);
  REQUIRE(second);
  CHECK(first.expired());

  events.add(1, 0, 2);
  events.add(2, 19, 2);
  engines.committed(events.add(1, 19, 2));
  // The follower appends app_2's new event to the engine in the map.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (second->stats().caught_up_events == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(second->stats().caught_up_events == 1);
  CHECK(engines.usage().engines == 1);  // app_1 was not brought back.

  // app_1's next query starts from the store: both events committed while it
  // was dropped count.
  CHECK(funnel_counts(engines, "app_1") == Counts{kUsers, 6});
  CHECK(funnel_counts(engines, "app_2") == Counts{kUsers, 11});
}

TEST_CASE("a query holding an answer from before an erasure answers again from the erased store") {
  EventDatabase events;
  // The query stops right after its engine answered (with user0, who views and
  // buys); the erasure commits and forgets the app there; then the query goes on.
  std::promise<void> answered, resume;
  std::future<void> first_answer = answered.get_future();
  std::shared_future<void> resumed = resume.get_future().share();
  std::atomic<int> answers{0};
  AppEngines::Options options = with_budget(std::numeric_limits<std::size_t>::max());
  options.answered = [&](const std::string&) {
    if (answers++ > 0) return;
    answered.set_value();
    resumed.wait_for(std::chrono::seconds(10));  // Bounded: a broken test fails, never hangs.
  };
  AppEngines engines(events.path(), options);
  auto query = std::async(std::launch::async, [&engines] {
    BackendError error;
    return engines.funnel("app_1", view_then_buy(), &error);
  });
  REQUIRE(first_answer.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  events.erase(1, 0);
  engines.forget("app_1");  // What the DELETE waits for before it answers.
  resume.set_value();
  REQUIRE(query.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  std::optional<analytics::FunnelResult> result = query.get();
  REQUIRE(result);
  CHECK(result->steps[0].entered == kUsers - 1);
  CHECK(result->steps[1].entered == 4);
  CHECK(answers == 2);  // The old engine's answer was thrown away.
  CHECK(engines.usage().engines == 1);
  CHECK(funnel_counts(engines, "app_1") == Counts{kUsers - 1, 4});
}

TEST_CASE("a query whose engine every attempt's erasure forgets gives up with a clear error") {
  EventDatabase events;
  AppEngines* forgetting = nullptr;
  AppEngines::Options options = with_budget(std::numeric_limits<std::size_t>::max());
  options.answered = [&forgetting](const std::string& app_id) { forgetting->forget(app_id); };
  AppEngines engines(events.path(), options);
  forgetting = &engines;
  BackendError error;
  CHECK_FALSE(engines.funnel("app_2", view_then_buy(), &error));
  CHECK(error.status == 503);
  CHECK(error.code == "erasure_in_progress");
  CHECK(engines.usage().engines == 0);
}

TEST_CASE("the warm-up builds apps until the budget is reached and drops none it built") {
  EventDatabase events;
  std::size_t one_app = 0;
  {
    AppEngines unlimited(events.path(), with_budget(std::numeric_limits<std::size_t>::max()));
    std::string error;
    REQUIRE(unlimited.warm("app_1", &error));
    one_app = unlimited.usage().index_bytes;
    CHECK_FALSE(unlimited.warm_up_full());
  }
  // Room for app_1 and part of app_2: app_2 is built, does not fit and goes;
  // app_3 is never built.
  auto engines = std::make_shared<AppEngines>(events.path(), with_budget(one_app + one_app / 2));
  metrics::Registry registry;
  std::vector<std::string> built;
  std::mutex built_mutex;
  {
    http::WorkPool pool(1, 4);
    Warmer analytics{"analytics",
                     [&](const std::string& app_id, std::string* error) {
                       std::lock_guard lock(built_mutex);
                       built.push_back(app_id);
                       return engines->warm(app_id, error);
                     },
                     [&] { return engines->warm_up_full(); }};
    start_warm_up(pool, {"app_1", "app_2", "app_3"}, {analytics}, registry);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (registry.render_prometheus().find("cairn_warmup_pending 0") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    pool.drain();
  }
  CHECK(registry.render_prometheus().find("cairn_warmup_pending 0") != std::string::npos);
  CHECK(built == std::vector<std::string>{"app_1", "app_2"});
  std::string error;
  CHECK_FALSE(engines->warm("app_3", &error));
  CHECK(error.find("does not fit in the analytics memory budget") != std::string::npos);
  CHECK(engines->warm_up_full());
  CHECK(engines->usage().engines == 1);
  CHECK(engines->usage().dropped == 2);
  CHECK(engines->usage().index_bytes == one_app);
  // The apps the warm-up left are built by their first query as usual.
  CHECK(funnel_counts(*engines, "app_3") == Counts{kUsers, 15});
}

}  // namespace cairn::analytics_api
