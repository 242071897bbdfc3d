// The analytics memory budget over HTTP, against the real binary started with
// --analytics-memory-mb 1: two apps whose indexes do not fit together, queried
// in turn, drop each other's index (cairn_analytics_engines_dropped_total on
// /metrics), and a dropped app's next query rebuilds it from the store with the
// same answer, including events ingested after the drop.
#include "server_fixture.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>

using namespace cairn::server_test;

namespace {

constexpr std::int64_t kBudgetBytes = 1024 * 1024;
// Events per app: enough that one app's index is measured (every 4,096 new
// rows) and over half the budget, so two never fit: ~3.5 MB here, ~290 bytes
// per event, as 7,200 users with 1-2 events each make per-user state dominate.
constexpr int kEventsPerApp = 12000;
constexpr int kEventsPerBatch = 1000;

const char* kFunnel = R"({"steps": [{"event": "signup"}, {"event": "activate"}]})";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A track event of `user` at `at_ms` (ISO time built by hand: the server test
// fixture has no time formatter, and whole seconds are enough here).
boost::json::object track(const std::string& user, const std::string& event, std::int64_t at_ms,
                          const std::string& message_id) {
  std::time_t seconds = static_cast<std::time_t>(at_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {{"type", "track"}, {"event", event}, {"userId", user}, {"messageId", message_id},
          {"timestamp", text}};
}

struct Ingested {
  int signups = 0;
  int activations = 0;
  // The funnel's first step as funnel() prints it: "entered/converted ".
  std::string first_step() const { return std::to_string(signups) + "/" + std::to_string(activations) + " "; }
};

// Ingests about kEventsPerApp events: users sign up, two in three also activate.
Ingested ingest(AdminFixture& f, const std::string& write_key, const std::string& prefix) {
  Ingested out;
  const std::int64_t start = now_ms() - 3600 * 1000;
  int sent = 0;
  int user = 0;
  while (sent < kEventsPerApp) {
    boost::json::array batch;
    while (batch.size() + 2 <= kEventsPerBatch && sent < kEventsPerApp) {
      const std::string id = prefix + std::to_string(user);
      batch.push_back(track(id, "signup", start + user, id + "-s"));
      ++sent;
      ++out.signups;
      if (user % 3 != 0) {
        batch.push_back(track(id, "activate", start + user + 1000, id + "-a"));
        ++sent;
        ++out.activations;
      }
      ++user;
    }
    boost::json::object body{{"batch", std::move(batch)}};
    HttpResult r = f.http.request("POST", f.c.url("/v1/batch"), boost::json::serialize(body),
                                  {"Content-Type: application/json", "X-Cairn-Write-Key: " + write_key});
    REQUIRE(r.status == 200);
  }
  return out;
}

// The value of metric `name` (a line "name VALUE") on /metrics.
std::int64_t metric(AdminFixture& f, const std::string& name) {
  HttpResult r = f.http.get(f.c.url("/metrics"));
  REQUIRE(r.status == 200);
  std::istringstream lines(r.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name + " ", 0) == 0) return std::stoll(line.substr(name.size() + 1));
  }
  FAIL("no metric " << name << " on /metrics");
  return -1;
}

// The funnel's per-step entered/converted counts, as text to compare answers.
std::string funnel(AdminFixture& f, const std::string& app_id) {
  HttpResult r = f.http.request("POST", f.c.url("/api/apps/" + app_id + "/analytics/funnel"), kFunnel,
                                f.admin.headers());
  INFO(r.body);
  REQUIRE(r.status == 200);
  const boost::json::value answer = r.json();
  std::string counts;
  for (const boost::json::value& step : answer.at("steps").as_array()) {
    counts += std::to_string(step.at("entered").to_number<std::int64_t>()) + "/" +
              std::to_string(step.at("converted").to_number<std::int64_t>()) + " ";
  }
  return counts;
}

}  // namespace

TEST_CASE("over the analytics memory budget, apps drop each other's index and rebuild it with the same answer") {
  AdminFixture f({"--analytics-memory-mb", "1"});
  REQUIRE(metric(f, "cairn_analytics_memory_budget_bytes") == kBudgetBytes);

  HttpResult created = f.http.request("POST", f.c.url("/api/apps"), R"({"name": "Second"})", f.admin.headers());
  REQUIRE(created.status == 201);
  const std::string second_id(created.json().at("app").at("id").as_string());
  HttpResult key = f.http.request("POST", f.c.url("/api/apps/" + second_id + "/keys"), "{}", f.admin.headers());
  REQUIRE(key.status == 201);
  const std::string second_key(key.json().at("key").at("key").as_string());

  const Ingested first = ingest(f, f.write_key, "a");
  const Ingested second = ingest(f, second_key, "b");
  const std::int64_t dropped_before = metric(f, "cairn_analytics_engines_dropped_total");

  // The first app alone: its index is over half the budget.
  const std::string first_answer = funnel(f, f.app_id);
  CHECK(first_answer.rfind(first.first_step(), 0) == 0);
  const std::int64_t one_index = metric(f, "cairn_analytics_index_bytes");
  INFO("one app's index: " << one_index << " bytes");
  REQUIRE(one_index > kBudgetBytes / 2);

  // The second app's query drops the first app's index: both do not fit.
  const std::string second_answer = funnel(f, second_id);
  CHECK(second_answer.rfind(second.first_step(), 0) == 0);
  CHECK(metric(f, "cairn_analytics_engines_dropped_total") == dropped_before + 1);
  // Only the second app's index is left (the most recently queried one is
  // kept even when it alone is over the budget: answering beats refusing).
  CHECK(metric(f, "cairn_analytics_engines") == 1);
  CHECK(metric(f, "cairn_analytics_index_bytes") < one_index + kBudgetBytes / 2);

  // The first app again: rebuilt from the store, same answer; the second drops.
  CHECK(funnel(f, f.app_id) == first_answer);
  CHECK(metric(f, "cairn_analytics_engines_dropped_total") == dropped_before + 2);

  // Events after a drop count: a user who only signed up activates now, while
  // the first app's index is dropped again by the second app's query.
  CHECK(funnel(f, second_id) == second_answer);
  boost::json::object late = track("a0", "activate", now_ms() - 1000, "a0-late");
  HttpResult r = f.http.request("POST", f.c.url("/v1/batch"),
                                boost::json::serialize(boost::json::object{{"batch", boost::json::array{late}}}),
                                f.key_headers());
  REQUIRE(r.status == 200);
  Ingested after = first;
  ++after.activations;
  CHECK(funnel(f, f.app_id).rfind(after.first_step(), 0) == 0);
}
