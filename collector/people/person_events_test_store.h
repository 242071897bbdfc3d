// Test helpers of the people tests: an events store on a fresh database file,
// written through the store's own group-commit writer (as ingest writes), and
// the admin connection the route reads through.
#pragma once

#include "admin/database.h"
#include "people/person_events.h"
#include "store/event_store.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cairn::people_test {

// Removed at the end.
class StoreOnDisk {
 public:
  StoreOnDisk() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cairn-people-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    store::EventStore::Options options;
    options.path = dir_ + "/cairn.db";
    std::string error;
    store_ = store::EventStore::open(options, &error);
    INFO(error);
    REQUIRE(store_);
    db_ = std::make_unique<admin::Database>(options.path);
    REQUIRE(db_->valid());
  }
  ~StoreOnDisk() {
    db_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Stores `events` of `app_id` and waits for the commit.
  void write(const std::string& app_id, std::vector<store::StoredEvent> events) {
    std::promise<store::WriteOutcome> done;
    auto outcome = done.get_future();
    REQUIRE(store_->submit(app_id, std::move(events), [&done](const store::WriteOutcome& o) { done.set_value(o); }) ==
            store::Submit::queued);
    REQUIRE(outcome.get().ok);
  }

  // Erases person `key` of `app_id` as DELETE /people/{key} does.
  void erase(const std::string& app_id, const std::string& key) {
    std::promise<bool> done;
    auto outcome = done.get_future();
    REQUIRE(store_->erase_person(app_id, key, [&done](const store::ErasureOutcome& o) { done.set_value(o.ok); }) ==
            store::Submit::queued);
    REQUIRE(outcome.get());
  }

  admin::Database& db() { return *db_; }

  people::PersonEventsPage read(people::PersonEventsQuery query) {
    std::string error;
    std::optional<people::PersonEventsPage> page = people::read_person_events(*db_, query, &error);
    INFO(error);
    REQUIRE(page);
    return *page;
  }
  people::PersonEventsPage read(const std::string& app_id, const std::string& user, std::size_t limit,
                                std::optional<std::int64_t> before_ms = std::nullopt) {
    people::PersonEventsQuery query;
    query.app_id = app_id;
    query.user_key = user;
    query.before_ms = before_ms;
    query.limit = limit;
    return read(std::move(query));
  }

 private:
  std::string dir_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<admin::Database> db_;
};

// "m7": built without `"m" + std::to_string(n)`, which trips GCC 12's false
// -Wrestrict at -O3.
inline std::string numbered(char prefix, std::size_t n) {
  std::string out = std::to_string(n);
  out.insert(out.begin(), prefix);
  return out;
}

// A new message id each call.
inline std::string next_message_id() {
  static std::size_t serial = 0;
  return numbered('m', ++serial);
}

inline store::StoredEvent stored(const std::string& user, std::int64_t time_ms, const std::string& name,
                                 std::string properties = "", std::string extra = "", int type = 0) {
  store::StoredEvent e;
  e.user = user;
  e.time_ms = time_ms;
  e.received_ms = time_ms;
  e.type = type;
  e.name = name;
  e.message_id = next_message_id();
  e.properties = std::move(properties);
  e.extra = std::move(extra);
  return e;
}

// An identify event of `user` carrying `anonymous_id`: the link.
inline store::StoredEvent identify(const std::string& anonymous_id, const std::string& user, std::int64_t time_ms) {
  store::StoredEvent e = stored(user, time_ms, "$identify", "", "", 3);
  e.anonymous_id = anonymous_id;
  return e;
}

inline std::vector<std::string> names(const people::PersonEventsPage& page) {
  std::vector<std::string> out;
  for (const people::StoredPersonEvent& e : page.events) out.push_back(e.event);
  return out;
}

}  // namespace cairn::people_test
