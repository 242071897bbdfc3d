// The people index (people_index.h) kept by the event store itself: written
// with each stored identify row, traits merged per key (the latest identify
// naming a trait, by event time then arrival, decides it), emptied by
// erasure and app purge, and filled by the migrations from a version 2 or 3
// database's identify rows.
#include "store/people_index.h"

#include "admin/database.h"
#include "admin/schema.h"
#include "store/app_purge.h"
#include "store/event_store.h"
#include "store/schema.h"
#include "support/temp_database.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <algorithm>
#include <future>
#include <optional>
#include <string>
#include <vector>

namespace cs = cairn::store;
namespace fs = std::filesystem;
using cairn::admin::Database;
using cairn::admin::Statement;

namespace {

class IndexDir : public cairn::testing::TempDatabase {
 public:
  std::unique_ptr<cs::EventStore> open() const {
    cs::EventStore::Options options;
    options.path = path();
    std::string error;
    auto store = cs::EventStore::open(options, &error);
    INFO(error);
    REQUIRE(store);
    return store;
  }

  // The index row of `user` of `app_id`: "email|name|email_folded|name_folded|time_ms"
  // (NULL as "-"), or nullopt when it has none.
  std::optional<std::string> row(const std::string& app_id, const std::string& user) const {
    Database db(path());
    Statement s(db.handle(),
                "SELECT coalesce(p.email, '-') || '|' || coalesce(p.name, '-') || '|' || coalesce(p.email_folded, '-') "
                "|| '|' || coalesce(p.name_folded, '-') || '|' || p.time_ms FROM people AS p "
                "JOIN event_users AS u ON u.id = p.user JOIN event_apps AS a ON a.id = p.app "
                "WHERE a.app_id = ?1 AND u.user = ?2");
    s.bind(1, app_id).bind(2, user);
    if (!s.step()) return std::nullopt;
    return s.text(0);
  }
  std::int64_t scalar(const std::string& sql) const { return count(sql); }
};

std::size_t next_message = 0;

cs::StoredEvent identify(const std::string& user, std::int64_t time_ms, const std::string& traits,
                         std::string message_id = "") {
  cs::StoredEvent e;
  e.user = user;
  e.anonymous_id = user + "-anon";
  e.time_ms = e.received_ms = time_ms;
  e.type = 3;
  e.name = "$identify";
  e.message_id = message_id.empty() ? "m" + std::to_string(++next_message) : std::move(message_id);
  e.extra = R"({"context":{"library":{"name":"cairn"}},"traits":)" + traits + "}";
  return e;
}

cs::StoredEvent track(const std::string& user, std::int64_t time_ms) {
  cs::StoredEvent e;
  e.user = user;
  e.time_ms = e.received_ms = time_ms;
  e.name = "Clicked";
  e.message_id = "m" + std::to_string(++next_message);
  e.extra = R"({"traits":{"email":"not-an-identify@acme.io"}})";
  return e;
}

cs::WriteOutcome write(cs::EventStore& store, const std::string& app_id, std::vector<cs::StoredEvent> events) {
  std::promise<cs::WriteOutcome> done;
  auto outcome = done.get_future();
  REQUIRE(store.submit(app_id, std::move(events), [&](const cs::WriteOutcome& o) { done.set_value(o); }) ==
          cs::Submit::queued);
  cs::WriteOutcome o = outcome.get();
  INFO(o.error);
  REQUIRE(o.ok);
  return o;
}

void erase(cs::EventStore& store, const std::string& app_id, const std::string& key) {
  std::promise<cs::ErasureOutcome> done;
  auto outcome = done.get_future();
  REQUIRE(store.erase_person(app_id, key, [&](const cs::ErasureOutcome& o) { done.set_value(o); }) ==
          cs::Submit::queued);
  cs::ErasureOutcome o = outcome.get();
  INFO(o.error);
  REQUIRE(o.ok);
}

}  // namespace

TEST_CASE("identify_traits: email and name named or not, strings cut on a UTF-8 boundary") {
  cs::PersonTraits t = cs::identify_traits(R"({"traits":{"email":"Jane@Acme.io","name":"Jane Doe","plan":"pro"}})");
  CHECK((t.email.named && t.email.value == "Jane@Acme.io"));
  CHECK((t.name.named && t.name.value == "Jane Doe"));
  // Named with another value than a string: named, clearing.
  for (const char* clearing : {R"({"traits":{"email":42,"name":["x"]}})", R"({"traits":{"email":null,"name":null}})"}) {
    INFO(clearing);
    t = cs::identify_traits(clearing);
    CHECK((t.email.named && !t.email.value));
    CHECK((t.name.named && !t.name.value));
  }
  t = cs::identify_traits(R"({"traits":{"plan":"pro"}})");
  CHECK_FALSE(t.email.named);
  CHECK_FALSE(t.name.named);
  for (const char* none : {"", "not json", "[]", R"({"traits":"x"})", R"({"context":{}})"}) {
    INFO(none);
    CHECK_FALSE(cs::identify_traits(none).email.named);
  }
  const std::string long_name = std::string(199, 'a') + "\u00e9";  // 201 bytes: é is cut whole.
  CHECK(cs::identify_traits(R"({"traits":{"name":")" + long_name + "\"}}").name.value == std::string(199, 'a'));
}

TEST_CASE("merge_identify: per trait the latest identify naming it decides, in any merge order") {
  struct Call {
    cs::IdentifyStamp stamp;
    const char* traits;
  };
  // Sign-in with email and name, a plan change, a late batch's older
  // identify, a name removed, a retry at the same time arriving later.
  const std::vector<Call> calls = {
      {{1000, 1}, R"({"traits":{"email":"jane@acme.io","name":"Jane"}})"},
      {{2000, 2}, R"({"traits":{"plan":"pro"}})"},
      {{500, 5}, R"({"traits":{"email":"older@acme.io","name":"Old"}})"},
      {{3000, 3}, R"({"traits":{"name":null}})"},
      {{1000, 4}, R"({"traits":{"email":"Jane@Acme.io"}})"},
  };
  std::vector<std::size_t> order = {0, 1, 2, 3, 4};
  do {
    std::optional<cs::IndexedPerson> person;
    for (std::size_t i : order) person = cs::merge_identify(person, calls[i].stamp, cs::identify_traits(calls[i].traits));
    CHECK(person->latest.time_ms == 3000);
    CHECK(person->email.value == "Jane@Acme.io");  // (1000, 4): same time, later arrival.
    CHECK(person->email.set_by->event_id == 4);
    CHECK_FALSE(person->name.value);  // Removed at 3000.
    CHECK(person->name.set_by->event_id == 3);
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST_CASE("people index: each stored identify updates its key's row in the same commit, folded") {
  IndexDir dir;
  auto store = dir.open();
  write(*store, "app", {identify("u1", 1000, R"({"email":"Jane@Acme.IO","name":"ÖZTÜRK Ayşe"})"), track("u2", 1100)});
  // Readable as soon as the commit is acknowledged.
  CHECK(dir.row("app", "u1") == "Jane@Acme.IO|ÖZTÜRK Ayşe|jane@acme.io|öztürk ayşe|1000");
  CHECK_FALSE(dir.row("app", "u2"));  // A track event's traits are not a person's.
  // Segment-style: a later identify with only what changed keeps the rest.
  write(*store, "app", {identify("u1", 2000, R"({"plan":"pro"})")});
  CHECK(dir.row("app", "u1") == "Jane@Acme.IO|ÖZTÜRK Ayşe|jane@acme.io|öztürk ayşe|2000");
  // A named trait is replaced; null (or a non-string) removes it.
  write(*store, "app", {identify("u1", 3000, R"({"email":"jane@new.io","name":null})")});
  CHECK(dir.row("app", "u1") == "jane@new.io|-|jane@new.io|-|3000");
  write(*store, "app", {identify("u1", 4000, R"({"email":{"work":"x@y.io"}})")});
  CHECK(dir.row("app", "u1") == "-|-|-|-|4000");
  // Per app.
  write(*store, "app_b", {identify("u1", 500, R"({"email":"other@b.io"})")});
  CHECK(dir.row("app_b", "u1") == "other@b.io|-|other@b.io|-|500");
  CHECK(dir.row("app", "u1") == "-|-|-|-|4000");
}

TEST_CASE("people index: per trait the latest identify wins by event time, then arrival, whatever the arrival order") {
  IndexDir dir;
  auto store = dir.open();
  write(*store, "app", {identify("u1", 2000, R"({"email":"new@acme.io"})")});
  // A delayed batch: older, arriving later. It does not replace the newer
  // email, and gives the name no later identify named.
  write(*store, "app", {identify("u1", 1000, R"({"email":"old@acme.io","name":"Jane"})")});
  CHECK(dir.row("app", "u1") == "new@acme.io|Jane|new@acme.io|jane|2000");
  // The same time: the later arrival wins.
  write(*store, "app", {identify("u1", 2000, R"({"email":"same-time@acme.io"})")});
  CHECK(dir.row("app", "u1") == "same-time@acme.io|Jane|same-time@acme.io|jane|2000");
  // A retry of a stored message id is a duplicate: the index is left alone.
  write(*store, "app", {identify("u2", 3000, R"({"email":"first@acme.io"})", "retried")});
  cs::WriteOutcome o = write(*store, "app", {identify("u2", 4000, R"({"email":"retry@acme.io"})", "retried")});
  CHECK(o.duplicates == 1);
  CHECK(dir.row("app", "u2") == "first@acme.io|-|first@acme.io|-|3000");
}

TEST_CASE("people index: an erasure removes the person's row, a purged app's rows go") {
  IndexDir dir;
  {
    auto store = dir.open();
    write(*store, "app", {identify("jane", 1000, R"({"email":"jane@acme.io"})"),
                          identify("john", 1000, R"({"email":"john@acme.io"})")});
    write(*store, "gone", {identify("x", 1000, R"({"email":"x@gone.io"})")});
    erase(*store, "app", "jane");
    CHECK_FALSE(dir.row("app", "jane"));
    CHECK(dir.row("app", "john"));
    CHECK(dir.scalar("SELECT count(*) FROM people WHERE email = 'jane@acme.io'") == 0);
    // Identified again after the erasure: nothing of the erased traits merges back.
    write(*store, "app", {identify("jane", 2000, R"({"plan":"pro"})")});
    CHECK(dir.row("app", "jane") == "-|-|-|-|2000");
    // A new key may get the erased key's event_users id: it inherits nothing.
    write(*store, "app", {track("newcomer", 3000)});
    CHECK(dir.scalar("SELECT count(*) FROM people WHERE user NOT IN (SELECT id FROM event_users)") == 0);
    CHECK_FALSE(dir.row("app", "newcomer"));
  }
  // The purge of a deleted app (app_purge.h) takes its index rows.
  {
    Database db(dir.path());
    REQUIRE(cairn::admin::migrate_admin_schema(db.handle()).empty());
    REQUIRE(db.exec("INSERT INTO app_purges (app_id, deleted_at_ms) VALUES ('gone', 1)"));
  }
  auto store = dir.open();
  for (int i = 0; i < 500 && dir.scalar("SELECT count(*) FROM event_apps WHERE app_id = 'gone'") != 0; ++i) {
    usleep(10000);
  }
  CHECK(dir.scalar("SELECT count(*) FROM event_apps WHERE app_id = 'gone'") == 0);
  CHECK(dir.scalar("SELECT count(*) FROM people WHERE email = 'x@gone.io'") == 0);
  CHECK(dir.row("app", "john"));
}

TEST_CASE("people index: a purge chunk never leaves a people row whose user id is freed") {
  IndexDir dir;
  {
    auto store = dir.open();
    write(*store, "gone", {identify("a", 1000, R"({"email":"a@gone.io"})"), identify("b", 1000, R"({"email":"b@gone.io"})"),
                           identify("c", 1000, R"({"email":"c@gone.io"})")});
  }
  Database db(dir.path());
  REQUIRE(cairn::admin::migrate_admin_schema(db.handle()).empty());
  REQUIRE(db.exec("INSERT INTO app_purges (app_id, deleted_at_ms) VALUES ('gone', 1)"));
  // Chunks of 4 rows: 3 events and 1 more, then the rest. A freed event_users
  // id may go to another app's new key: it must not find this app's row.
  for (int chunk = 0; chunk < 10; ++chunk) {
    cairn::admin::Transaction tx(db);
    cs::PurgeChunk done;
    REQUIRE(cs::purge_app_chunk(db.handle(), "gone", 4, 99, &done).empty());
    REQUIRE(tx.commit());
    CHECK(dir.scalar("SELECT count(*) FROM people WHERE user NOT IN (SELECT id FROM event_users)") == 0);
    if (done.finished) break;
  }
  CHECK(dir.scalar("SELECT count(*) FROM people") == 0);
}

TEST_CASE("people index: the migration to version 3 fills it from a version 2 database's identify rows") {
  IndexDir dir;
  {
    auto store = dir.open();
    write(*store, "app", {identify("u1", 2000, R"({"email":"New@Acme.io","name":"Jane"})"), track("u1", 5000),
                          identify("u2", 1500, R"({"name":"Иван"})")});
    write(*store, "app", {identify("u1", 1000, R"({"email":"old@acme.io"})")});  // Older, arrived later.
    write(*store, "app_b", {identify("u1", 700, R"({"email":"b@b.io"})")});
    write(*store, "app", {identify("u3", 1000, R"({"email":"kept@acme.io"})"), identify("u3", 2000, R"({"plan":"pro"})")});
  }
  const std::string u1 = *dir.row("app", "u1");
  CHECK(u1 == "New@Acme.io|Jane|new@acme.io|jane|2000");
  // What a version 2 build left: the identify rows, no index.
  dir.exec("DROP TABLE people; UPDATE event_schema_version SET version = 2");
  {
    auto store = dir.open();
    CHECK(dir.scalar("SELECT version FROM event_schema_version") == cs::kEventSchemaVersion);
    CHECK(dir.row("app", "u1") == u1);
    CHECK(dir.row("app", "u2") == "-|Иван|-|иван|1500");
    CHECK(dir.row("app_b", "u1") == "b@b.io|-|b@b.io|-|700");
    CHECK(dir.row("app", "u3") == "kept@acme.io|-|kept@acme.io|-|2000");  // Merged, as when stored.
    CHECK(dir.scalar("SELECT count(*) FROM people") == 4);
    // And it is maintained from there on.
    write(*store, "app", {identify("u2", 9000, R"({"email":"ivan@acme.io"})")});
    CHECK(dir.row("app", "u2") == "ivan@acme.io|Иван|ivan@acme.io|иван|9000");  // Merged with the name.
  }
  // Opened again: no second fill (the version is recorded), nothing changes.
  auto store = dir.open();
  CHECK(dir.scalar("SELECT count(*) FROM people") == 4);
}

TEST_CASE("people index: the migration to version 4 merges the older identifies into a version 3 index") {
  IndexDir dir;
  {
    auto store = dir.open();
    write(*store, "app", {identify("u1", 1000, R"({"email":"jane@acme.io","name":"Jane"})"),
                          identify("u1", 2000, R"({"plan":"pro"})"),
                          identify("u3", 1000, R"({"email":"old@acme.io"})"), identify("u3", 2000, R"({"email":null})"),
                          identify("u4", 1000, R"({"name":"Bob"})")});
  }
  CHECK(dir.row("app", "u1") == "jane@acme.io|Jane|jane@acme.io|jane|2000");
  // What a version 3 build left: no stamps, the latest identify's traits
  // only (u1's latest named neither).
  dir.exec("ALTER TABLE people DROP COLUMN email_time_ms; ALTER TABLE people DROP COLUMN email_event_id; "
           "ALTER TABLE people DROP COLUMN name_time_ms; ALTER TABLE people DROP COLUMN name_event_id; "
           "UPDATE people SET email = NULL, name = NULL, email_folded = NULL, name_folded = NULL "
           "WHERE user = (SELECT id FROM event_users WHERE user = 'u1'); "
           "UPDATE event_schema_version SET version = 3");
  CHECK(dir.row("app", "u1") == "-|-|-|-|2000");
  auto store = dir.open();
  CHECK(dir.scalar("SELECT version FROM event_schema_version") == 4);
  CHECK(dir.row("app", "u1") == "jane@acme.io|Jane|jane@acme.io|jane|2000");
  CHECK(dir.row("app", "u3") == "-|-|-|-|2000");  // Its latest identify removed the email: not brought back.
  CHECK(dir.row("app", "u4") == "-|Bob|-|bob|1000");
  // Merged from there on.
  write(*store, "app", {identify("u4", 3000, R"({"email":"bob@acme.io"})")});
  CHECK(dir.row("app", "u4") == "bob@acme.io|Bob|bob@acme.io|bob|3000");
}
