// What the People search's index costs and buys: ingest throughput of
// identify calls through the event store's own writer (which now also writes
// the people index, store/people_index.h), and the search's latency over
// every identified person of an app (people/people_search.h).
//
//   build/release/bench/people/cairn_people_search_bench [--people N] [--batch N] [--searches N]
//
// Stores `--people` identify calls of distinct users in requests of
// `--batch` events (each with the context an SDK sends), as ingest does,
// then searches: an email held by one person (the oldest: every person is
// read), a name in another case, a text no one holds (every person read),
// and a text everyone holds (stops at the limit). Built from the same source
// against an older tree, it gives the before/after ratio of ingest (see
// RESULTS.md); it uses only the API both have.
#include "admin/database.h"
#include "people/people_search.h"
#include "store/event_store.h"

#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
namespace store = cairn::store;
namespace people = cairn::people;

int option(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == name) return std::max(1, std::atoi(argv[i + 1]));
  }
  return fallback;
}

store::StoredEvent identify(int i) {
  const std::string n = std::to_string(i);
  store::StoredEvent e;
  e.user = "usr_" + n;
  e.anonymous_id = "anon-" + n;
  e.type = 3;
  e.name = "$identify";
  e.time_ms = e.received_ms = 1'790'000'000'000 + static_cast<std::int64_t>(i) * 1000;
  e.message_id = "m" + n;
  e.extra = R"({"context":{"library":{"name":"cairn-web","version":"1.4.0"},"page":{"path":"/app/projects",)"
            R"("url":"https://app.example.com/app/projects"},"userAgent":"Mozilla/5.0 (X11; Linux x86_64) )"
            R"(AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"},)"
            R"("traits":{"email":"person.)" + n + "@company-" + std::to_string(i % 5000) +
            R"(.example","name":"Person )" + n + R"( Müller","plan":"pro","company":"Company )" +
            std::to_string(i % 5000) + R"("},"sentAt":"2026-11-24T10:00:00.000Z"})";
  return e;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time, which a shared machine's load does not stretch as it does the
// wall clock: the whole process's (the writer thread included), or this
// thread's (a search runs on the caller's thread).
double process_cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  const int people_count = option(argc, argv, "--people", 200000);
  const int batch = option(argc, argv, "--batch", 100);
  const int searches = option(argc, argv, "--searches", 20);

  std::string pattern = (std::filesystem::temp_directory_path() / "cairn-people-search-bench-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  const std::string path = dir + "/cairn.db";
  int status = 0;
  {
    store::EventStore::Options options;
    options.path = path;
    std::string error;
    auto events = store::EventStore::open(options, &error);
    if (!events) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    // Requests are submitted as fast as the queue admits them; the writer
    // groups them as it does under load.
    const auto start = Clock::now();
    const double cpu_start = process_cpu_ms();
    std::vector<std::future<store::WriteOutcome>> pending;
    for (int first = 0; first < people_count; first += batch) {
      std::vector<store::StoredEvent> request;
      for (int i = first; i < std::min(people_count, first + batch); ++i) request.push_back(identify(i));
      auto promise = std::make_shared<std::promise<store::WriteOutcome>>();
      pending.push_back(promise->get_future());
      for (;;) {
        const store::Submit s = events->submit("app_bench", request,
                                               [promise](const store::WriteOutcome& o) { promise->set_value(o); });
        if (s == store::Submit::queued) break;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    }
    std::size_t stored = 0;
    for (auto& f : pending) {
      const store::WriteOutcome o = f.get();
      if (!o.ok) {
        std::fprintf(stderr, "write failed: %s\n", o.error.c_str());
        return 1;
      }
      stored += o.stored;
    }
    const double ingest_ms = ms_since(start);
    const double cpu_ms = process_cpu_ms() - cpu_start;
    std::printf("ingest: %zu identify events in requests of %d: %.0f ms, %.0f events/s; CPU %.0f ms, %.2f us/event\n",
                stored, batch, ingest_ms, stored / (ingest_ms / 1000.0), cpu_ms, cpu_ms * 1000.0 / stored);
  }

  cairn::admin::Database db(path);
  struct Case {
    const char* what;
    std::string text;
  };
  const Case cases[] = {
      {"the oldest person's email (every person read)", "person.0@company-0.example"},
      {"a name in another case (every person read)", "PERSON 0 MÜLLER"},
      {"a text no one holds (every person read)", "nobody@nowhere"},
      {"a text everyone holds (stops at the limit)", "company"},
      {"a user key prefix", "usr_19999"},
  };
  for (const Case& c : cases) {
    std::vector<double> times, cpu;
    std::size_t found = 0;
    bool truncated = false;
    for (int i = 0; i < searches; ++i) {
      people::PeopleSearchQuery query;
      query.app_id = "app_bench";
      query.text = c.text;
      query.limit = 20;
      std::string error;
      const auto start = Clock::now();
      const double cpu_start = thread_cpu_ms();
      std::optional<people::PeopleSearchResult> r = people::search_people(db, query, &error);
      times.push_back(ms_since(start));
      cpu.push_back(thread_cpu_ms() - cpu_start);
      if (!r) {
        std::fprintf(stderr, "search failed: %s\n", error.c_str());
        status = 1;
        break;
      }
      found = r->people.size();
      truncated = r->truncated;
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    if (times.empty()) continue;
    std::printf("search %-48s found %2zu%s: median %.2f ms (CPU %.2f ms), p95 %.2f ms\n", c.what, found,
                truncated ? " (truncated)" : "", times[times.size() / 2], cpu[cpu.size() / 2],
                times[times.size() * 95 / 100]);
  }

  // The migration's fill of the people index, where this build has one.
  bool has_index = false;
  {
    cairn::admin::Statement q(db.handle(), "SELECT 1 FROM sqlite_master WHERE name = 'people'");
    has_index = q.step();
  }
  if (has_index && db.exec("DROP TABLE people; UPDATE event_schema_version SET version = 2")) {
    store::EventStore::Options options;
    options.path = path;
    std::string error;
    const auto start = Clock::now();
    const double cpu_start = process_cpu_ms();
    auto events = store::EventStore::open(options, &error);
    std::printf("migration fill of the people index from %d identify rows: %.0f ms (CPU %.0f ms)%s\n", people_count,
                ms_since(start), process_cpu_ms() - cpu_start, events ? "" : (" FAILED: " + error).c_str());
    if (!events) status = 1;
  }
  std::filesystem::remove_all(dir);
  return status;
}
