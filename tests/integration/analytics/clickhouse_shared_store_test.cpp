// The ClickHouse store shared and merged: identity links (identify events)
// merge persons in ClickHouse answers exactly as in the in-memory engine;
// a funnel over rows spanning 60 days (beyond windowFunnel) is the engine's;
// two collectors (two SQLite stores, two exporters) export into one
// ClickHouse database, each resuming from its own rows, and a message both
// stored (a retry that reached each) counts once; a table made before the
// collector, message_id and anonymous_id columns is upgraded in place; a
// collector restored from an older backup takes a new collector id; the
// cap on rows a report loads into the collector and the windowFunnel switch,
// each at its exact edge.
#include "admin/schema.h"
#include "analytics/clickhouse_analytics.h"
#include "analytics/clickhouse_collector_id.h"
#include "analytics/clickhouse_server.h"
#include "analytics/funnel_json.h"
#include "analytics/report_json.h"
#include "analytics/sqlite_event_source.h"
#include "clickhouse_store_support.h"
#include "support/clickhouse_guard.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>

#include <atomic>
#include <map>
#include <set>
#include <filesystem>
#include <memory>

namespace cairn::analytics {
namespace {

using store_test::check_same_answers;
using store_test::commit;
using store_test::exported;
using store_test::stored;

constexpr const char* kApp = "shop";

GeneratorOptions suite_events() {
  GeneratorOptions generate;
  generate.seed = 3;
  generate.users = 1000;
  generate.events = 100000;
  generate.guide_and_frustration_events = true;
  generate.equal_time_chance = 0.15;
  return generate;
}

// The generated rows, then identify rows that link generated users: pairs
// (user-0 → user-1, user-2 → user-3, …), a chain (user-1 → user-500, so
// user-0 is user-500's too), a second link of an already linked id (ignored)
// and a link back to one's own person (ignored); an anonymous visitor with
// an id full of escapes is identified too.
std::vector<store::StoredEvent> events_with_links(const GeneratorOptions& generate) {
  std::vector<store::StoredEvent> events;
  std::string error;
  REQUIRE(GeneratedEventSource(generate).scan(
      {}, [&](const EventRow& row) { events.push_back(stored(row, events.size())); }, &error));
  auto identify = [&](int anonymous, int user) {
    EventRow row{"user-" + std::to_string(user), generate.start_ms - 1000, "$identify", {}};
    row.anonymous_id = "user-" + std::to_string(anonymous);
    events.push_back(stored(row, events.size()));
  };
  // An anonymousId with characters TabSeparated escapes, merged into user-700.
  const std::string odd = "anon\t'\\1\r";
  events.push_back(stored(EventRow{odd, generate.start_ms + 5000, "$page", {}}, events.size()));
  EventRow odd_link{"user-700", generate.start_ms - 1000, "$identify", {}};
  odd_link.anonymous_id = odd;
  events.push_back(stored(odd_link, events.size()));
  for (int k = 0; k < 100; k += 2) identify(k, k + 1);
  identify(1, 500);
  identify(2, 600);
  identify(500, 0);
  return events;
}

struct Dir {
  std::string path;
  explicit Dir(const std::string& name) : path("/tmp/cairn-" + name + "-" + std::to_string(::getpid())) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~Dir() { std::filesystem::remove_all(path); }
};

// A store at `path` whose commits wake `*exporter` once it is set.
struct Store {
  std::atomic<std::int64_t> last_id{0};
  std::atomic<ClickHouseExporter*> exporter{nullptr};
  std::unique_ptr<store::EventStore> store;

  explicit Store(const std::string& path) {
    store::EventStore::Options options;
    options.path = path;
    options.on_commit = [this](std::int64_t id) {
      last_id = id;
      if (ClickHouseExporter* e = exporter.load()) e->committed(id);
    };
    std::string error;
    store = store::EventStore::open(options, &error);
    REQUIRE(store);
  }
  ~Store() { store->close(); }
};

ClickHouseExporter::Options exporter_options(const ClickHouseServer& server, const std::string& database,
                                             const std::string& path, const std::string& collector) {
  ClickHouseExporter::Options o;
  o.endpoint = ClickHouseEndpoint{"127.0.0.1", server.http_port(), database, 120000};
  o.sqlite_path = path;
  o.collector_id = collector;
  o.min_backoff_ms = 10;
  o.max_backoff_ms = 100;
  return o;
}

// The first index >= `i` where the rows before and from it share no user
// and time (so the split leaves no timestamp tie between two collectors,
// whose relative arrival order is not the single store's; equal_time_chance
// makes ties within a collector's rows).
std::size_t split_without_tie(const std::vector<store::StoredEvent>& events, std::size_t i) {
  auto tied = [&](std::size_t k) {
    // A user's tied events are at most a batch of interleaved users apart.
    for (std::size_t j = k > 500 ? k - 500 : 0; j < k; ++j) {
      for (std::size_t m = k; m < std::min(events.size(), k + 500); ++m) {
        if (events[j].user == events[m].user && events[j].time_ms == events[m].time_ms) return true;
      }
    }
    return false;
  };
  while (i < events.size() && tied(i)) ++i;
  return i;
}

// `events` committed to a fresh SQLite file, exported as collector "c1" into
// database "cairn", and the in-memory engine started on the same file: the
// two sides every comparison reads. The exporter stops on destruction.
struct ExportedEvents {
  ExportedEvents(const ClickHouseServer& server, const std::string& name,
                 const std::vector<store::StoredEvent>& events)
      : dir(name),
        path(dir.path + "/cairn.db"),
        store(path),
        exporter(exporter_options(server, "cairn", path, "c1")),
        source(path, kApp),
        engine(source, AnalyticsEngine::Options{2, 0}),
        client(exporter_options(server, "cairn", path, "c1").endpoint) {
    commit(*store.store, kApp, events);
    store.exporter = &exporter;
    exporter.start();
    REQUIRE(exported(exporter, store.last_id));
    std::string error;
    REQUIRE(engine.start(&error));
  }
  ~ExportedEvents() {
    exporter.stop();
    store.exporter = nullptr;  // The store outlives the exporter.
  }

  Dir dir;
  std::string path;
  Store store;
  ClickHouseExporter exporter;
  SqliteEventSource source;
  AnalyticsEngine engine;
  ClickHouseClient client;
};

TEST_CASE("ClickHouse store: identity merge answers like the in-memory engine") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ClickHouseServer server;
  std::string error;
  REQUIRE(server.start(&error));
  const GeneratorOptions generate = suite_events();
  ExportedEvents exported_events(server, "clickhouse-identity", events_with_links(generate));
  AnalyticsEngine& engine = exported_events.engine;
  ClickHouseClient& client = exported_events.client;
  check_same_answers(engine, client, "cairn", kApp, generate);

  // The merge is visible: user-0's and user-1's events count as user-500's.
  TrendQuery q{{EventCondition{"$page", {}}}, TrendInterval::day, generate.start_ms - 3600000,
               generate.start_ms + 30 * 86400000LL, 0, {}, {}};
  auto ours = engine.trends(q, &error);
  REQUIRE(ours);
  ClickHouseQueryError ch_error;
  auto theirs = clickhouse_store_trends(client, "cairn", kApp, q, &ch_error);
  INFO(ch_error.message);
  REQUIRE(theirs);
  CHECK(theirs->series[0].users == ours->series[0].users);
  CHECK(ours->series[0].users == 1000 - 51);  // 50 pairs and user-1 → user-500 merged.
}

// Hand-made rows whose answers are known: who gave up on a guide step (closed
// the guide on it themselves and never completed it; a checklist left half
// ticked or a hint nobody opened is not given up), and hours in
// Australia/Lord_Howe across its half-hour change (with the change, hours
// start at local hours: 01:00, 02:30 for half an hour, 03:00). Both stores
// must give the known answer, not only the same one.
TEST_CASE("ClickHouse store: given-up guide steps and Lord Howe's hours, like the in-memory engine") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ClickHouseServer server;
  std::string error;
  REQUIRE(server.start(&error));
  constexpr std::int64_t kMinute = 60000;
  // 4 October 2026 02:00 at +10:30 (15:30 UTC on the 3rd): clocks go to 02:30 (+11).
  const std::int64_t change = 1791041400000;
  const std::int64_t from = change - 2 * 60 * kMinute;  // 00:00 local.
  std::vector<store::StoredEvent> events;
  auto add = [&](const std::string& user, std::int64_t t, const char* event, const char* guide, double step,
                 const char* reason = nullptr) {
    EventRow row{user, t, event, {{"guide_id", PropertyValue(std::string(guide))}, {"step_index", PropertyValue(step)}}};
    if (reason) row.properties.emplace_back("reason", PropertyValue(std::string(reason)));
    events.push_back(stored(row, events.size()));
  };
  for (int i = 0; i < 10; ++i) {
    const std::string c = "c" + std::to_string(i), h = "h" + std::to_string(i), t = "t" + std::to_string(i);
    add(c, from + i, "cairn_step_seen", "checklist", 0);  // 6 leave items unticked.
    if (i == 6 || i == 7) add(c, from + 100 + i, "cairn_step_completed", "checklist", 0);
    if (i >= 8) add(c, from + 100 + i, "cairn_guide_dismissed", "checklist", 0, "close_button");
    add(h, from + i, "cairn_step_seen", "hint", 0);  // Nobody opens it.
    add(t, from + i, "cairn_step_seen", "tour", 1);
    if (i < 3) add(t, from + 100 + i, "cairn_guide_dismissed", "tour", 1, i == 0 ? "escape_key" : "superseded");
    if (i >= 3) add(t, from + 100 + i, "cairn_step_completed", "tour", 1);
  }
  // Page views at 01:59 (+10:30), 02:40 and 03:10 (+11).
  for (auto [user, t] : {std::pair{"p1", change - kMinute}, {"p2", change + 10 * kMinute}, {"p3", change + 40 * kMinute}}) {
    events.push_back(stored(EventRow{user, t, "$page", {}}, events.size()));
  }
  ExportedEvents exported_events(server, "clickhouse-definitions", events);
  AnalyticsEngine& engine = exported_events.engine;
  ClickHouseClient& client = exported_events.client;

  auto gave_up = [](const StuckReport& r) {
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> out;  // guide -> (gave up, seen)
    for (const StuckStep& s : r.steps_by_drop_off) out[s.guide_id] = {s.gave_up_users, s.seen_users};
    return out;
  };
  const std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> expected{
      {"checklist", {2, 10}}, {"hint", {0, 10}}, {"tour", {1, 10}}};
  auto ours = engine.stuck(StuckQuery{}, &error);
  REQUIRE(ours);
  CHECK(gave_up(*ours) == expected);
  ClickHouseQueryError ch_error;
  auto theirs = clickhouse_store_stuck(client, "cairn", kApp, StuckQuery{}, &ch_error);
  INFO(ch_error.message);
  REQUIRE(theirs);
  CHECK(gave_up(*theirs) == expected);
  CHECK(theirs->steps_by_drop_off.back().guide_id == "hint");
  CHECK(boost::json::serialize(write_stuck_report(*theirs)) == boost::json::serialize(write_stuck_report(*ours)));

  TrendQuery hours{{EventCondition{"$page", {}}}, TrendInterval::hour, from, change + 90 * kMinute, 630, {},
                   {{change, 660}}};
  const std::vector<std::int64_t> starts{from, from + 60 * kMinute, change, change + 30 * kMinute,
                                         change + 90 * kMinute};
  const std::vector<std::uint64_t> counts{0, 1, 1, 1};  // 00:00, 01:00, 02:30, 03:00.
  auto our_hours = engine.trends(hours, &error);
  auto their_hours = clickhouse_store_trends(client, "cairn", kApp, hours, &ch_error);
  INFO(ch_error.message);
  REQUIRE(our_hours);
  REQUIRE(their_hours);
  for (const TrendReport* r : {&*our_hours, &*their_hours}) {
    REQUIRE(r->series[0].buckets.size() == 4);
    for (std::size_t b = 0; b < 4; ++b) {
      CHECK(r->series[0].buckets[b].start_ms == starts[b]);
      CHECK(r->series[0].buckets[b].events == counts[b]);
    }
  }
}

TEST_CASE("ClickHouse store: a funnel over rows spanning 60 days answers like the in-memory engine") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ClickHouseServer server;
  std::string error;
  REQUIRE(server.start(&error));
  // Beyond windowFunnel's 32-bit span (24.8 days): the engine on the rows.
  GeneratorOptions generate;
  generate.seed = 5;
  generate.users = 300;
  generate.events = 20000;
  generate.span_ms = 60LL * 86400000;
  generate.equal_time_chance = 0.15;
  ExportedEvents exported_events(server, "clickhouse-long-range", events_with_links(generate));
  AnalyticsEngine& engine = exported_events.engine;
  ClickHouseClient& client = exported_events.client;
  FunnelQuery q;  // The dashboard's shape: ordered, unique users, a long range.
  for (const std::string& n : generated_funnel_names()) q.steps.push_back(EventCondition{n, {}});
  q.from_ms = generate.start_ms;
  q.to_ms = generate.start_ms + 60LL * 86400000;
  store_test::check_same_funnel(engine, client, "cairn", kApp, q);
  q.from_ms.reset();  // Open range, rows of about 61 days.
  q.to_ms.reset();
  store_test::check_same_funnel(engine, client, "cairn", kApp, q);
  auto ours = engine.funnel(q, &error);
  REQUIRE(ours);
  CHECK(ours->steps[2].entered > 0);
  CHECK(ours->steps[1].median_ms_to_convert);  // Times to convert, unlike windowFunnel's answers.
}

// The rows a report loading `names` in [from_ms, to_ms) reads: those events
// in the range and every identify row, counted from what was committed.
std::uint64_t rows_loaded(const std::vector<store::StoredEvent>& events, const std::set<std::string>& names,
                          std::optional<std::int64_t> from_ms, std::optional<std::int64_t> to_ms) {
  std::uint64_t n = 0;
  for (const store::StoredEvent& e : events) {
    const bool in_range = (!from_ms || e.time_ms >= *from_ms) && (!to_ms || e.time_ms < *to_ms);
    n += (names.count(e.name) && in_range) || !e.anonymous_id.empty();
  }
  return n;
}

// A refusal at `cap` for `rows`: too_many_rows, the numbers and the advice.
void check_refused(const ClickHouseQueryError& error, std::uint64_t rows, std::uint64_t cap,
                   const std::string& advice) {
  INFO(error.message);
  CHECK(error.too_many_rows);
  CHECK(error.message.find("load " + std::to_string(rows) + " rows") != std::string::npos);
  CHECK(error.message.find("limit of " + std::to_string(cap) + " (--clickhouse-max-rows)") != std::string::npos);
  CHECK(error.message.find(advice) != std::string::npos);
}

// `ask(cap, error)` answers like `expected` (the in-memory engine's; `write`
// gives the JSON) with a cap of `rows`, and is refused with one less.
template <class Report, class Ask, class Write>
void check_cap_edge(const Report& expected, Ask ask, Write write, std::uint64_t rows, const std::string& advice) {
  ClickHouseQueryError error;
  std::optional<Report> theirs = ask(rows, &error);
  INFO(error.message);
  REQUIRE(theirs);
  theirs->data_version = expected.data_version;
  CHECK(boost::json::serialize(write(*theirs)) == boost::json::serialize(write(expected)));
  error = {};
  CHECK_FALSE(ask(rows - 1, &error));
  check_refused(error, rows, rows - 1, advice);
}

TEST_CASE("ClickHouse store: reports load at most the cap's rows, windowFunnel answers above kEngineFunnelMaxRows") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ClickHouseServer server;
  std::string error;
  REQUIRE(server.start(&error));
  GeneratorOptions generate;  // Small: the edges need exact counts, not volume.
  generate.seed = 9;
  generate.users = 200;
  generate.events = 20000;
  generate.span_ms = 30LL * 86400000;  // Beyond windowFunnel's 24.8 days when the range is open.
  generate.guide_and_frustration_events = true;
  const std::vector<store::StoredEvent> events = events_with_links(generate);
  ExportedEvents exported_events(server, "clickhouse-row-cap", events);
  AnalyticsEngine& engine = exported_events.engine;
  ClickHouseClient& client = exported_events.client;
  const std::set<std::string> report_events = {"cairn_guide_seen",      "cairn_step_seen",      "cairn_step_completed",
                                               "cairn_guide_dismissed", "cairn_target_missing", "cairn_guide_completed",
                                               "cairn_rage_click",      "cairn_dead_click"};
  const std::int64_t from_ms = generate.start_ms + 86400000;
  const std::int64_t to_ms = generate.start_ms + 11 * 86400000LL;
  FunnelQuery ordered;
  for (const std::string& n : generated_funnel_names()) ordered.steps.push_back(EventCondition{n, {}});
  ordered.from_ms = from_ms;
  ordered.to_ms = to_ms;
  const std::set<std::string> steps(generated_funnel_names().begin(), generated_funnel_names().end());
  auto ours = [&](const FunnelQuery& q) {
    std::optional<FunnelResult> r = engine.funnel(q, &error);
    REQUIRE(r);
    return *r;
  };
  ClickHouseQueryError ch_error;

  {  // A funnel only the engine answers: rows == cap answers, cap + 1 is refused.
    FunnelQuery strict = ordered;
    strict.order = FunnelOrder::strict;
    const std::uint64_t rows = rows_loaded(events, steps, from_ms, to_ms);
    REQUIRE(rows > 100);
    const FunnelResult expected = ours(strict);
    CHECK(expected.steps[1].median_ms_to_convert);
    check_cap_edge(
        expected,
        [&](std::uint64_t cap, ClickHouseQueryError* e) {
          return clickhouse_store_funnel(client, "cairn", kApp, strict, e, kEngineFunnelMaxRows, cap);
        },
        [&](const FunnelResult& r) { return write_funnel_result(r, strict); }, rows,
        "an ordered funnel counting unique users");
  }
  {  // The windowFunnel switch: step rows == engine_max_rows runs the engine, one more windowFunnel.
    const std::uint64_t step_rows = rows_loaded(events, steps, from_ms, to_ms) - rows_loaded(events, {}, {}, {});
    const FunnelResult expected = ours(ordered);
    auto engine_answer = clickhouse_store_funnel(client, "cairn", kApp, ordered, &ch_error, step_rows);
    INFO(ch_error.message);
    REQUIRE(engine_answer);
    CHECK(engine_answer->steps == expected.steps);  // Times to convert included.
    REQUIRE(expected.steps[1].median_ms_to_convert);
    auto window_answer = clickhouse_store_funnel(client, "cairn", kApp, ordered, &ch_error, step_rows - 1);
    REQUIRE(window_answer);
    for (std::size_t k = 0; k < expected.steps.size(); ++k) {
      CHECK(window_answer->steps[k].entered == expected.steps[k].entered);
      CHECK(window_answer->steps[k].converted == expected.steps[k].converted);
      CHECK_FALSE(window_answer->steps[k].median_ms_to_convert);  // windowFunnel gives no times.
    }
    // Under kEngineFunnelMaxRows but over the cap: windowFunnel answers rather than refusing.
    const std::uint64_t rows = rows_loaded(events, steps, from_ms, to_ms);
    auto capped = clickhouse_store_funnel(client, "cairn", kApp, ordered, &ch_error, kEngineFunnelMaxRows, rows - 1);
    REQUIRE(capped);
    CHECK(capped->steps[2].entered == expected.steps[2].entered);
    CHECK_FALSE(capped->steps[1].median_ms_to_convert);
    // windowFunnel and trends load only the identity links, and those within the cap too.
    constexpr std::uint64_t kLinks = 54;  // events_with_links: the odd id, 50 pairs and three more.
    ClickHouseQueryError links_error;
    CHECK(clickhouse_store_funnel(client, "cairn", kApp, ordered, &links_error, 0, kLinks));
    auto over = clickhouse_store_funnel(client, "cairn", kApp, ordered, &links_error, 0, kLinks - 1);
    CHECK_FALSE(over);
    CHECK(links_error.too_many_rows);
    CHECK(links_error.message.find("more than 53 identity links") != std::string::npos);
    TrendQuery trend{{EventCondition{"$page", {}}}, TrendInterval::day, from_ms, to_ms, 0, {}, {}};
    ClickHouseQueryError trend_error;
    CHECK(clickhouse_store_trends(client, "cairn", kApp, trend, &trend_error, kLinks));
    CHECK_FALSE(clickhouse_store_trends(client, "cairn", kApp, trend, &trend_error, kLinks - 1));
    CHECK(trend_error.too_many_rows);
    // Rows spanning 30 days (beyond windowFunnel): the engine within the cap, refused above it.
    FunnelQuery open = ordered;
    open.from_ms.reset();
    open.to_ms.reset();
    check_cap_edge(
        ours(open),
        [&](std::uint64_t cap, ClickHouseQueryError* e) {
          return clickhouse_store_funnel(client, "cairn", kApp, open, e, 0, cap);
        },
        [&](const FunnelResult& r) { return write_funnel_result(r, open); }, rows_loaded(events, steps, {}, {}),
        "a date range under 24 days");
  }
  {  // Guides: rows == cap answers, cap + 1 is refused; a goal reads every guide event.
    GuideQuery gq;
    gq.from_ms = from_ms;
    gq.to_ms = to_ms;
    REQUIRE(rows_loaded(events, report_events, from_ms, to_ms) > 100);
    auto ask = [&](std::uint64_t cap, ClickHouseQueryError* e) {
      return clickhouse_store_guides(client, "cairn", kApp, gq, e, cap);
    };
    auto expected = engine.guides(gq, &error);
    REQUIRE(expected);
    check_cap_edge(*expected, ask, write_guide_report, rows_loaded(events, report_events, from_ms, to_ms),
                   "choose a shorter date range (from_ms, to_ms)");
    gq.goal = EventCondition{"checkout_completed", {}};
    std::set<std::string> with_goal = report_events;
    with_goal.insert("checkout_completed");
    expected = engine.guides(gq, &error);
    REQUIRE(expected);
    check_cap_edge(*expected, ask, write_guide_report, rows_loaded(events, with_goal, {}, {}), "ask without the goal");
  }
  {  // Stuck: rows == cap answers, cap + 1 is refused.
    StuckQuery sq;
    sq.from_ms = from_ms;
    sq.to_ms = to_ms;
    auto expected = engine.stuck(sq, &error);
    REQUIRE(expected);
    CHECK_FALSE(expected->elements.empty());
    check_cap_edge(
        *expected,
        [&](std::uint64_t cap, ClickHouseQueryError* e) {
          return clickhouse_store_stuck(client, "cairn", kApp, sq, e, cap);
        },
        write_stuck_report, rows_loaded(events, report_events, from_ms, to_ms),
        "choose a shorter date range (from_ms, to_ms)");
  }
}

TEST_CASE("ClickHouse store: two collectors share one database, a retried message counts once") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ClickHouseServer server;
  std::string error;
  REQUIRE(server.start(&error));
  Dir dir("clickhouse-shared");
  const GeneratorOptions generate = suite_events();
  const std::vector<store::StoredEvent> events = events_with_links(generate);
  // Collector a stores [0, two_thirds), b stores [third, end): the middle
  // third reached both (the same messageIds).
  const std::size_t third = split_without_tie(events, events.size() / 3);
  const std::size_t two_thirds = split_without_tie(events, 2 * events.size() / 3);
  auto slice = [&](std::size_t from, std::size_t to) {
    return std::vector<store::StoredEvent>(events.begin() + static_cast<std::ptrdiff_t>(from),
                                           events.begin() + static_cast<std::ptrdiff_t>(to));
  };

  Store one(dir.path + "/one.db");  // The whole truth, for the in-memory engine.
  commit(*one.store, kApp, events);
  Store a(dir.path + "/a.db");
  Store b(dir.path + "/b.db");
  ClickHouseExporter export_a(exporter_options(server, "shared", dir.path + "/a.db", "collector-a"));
  ClickHouseExporter export_b(exporter_options(server, "shared", dir.path + "/b.db", "collector-b"));
  a.exporter = &export_a;
  b.exporter = &export_b;
  export_a.start();
  export_b.start();
  // Interleaved commits, so each exporter's rows land among the other's.
  commit(*a.store, kApp, slice(0, two_thirds / 2));
  commit(*b.store, kApp, slice(third, (third + events.size()) / 2));
  commit(*a.store, kApp, slice(two_thirds / 2, two_thirds));
  commit(*b.store, kApp, slice((third + events.size()) / 2, events.size()));
  REQUIRE(exported(export_a, a.last_id));
  REQUIRE(exported(export_b, b.last_id));
  // A restart resumes from its own rows: nothing is exported twice.
  export_a.stop();
  ClickHouseExporter again(exporter_options(server, "shared", dir.path + "/a.db", "collector-a"));
  a.exporter = &again;
  again.start();
  commit(*a.store, kApp, {stored(EventRow{"late", generate.start_ms, "$page", {}}, events.size())});
  REQUIRE(exported(again, a.last_id));
  CHECK(again.stats().exported_rows == 1);

  ClickHouseClient client(exporter_options(server, "shared", "", "").endpoint);
  std::string body;
  REQUIRE(client.query("SELECT collector, count(), uniqExact(seq) FROM shared.events GROUP BY collector "
                       "ORDER BY collector FORMAT TabSeparated",
                       &body, &error));
  CHECK(body == "collector-a\t" + std::to_string(two_thirds + 1) + "\t" + std::to_string(two_thirds + 1) +
                    "\ncollector-b\t" + std::to_string(events.size() - third) + "\t" +
                    std::to_string(events.size() - third) + "\n");

  // The late row is not the truth's: compare before it counts.
  commit(*one.store, kApp, {stored(EventRow{"late", generate.start_ms, "$page", {}}, events.size())});
  SqliteEventSource source(dir.path + "/one.db", kApp);
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 0});
  REQUIRE(engine.start(&error));
  check_same_answers(engine, client, "shared", kApp, generate, two_thirds - third);
  export_b.stop();
  again.stop();
}

TEST_CASE("ClickHouse store: a table from before the collector column is upgraded, its rows kept") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ClickHouseServer server;
  std::string error;
  REQUIRE(server.start(&error));
  Dir dir("clickhouse-upgrade");
  const std::string path = dir.path + "/cairn.db";
  {  // The admin tables, so the collector id is made and kept as in the collector.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(admin::migrate_admin_schema(db).empty());
    sqlite3_close(db);
  }
  Store s(path);
  std::vector<store::StoredEvent> events;
  for (int i = 0; i < 10; ++i) {
    events.push_back(stored(EventRow{"u" + std::to_string(i % 3), 1767225600000 + i, i % 2 ? "b" : "a", {}}, i));
  }
  commit(*s.store, kApp, {events.begin(), events.begin() + 6});
  // What an older collector exported: the first 6 rows, without the new columns.
  ClickHouseClient client(exporter_options(server, "old", path, "").endpoint);
  ClickHouseClient bootstrap(exporter_options(server, "default", path, "").endpoint);
  REQUIRE(bootstrap.query("CREATE DATABASE old", nullptr, &error));
  REQUIRE(client.query("CREATE TABLE old.events (app String, user String, time_ms Int64, seq UInt64, event String, "
                       "properties String) ENGINE = MergeTree ORDER BY (app, user, time_ms, seq)",
                       nullptr, &error));
  std::string old_rows;
  for (int i = 0; i < 6; ++i) {
    old_rows += std::string(kApp) + "\t" + events[i].user + "\t" + std::to_string(events[i].time_ms) + "\t" +
                std::to_string(i + 1) + "\t" + events[i].name + "\t{}\n";
  }
  REQUIRE(client.insert("INSERT INTO old.events (app, user, time_ms, seq, event, properties) FORMAT TabSeparated",
                        old_rows, &error));
  commit(*s.store, kApp, {events.begin() + 6, events.end()});

  ClickHouseExporter exporter(exporter_options(server, "old", path, ""));  // Id from collector_secrets.
  s.exporter = &exporter;
  exporter.start();
  REQUIRE(exported(exporter, s.last_id));
  CHECK(exporter.stats().exported_rows == 4);
  const std::optional<std::string> id = load_or_create_collector_id(path, &error);
  REQUIRE(id);
  CHECK(id->size() == 32);
  CHECK(exporter.stats().collector_id == *id);
  std::string body;
  REQUIRE(client.query("SELECT collector, count(), uniqExact(seq), uniqExact(message_id) FROM old.events "
                       "GROUP BY collector FORMAT TabSeparated",
                       &body, &error));
  CHECK(body == *id + "\t10\t10\t10\n");
  FunnelQuery q;
  q.steps = {EventCondition{"a", {}}, EventCondition{"b", {}}};
  q.window_ms = 60000;
  ClickHouseQueryError ch_error;
  auto funnel = clickhouse_store_funnel(client, "old", kApp, q, &ch_error);
  INFO(ch_error.message);
  REQUIRE(funnel);
  CHECK(funnel->steps[0].entered == 3);
  CHECK(funnel->steps[1].entered == 3);
  exporter.stop();

  // A restore from an older backup: ClickHouse holds a row of this id beyond
  // the file's last id (an event the restore lost). The next exporter takes
  // a new id and exports the file's events again; the lost one stays.
  REQUIRE(client.query("INSERT INTO old.events (app, user, time_ms, seq, event, properties, collector, message_id) "
                       "VALUES ('shop', 'u3', 1767225600100, 11, 'b', '{}', '" + *id + "', 'm10')",
                       nullptr, &error));
  ClickHouseExporter restored(exporter_options(server, "old", path, ""));
  s.exporter = &restored;
  restored.start();
  REQUIRE(exported(restored, s.last_id));
  CHECK(restored.stats().collector_id != *id);
  CHECK(restored.stats().collector_id == load_or_create_collector_id(path, &error));
  CHECK(restored.stats().exported_rows == 10);
  REQUIRE(client.query("SELECT count() FROM old.events FORMAT TabSeparated", &body, &error));
  CHECK(body == "21\n");
  funnel = clickhouse_store_funnel(client, "old", kApp, q, &ch_error);
  REQUIRE(funnel);
  CHECK(funnel->steps[0].entered == 3);
  CHECK(funnel->steps[1].entered == 3);
  restored.stop();
}

}  // namespace
}  // namespace cairn::analytics
