#include "analytics/event_generator.h"

#include <algorithm>
#include <random>

namespace cairn::analytics {

namespace {

const char* const kNoise[] = {"$page", "$page", "$page", "click", "click", "search", "open_settings",
                              "view_report", "export_csv", "comment_added"};
const char* const kPlans[] = {"free", "free", "free", "pro", "pro", "team"};
const char* const kPaths[] = {"/", "/projects", "/projects/new", "/settings", "/billing",
                              "/reports", "/team", "/help", "/integrations", "/search"};

// Deterministic in `n` (not drawn from the user's generator, so the product
// events stay the same with or without these).
void add_guide_and_frustration_events(const EventRow& after, std::uint64_t n, std::vector<EventRow>* out) {
  using Props = std::vector<std::pair<std::string, PropertyValue>>;
  auto guide = [&](const char* event, double step, Props more = {}) {
    Props p = {{"guide_id", std::string(n % 2 ? "g1" : "g2")},
               {"step_index", step},
               {"variant", std::string(n % 5 ? "control" : "holdout")}};
    for (auto& m : more) p.push_back(std::move(m));
    out->push_back(EventRow{after.user, after.time_ms + 1, event, std::move(p)});
  };
  if (n % 31 == 0) guide("cairn_guide_seen", 0);
  if (n % 31 == 0) guide("cairn_step_seen", static_cast<double>(n % 3));
  if (n % 31 == 7) guide("cairn_step_completed", static_cast<double>(n % 3));
  if (n % 53 == 3) guide("cairn_guide_dismissed", 1, {{"reason", std::string("close_button")}});
  if (n % 67 == 5) guide("cairn_target_missing", 1);
  if (n % 43 == 2) {
    // `target` is the descriptor's JSON text; a store keeps it as the object
    // the SDK sends (tests/integration/analytics/clickhouse_store_test.cpp).
    Props p{{"url", std::string(n % 3 ? (n % 5 ? "https://shop.example/projects" : "https://shop.example/projects?tab=2")
                                      : "https://shop.example/billing")},
            {"selector", std::string(n % 4 ? "#save" : "#export")}};
    if (n % 7) {
      p.emplace_back("target", std::string(n % 4 ? R"({"tag":"button","id":"save","name":"Save","rect":{"x":10,"y":20}})"
                                                 : R"({"tag":"a","text":"Export","attributes":{"data-testid":"export"}})"));
    }
    out->push_back(EventRow{after.user, after.time_ms, n % 2 ? "cairn_rage_click" : "cairn_dead_click", std::move(p)});
  }
}

}  // namespace

const std::vector<std::string>& generated_funnel_names() {
  static const std::vector<std::string> names = {"signup_started", "project_created", "invite_sent",
                                                 "checkout_completed"};
  return names;
}

bool GeneratedEventSource::scan(const std::vector<std::string>& /*property_keys*/,
                                const std::function<void(const EventRow&)>& sink, std::string* /*error*/) {
  const GeneratorOptions& o = options_;
  const std::vector<std::string>& funnel = generated_funnel_names();
  const std::uint64_t per_user = o.users ? o.events / o.users : 0;
  std::uint64_t extra = o.users ? o.events % o.users : 0;
  std::vector<EventRow> batch;
  for (std::uint64_t first = 0; first < o.users; first += o.interleave_users) {
    batch.clear();
    const std::uint64_t last = std::min(o.users, first + o.interleave_users);
    for (std::uint64_t u = first; u < last; ++u) {
      std::mt19937_64 rng(o.seed * 1000003u + u);
      std::uniform_real_distribution<double> unit(0, 1);
      const std::string user = "user-" + std::to_string(u);
      const std::string plan = kPlans[rng() % 6];
      std::int64_t t = o.start_ms + static_cast<std::int64_t>(unit(rng) * static_cast<double>(o.span_ms));
      int progress = 0;                                 // Next funnel step.
      // Chance an event is the next step; a third of the users never start.
      const double eagerness = unit(rng) < 0.33 ? 0.0 : 0.002 + 0.03 * unit(rng);
      std::uint64_t count = per_user + (extra > 0 ? 1 : 0);
      if (extra > 0) --extra;
      for (std::uint64_t e = 0; e < count; ++e) {
        EventRow row;
        row.user = user;
        if (e > 0 && unit(rng) >= o.equal_time_chance) {
          if (unit(rng) < 0.04) {
            t += 1 + static_cast<std::int64_t>(std::exponential_distribution<double>(1.0 / (10.0 * 3600e3))(rng));
            if (unit(rng) < 0.3) progress = 0;  // A new attempt next session.
          } else {
            t += 1 + static_cast<std::int64_t>(std::exponential_distribution<double>(1.0 / 40e3)(rng));
          }
        }
        row.time_ms = t;
        if (unit(rng) < eagerness) {
          row.event = funnel[static_cast<std::size_t>(progress)];
          if (progress + 1 < static_cast<int>(funnel.size()) && unit(rng) < 0.6) ++progress;
          else if (unit(rng) < 0.5) progress = 0;  // Starts over (a retry).
        } else {
          row.event = kNoise[rng() % 10];
        }
        row.properties.emplace_back("plan", plan);
        if (row.event == "$page") row.properties.emplace_back("url", std::string(kPaths[rng() % 10]));
        if (row.event == "click") row.properties.emplace_back("count", static_cast<double>(1 + rng() % 3));
        batch.push_back(std::move(row));
        if (o.guide_and_frustration_events) {
          const EventRow product = batch.back();  // A copy: the batch grows below.
          add_guide_and_frustration_events(product, u * 7919 + e, &batch);
        }
      }
    }
    std::stable_sort(batch.begin(), batch.end(),
                     [](const EventRow& a, const EventRow& b) { return a.time_ms < b.time_ms; });
    for (const EventRow& row : batch) sink(row);
  }
  return true;
}

}  // namespace cairn::analytics
