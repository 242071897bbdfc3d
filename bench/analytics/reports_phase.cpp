#include "reports_phase.h"

#include "analytics/event_generator.h"
#include "analytics/guide_report.h"
#include "analytics/report_json.h"
#include "analytics/stuck_report.h"
#include "analytics/trend_report.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace cairn::analytics::bench {

namespace {

double wall_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU time of the whole process (all threads): with it, a loaded machine
// shows whether a slow parallel run waited for cores or did more work.
double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Timing {
  std::vector<double> wall, cpu;
  std::string answer;
};

// Runs `report` once, recording its times and checking it answers as before.
bool time_once(const std::function<std::string()>& report, Timing& timing) {
  const double wall = wall_now(), cpu = cpu_now();
  std::string answer = report();
  timing.wall.push_back(wall_now() - wall);
  timing.cpu.push_back(cpu_now() - cpu);
  if (timing.answer.empty()) timing.answer = std::move(answer);
  return answer.empty() || answer == timing.answer;
}

}  // namespace

int reports_phase(std::uint64_t events, std::uint64_t users, std::size_t threads, int repeats) {
  GeneratorOptions generator;
  generator.seed = 2026;
  generator.events = events;
  generator.users = users;
  generator.guide_and_frustration_events = true;
  GeneratedEventSource source(generator);
  std::vector<std::string> keys = stuck_report_property_keys();
  keys.push_back("plan");
  EventIndex index(keys);
  std::string error;
  const double load_started = wall_now();
  if (!index.load(source, &error)) {
    std::fprintf(stderr, "cairn_analytics_bench: %s\n", error.c_str());
    return 1;
  }
  index.shrink_to_fit();
  const double load_s = wall_now() - load_started;

  GuideQuery guide_query;
  guide_query.goal = EventCondition{"checkout_completed", {}};
  TrendQuery trend_query;
  trend_query.series = {EventCondition{"$page", {}}, EventCondition{"cairn_rage_click", {}},
                        EventCondition{"signup_started", {{"plan", FilterOp::eq, {PropertyValue(std::string("pro"))}}}}};
  trend_query.interval = TrendInterval::hour;
  trend_query.from_ms = generator.start_ms;
  trend_query.to_ms = generator.start_ms + 60LL * 24 * 3600 * 1000;

  const std::size_t many = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  struct Report {
    const char* name;
    std::function<std::string(const ParallelOptions&)> run;
  };
  auto must = [&](bool ok) {
    if (!ok) std::fprintf(stderr, "cairn_analytics_bench: %s\n", error.c_str());
    return ok;
  };
  const Report reports[] = {
      {"guide", [&](const ParallelOptions& o) {
         auto r = run_guide_report(index, guide_query, &error, o);
         return must(r.has_value()) ? boost::json::serialize(write_guide_report(*r)) : std::string();
       }},
      {"stuck", [&](const ParallelOptions& o) {
         auto r = run_stuck_report(index, StuckQuery{}, &error, o);
         return must(r.has_value()) ? boost::json::serialize(write_stuck_report(*r)) : std::string();
       }},
      {"trend", [&](const ParallelOptions& o) {
         auto r = run_trend_report(index, trend_query, &error, o);
         return must(r.has_value()) ? boost::json::serialize(write_trend_report(*r, trend_query)) : std::string();
       }},
  };

  std::printf("reports: %llu events, %zu users, index built in %.2f s; %d runs each, 1 and %zu threads alternated\n\n",
              static_cast<unsigned long long>(index.event_count()), index.user_count(), load_s, repeats, many);
  std::printf("| report | 1 thread wall | %zu threads wall | speed-up (wall) | 1 thread CPU | %zu threads CPU | identical |\n"
              "|---|---|---|---|---|---|---|\n", many, many);
  bool all_same = true;
  for (const Report& report : reports) {
    Timing one, several;
    bool same = true;
    for (int i = 0; i < repeats; ++i) {
      same &= time_once([&] { return report.run(ParallelOptions{1}); }, one);
      same &= time_once([&] { return report.run(ParallelOptions{many}); }, several);
    }
    same &= !one.answer.empty() && one.answer == several.answer;
    all_same &= same;
    std::printf("| %s | %.4f s | %.4f s | %.2fx | %.4f s | %.4f s | %s |\n", report.name, median_of(one.wall),
                median_of(several.wall), median_of(one.wall) / median_of(several.wall), median_of(one.cpu),
                median_of(several.cpu), same ? "yes" : "NO");
  }
  return all_same ? 0 : 2;
}

}  // namespace cairn::analytics::bench
