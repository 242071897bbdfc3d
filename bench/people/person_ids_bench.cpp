// How the People page finds the ids that are one person: the index walk over
// the identify rows (people/person_ids.h) against the way erasure does it
// (every identify row of the app replayed with identity::IdentityLinks), on
// the same database, in the same run, checking that both give the same ids.
//
//   build/release/bench/people/cairn_people_bench [--users N] [--lookups N] [--replays N]
//
// The store is filled through the event store's own writer, as ingest does:
// each user browses anonymously (2 page views), an identify links the
// anonymous id to the user, then 3 track events follow; every 10th user
// signs in from a second device (a second anonymous id). Prints per-lookup
// medians and p95s and their ratio.
#include "admin/database.h"
#include "identity/identity_links.h"
#include "people/person_ids.h"
#include "store/event_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
namespace store = cairn::store;

int option(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == name) return std::max(1, std::atoi(argv[i + 1]));
  }
  return fallback;
}

store::StoredEvent event(const std::string& user, const std::string& anonymous_id, int type, std::int64_t time_ms,
                         const std::string& message_id) {
  store::StoredEvent e;
  e.user = user;
  e.anonymous_id = anonymous_id;
  e.type = type;
  e.name = type == 3 ? "$identify" : type == 1 ? "$page" : "Clicked";
  e.time_ms = e.received_ms = time_ms;
  e.message_id = message_id;
  return e;
}

// One user's history; `devices` anonymous ids, each browsing then linked.
std::vector<store::StoredEvent> history(int u, int devices) {
  std::vector<store::StoredEvent> out;
  const std::string user = "user-" + std::to_string(u);
  std::int64_t t = 1'790'000'000'000 + static_cast<std::int64_t>(u) * 1000;
  for (int d = 0; d < devices; ++d) {
    const std::string anon = "anon-" + std::to_string(u) + "-" + std::to_string(d);
    for (int p = 0; p < 2; ++p) out.push_back(event(anon, anon, 1, t++, anon + "-p" + std::to_string(p)));
    out.push_back(event(user, anon, 3, t++, anon + "-identify"));
  }
  for (int k = 0; k < 3; ++k) out.push_back(event(user, "", 0, t++, user + "-t" + std::to_string(k)));
  return out;
}

// The erasure's way: every identify row of the app, replayed.
std::vector<std::string> by_replay(sqlite3* db, std::int64_t app, const std::string& key) {
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT e.anonymous_id, u.user FROM events AS e JOIN event_users AS u ON u.id = e.user "
                     "WHERE e.app = ?1 AND e.type = 3 AND e.anonymous_id IS NOT NULL ORDER BY e.id",
                     -1, &q, nullptr);
  sqlite3_bind_int64(q, 1, app);
  cairn::identity::IdentityLinks links;
  while (sqlite3_step(q) == SQLITE_ROW) {
    links.link(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)),
               reinterpret_cast<const char*>(sqlite3_column_text(q, 1)));
  }
  sqlite3_finalize(q);
  std::vector<std::string> ids = links.ids_through(key);
  std::sort(ids.begin() + 1, ids.end());
  return ids;
}

struct Times {
  std::vector<double> ms;
  double at(double q) {
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  }
};

double since_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int users = option(argc, argv, "--users", 50000);
  const int lookups = option(argc, argv, "--lookups", 2000);
  const int replays = option(argc, argv, "--replays", 20);

  std::string pattern = (std::filesystem::temp_directory_path() / "cairn-people-bench-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  const std::string path = dir + "/cairn.db";
  std::size_t events = 0;
  {
    store::EventStore::Options options;
    options.path = path;
    std::string error;
    auto writer = store::EventStore::open(options, &error);
    if (!writer) {
      std::fprintf(stderr, "cannot open the store: %s\n", error.c_str());
      return 1;
    }
    const auto start = Clock::now();
    std::vector<std::future<bool>> pending;
    std::vector<store::StoredEvent> batch;
    for (int u = 0; u < users; ++u) {
      for (auto& e : history(u, u % 10 == 0 ? 2 : 1)) batch.push_back(std::move(e));
      if (batch.size() >= 1000 || u + 1 == users) {
        events += batch.size();
        auto done = std::make_shared<std::promise<bool>>();
        pending.push_back(done->get_future());
        while (writer->submit("app_bench", std::move(batch), [done](const store::WriteOutcome& o) {
                 done->set_value(o.ok);
               }) != store::Submit::queued) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        batch.clear();
      }
    }
    for (auto& p : pending) {
      if (!p.get()) {
        std::fprintf(stderr, "a batch was not stored\n");
        return 1;
      }
    }
    std::printf("stored %zu events of %d users (%d identify rows) in %.1f s\n", events, users,
                users + (users + 9) / 10, since_ms(start) / 1000);
  }

  cairn::admin::Database db(path);
  sqlite3_stmt* find_app = nullptr;
  sqlite3_prepare_v2(db.handle(), "SELECT id FROM event_apps WHERE app_id = 'app_bench'", -1, &find_app, nullptr);
  sqlite3_step(find_app);
  const std::int64_t app = sqlite3_column_int64(find_app, 0);
  sqlite3_finalize(find_app);

  std::mt19937 random(7);
  std::uniform_int_distribution<int> pick(0, users - 1);
  Times walk, replay;
  std::size_t ranges = 0;
  int mismatches = 0;
  for (int i = 0; i < lookups; ++i) {
    const std::string key = "user-" + std::to_string(pick(random));
    std::string error;
    const auto start = Clock::now();
    auto ids = cairn::people::resolve_person_ids(db.handle(), app, key, {}, &error);
    walk.ms.push_back(since_ms(start));
    if (!ids) {
      std::fprintf(stderr, "walk failed: %s\n", error.c_str());
      return 1;
    }
    ranges += ids->index_ranges;
    if (i < replays) {
      const auto replay_start = Clock::now();
      std::vector<std::string> expected = by_replay(db.handle(), app, key);
      replay.ms.push_back(since_ms(replay_start));
      if (expected != ids->ids) ++mismatches;
    }
  }
  std::filesystem::remove_all(dir);

  std::printf("index walk (People page): %d lookups, median %.4f ms, p95 %.4f ms, %.1f index ranges each\n", lookups,
              walk.at(0.5), walk.at(0.95), static_cast<double>(ranges) / lookups);
  std::printf("replay of every identify row (erasure's way): %d lookups, median %.2f ms, p95 %.2f ms\n", replays,
              replay.at(0.5), replay.at(0.95));
  std::printf("walk / replay, medians: %.5fx (%.0fx faster); same ids in %d of %d compared lookups\n",
              walk.at(0.5) / replay.at(0.5), replay.at(0.5) / walk.at(0.5), replays - mismatches, replays);
  return mismatches == 0 ? 0 : 1;
}
