// Our engine against ClickHouse windowFunnel on identical data: several
// funnels and windows (1 s to 1 day), a property filter and a date range, on
// events with equal timestamps (ClickHouse reads them in arrival order); a
// filter on 64-bit integer ids.
#include "analytics/clickhouse_funnel.h"
#include "analytics/clickhouse_server.h"
#include "analytics/event_generator.h"
#include "analytics/event_index.h"
#include "analytics/funnel_engine.h"

#include "support/clickhouse_guard.h"

#include <catch2/catch.hpp>

#include <iostream>

namespace cairn::analytics {
namespace {

FunnelQuery funnel_of(std::initializer_list<int> steps, std::int64_t window_ms) {
  FunnelQuery q;
  for (int k : steps) q.steps.push_back(EventCondition{generated_funnel_names()[static_cast<std::size_t>(k)], {}});
  q.window_ms = window_ms;
  return q;
}

// Starts `server` with an empty events table; where to reach it.
ClickHouseEndpoint started_with_events_table(ClickHouseServer& server) {
  std::string error;
  REQUIRE(server.start(&error));
  ClickHouseEndpoint endpoint{"127.0.0.1", server.http_port(), "default", 120000};
  ClickHouseClient setup(endpoint);
  REQUIRE(setup.query(clickhouse_events_ddl("events"), nullptr, &error));
  return endpoint;
}

TEST_CASE("ordered funnels: engine counts equal ClickHouse windowFunnel") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ClickHouseServer server;
  ClickHouseClient client(started_with_events_table(server));
  std::string error;

  GeneratorOptions options;
  options.seed = 42;
  options.users = 3000;
  options.events = 150000;
  options.equal_time_chance = 0.15;
  GeneratedEventSource source(options);
  EventIndex index({"plan"});
  std::string tsv;
  std::uint64_t seq = 0;
  REQUIRE(source.scan({"plan"}, [&](const EventRow& row) {
    index.append(row);
    append_clickhouse_row(row, seq++, &tsv);
  }, &error));
  REQUIRE(client.insert("INSERT INTO events FORMAT TabSeparated", tsv, &error));

  std::vector<FunnelQuery> queries = {
      funnel_of({0, 1}, 1000),           funnel_of({0, 1}, 60000),
      funnel_of({0, 1, 2}, 3600000),     funnel_of({0, 1, 2, 3}, 86400000),
      funnel_of({0, 1, 2, 3}, 600000),   funnel_of({1, 0, 1}, 86400000),
      funnel_of({0, 0, 1}, 3600000),
  };
  FunnelQuery filtered = funnel_of({0, 1, 2}, 86400000);
  filtered.steps[1].filters.push_back(PropertyFilter{"plan", FilterOp::eq, {std::string("pro")}});
  queries.push_back(filtered);
  FunnelQuery ranged = funnel_of({0, 1, 2, 3}, 86400000);
  ranged.from_ms = options.start_ms + 2LL * 86400000;
  ranged.to_ms = options.start_ms + 9LL * 86400000;
  queries.push_back(ranged);

  for (std::size_t i = 0; i < queries.size(); ++i) {
    INFO("query " << i << ": " << clickhouse_funnel_sql("events", queries[i], 0, {true}));
    std::optional<FunnelResult> ours = run_funnel(index, queries[i], ParallelOptions{2}, &error);
    REQUIRE(ours);
    std::optional<FunnelResult> theirs = clickhouse_funnel(client, "events", queries[i], {true}, &error);
    INFO(error);
    REQUIRE(theirs);
    REQUIRE(ours->steps.size() == theirs->steps.size());
    for (std::size_t k = 0; k < ours->steps.size(); ++k) {
      CHECK(ours->steps[k].entered == theirs->steps[k].entered);
    }
    CHECK(ours->steps.back().entered > 0);
  }
}

// Two ids that one double holds: a float comparison alone would count both
// users (property_number.h).
TEST_CASE("windowFunnel filters tell 64-bit integer ids apart, like the engine") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ClickHouseServer server;
  ClickHouseClient client(started_with_events_table(server));
  std::string error;
  EventIndex index({"account"});
  std::string tsv;
  std::uint64_t seq = 0;
  for (const auto& [user, account] : std::vector<std::pair<std::string, std::int64_t>>{
           {"u1", 1234567890123456789}, {"u2", 1234567890123456788}, {"u3", -1234567890123456789}}) {
    for (const char* event : {"signup", "paid"}) {
      EventRow row{user, static_cast<std::int64_t>(1000 + seq), event, {{"account", PropertyNumber(account)}}};
      index.append(row);
      append_clickhouse_row(row, seq++, &tsv);
    }
  }
  REQUIRE(client.insert("INSERT INTO events FORMAT TabSeparated", tsv, &error));
  for (std::int64_t account : {std::int64_t{1234567890123456789}, std::int64_t{-1234567890123456789}}) {
    FunnelQuery q;
    q.steps = {EventCondition{"signup", {{"account", FilterOp::eq, {PropertyNumber(account)}}}},
               EventCondition{"paid", {}}};
    INFO(clickhouse_funnel_sql("events", q, 0, {true}));
    std::optional<FunnelResult> ours = run_funnel(index, q, ParallelOptions{1}, &error);
    std::optional<FunnelResult> theirs = clickhouse_funnel(client, "events", q, {true}, &error);
    INFO(error);
    REQUIRE(ours);
    REQUIRE(theirs);
    CHECK(ours->steps[0].entered == 1);
    CHECK(theirs->steps[0].entered == 1);
    CHECK(theirs->steps[1].entered == 1);
  }
}

TEST_CASE("ClickHouse engine refuses what windowFunnel cannot answer") {
  ClickHouseClient client(ClickHouseEndpoint{"127.0.0.1", 1, "default", 1000});
  std::string error;
  FunnelQuery q = funnel_of({0, 1}, 1000);
  q.order = FunnelOrder::strict;
  CHECK_FALSE(clickhouse_funnel(client, "events", q, {}, &error));
  CHECK(error.find("/order") == 0);
  q.order = FunnelOrder::ordered;
  q.count = FunnelCount::totals;
  CHECK_FALSE(clickhouse_funnel(client, "events", q, {}, &error));
  CHECK(error.find("/count") == 0);
  q.count = FunnelCount::unique_users;
  q.exclusions.push_back(FunnelExclusion{EventCondition{"x", {}}, 1});
  CHECK_FALSE(clickhouse_funnel(client, "events", q, {}, &error));
  CHECK(error.find("/exclusions") == 0);
  q.exclusions.clear();
  CHECK_FALSE(clickhouse_funnel(client, "events", q, {}, &error));  // Nothing listens on port 1.
  CHECK(error.find("clickhouse") != std::string::npos);
}

}  // namespace
}  // namespace cairn::analytics
