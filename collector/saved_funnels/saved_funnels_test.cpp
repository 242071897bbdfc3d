// Saved funnels without HTTP: the codec checks a saved funnel with the
// analytics API's own parser and reports pointers under /query; the store
// keeps names unique per app (ignoring ASCII case) and the per-app limit; a
// database left at admin schema version 2 upgrades to the saved-funnel table
// without losing its rows.
#include "admin/schema.h"
#include "saved_funnels/saved_funnel_json.h"
#include "saved_funnels/saved_funnel_store.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace bj = boost::json;
namespace sf = cairn::saved_funnels;

namespace {

constexpr const char* kQuery =
    R"({"steps": [{"event": "signup_started"}, {"event": "project_created"}], "window_ms": 3600000})";

std::optional<sf::SavedFunnelInput> read(const std::string& text, cairn::json::Problems& problems) {
  boost::system::error_code ec;
  bj::value body = bj::parse(text, ec);
  REQUIRE_FALSE(ec);
  return sf::read_saved_funnel_input(body, problems);
}

std::string pointers(const cairn::json::Problems& problems) {
  std::string out;
  for (const cairn::json::Problem& p : problems.stored()) out += p.pointer + ";";
  return out;
}

sf::SavedFunnelInput input(const std::string& name) {
  cairn::json::Problems problems;
  auto in = read(R"({"name": ")" + name + R"(", "query": )" + kQuery + "}", problems);
  REQUIRE(in);
  return *in;
}

// A database file in a fresh directory, removed at the end.
class DatabaseOnDisk {
 public:
  explicit DatabaseOnDisk(int schema_version = std::numeric_limits<int>::max()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "cairn-funnels-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    db_ = std::make_unique<cairn::admin::Database>(dir_ + "/cairn.db");
    REQUIRE(db_->valid());
    REQUIRE(cairn::admin::migrate_admin_schema(db_->handle(), schema_version).empty());
  }
  ~DatabaseOnDisk() {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  cairn::admin::Database& db() { return *db_; }
  int user_version() {
    cairn::admin::Statement s(db_->handle(), "PRAGMA user_version");
    REQUIRE(s.step());
    return static_cast<int>(s.integer(0));
  }
  void add_app(const std::string& id) {
    cairn::admin::Statement s(db_->handle(), "INSERT INTO apps (id, name, created_at_ms) VALUES (?1, ?1, 1)");
    s.bind(1, id);
    REQUIRE(s.run());
  }

 private:
  std::string dir_;
  std::unique_ptr<cairn::admin::Database> db_;
};

}  // namespace

TEST_CASE("saved funnel codec: the query is kept as sent and checked by the funnel parser") {
  cairn::json::Problems problems;
  auto in = read(R"({"name": "Onboarding", "query": )" + std::string(kQuery) + R"(, "compare": {"days": 30}})", problems);
  REQUIRE(in);
  CHECK(in->name == "Onboarding");
  CHECK(bj::parse(in->query_json) == bj::parse(kQuery));  // Not canonicalised: no defaults added.
  REQUIRE(in->compare);
  CHECK(in->compare->days == 30);

  cairn::json::Problems bad;
  CHECK_FALSE(read(R"({"name": "x", "query": {"steps": [{"event": "a"}, {"evnt": "b"}], "window_ms": 0}})", bad));
  CHECK(pointers(bad).find("/query/steps/1/event;") != std::string::npos);
  CHECK(pointers(bad).find("/query/steps/1/evnt;") != std::string::npos);
  CHECK(pointers(bad).find("/query/window_ms;") != std::string::npos);
}

TEST_CASE("saved funnel codec: names, comparison ranges and unknown fields") {
  auto problems_of = [](const std::string& text) {
    cairn::json::Problems problems;
    CHECK_FALSE(read(text, problems));
    return pointers(problems);
  };
  const std::string q = std::string(R"(, "query": )") + kQuery;
  CHECK(problems_of(R"({"name": ""})") == "/name;/query;");
  CHECK(problems_of(R"({"name": "   ")" + q + "}") == "/name;");
  CHECK(problems_of(R"({"name": "a\tb")" + q + "}") == "/name;");
  CHECK(problems_of(R"({"name": ")" + std::string(121, 'n') + "\"" + q + "}") == "/name;");
  CHECK(problems_of(R"({"name": 5)" + q + "}") == "/name;");
  CHECK(problems_of(R"({"name": "ok")" + q + R"(, "colour": "red"})") == "/colour;");
  CHECK(problems_of(R"({"name": "ok")" + q + R"(, "compare": {"days": 0}})") == "/compare/days;");
  CHECK(problems_of(R"({"name": "ok")" + q + R"(, "compare": {}})") == "/compare;");
  CHECK(problems_of(R"({"name": "ok")" + q + R"(, "compare": {"days": 7, "from_ms": 1, "to_ms": 2}})") == "/compare;");
  CHECK(problems_of(R"({"name": "ok")" + q + R"(, "compare": {"from_ms": 5}})") == "/compare/to_ms;");
  CHECK(problems_of(R"({"name": "ok")" + q + R"(, "compare": {"from_ms": 5, "to_ms": 5}})") == "/compare/to_ms;");
  CHECK(problems_of(R"([1])") == ";");

  // 120 characters of three bytes each is a valid name; null compare is none.
  std::string wide;
  for (int i = 0; i < 120; ++i) wide += "\xE6\xBC\x8F";
  cairn::json::Problems ok;
  auto in = read(R"({"name": ")" + wide + "\"" + q + R"(, "compare": null})", ok);
  REQUIRE(in);
  CHECK_FALSE(in->compare);
  sf::CompareRange fixed{std::nullopt, 1000, 2000};
  CHECK(sf::parse_compare_range(sf::write_compare_range(fixed)) == fixed);
}

TEST_CASE("saved funnel codec: a query the analytics body limit would refuse is refused") {
  const std::string value(sf::SavedFunnelLimits::kMaxQueryBytes, 'v');
  const std::string query = R"({"steps": [{"event": "a", "filters": [{"property": "p", "op": "eq", "value": ")" + value +
                            R"("}]}, {"event": "b"}]})";
  cairn::json::Problems problems;
  CHECK_FALSE(read(R"({"name": "Big", "query": )" + query + "}", problems));
  CHECK(pointers(problems) == "/query;");
}

TEST_CASE("saved funnel store: unique names per app, replace, remove, limit") {
  DatabaseOnDisk disk;
  disk.add_app("app_a");
  disk.add_app("app_b");
  sf::SavedFunnelStore store(disk.db());
  sf::SaveError error = sf::SaveError::storage;

  auto first = store.create("app_a", input("Onboarding"), "acc_1", 100, &error);
  REQUIRE(first);
  CHECK(error == sf::SaveError::none);
  CHECK(first->id.starts_with("sf_"));
  CHECK(first->created_at_ms == 100);
  CHECK_FALSE(store.create("app_a", input("ONBOARDING"), "acc_1", 101, &error));
  CHECK(error == sf::SaveError::name_taken);
  CHECK(store.create("app_b", input("Onboarding"), "acc_1", 102, &error));  // Another app.

  auto second = store.create("app_a", input("Activation"), "acc_2", 103, &error);
  REQUIRE(second);
  CHECK_FALSE(store.replace("app_a", second->id, input("onboarding"), 104, &error));
  CHECK(error == sf::SaveError::name_taken);
  auto renamed = store.replace("app_a", second->id, input("Activation v2"), 105, &error);
  REQUIRE(renamed);
  CHECK(renamed->name == "Activation v2");
  CHECK(renamed->created_by == "acc_2");
  CHECK(renamed->created_at_ms == 103);
  CHECK(renamed->updated_at_ms == 105);
  // The same name, other case, for the funnel itself is a rename, not a clash.
  CHECK(store.replace("app_a", first->id, input("onboarding"), 106, &error));
  CHECK_FALSE(store.replace("app_b", second->id, input("x"), 107, &error));  // Wrong app.
  CHECK(error == sf::SaveError::not_found);

  auto listed = store.list("app_a");
  REQUIRE(listed);
  REQUIRE(listed->size() == 2);
  CHECK((*listed)[0].id == first->id);
  CHECK((*listed)[1].id == second->id);

  CHECK(store.remove("app_b", first->id) == sf::SaveError::not_found);
  CHECK(store.remove("app_a", first->id) == sf::SaveError::none);
  CHECK(store.remove("app_a", first->id) == sf::SaveError::not_found);
  CHECK_FALSE(store.find("app_a", first->id));

  for (std::size_t i = 1; i < sf::SavedFunnelLimits::kMaxFunnelsPerApp; ++i) {
    REQUIRE(store.create("app_a", input("F" + std::to_string(i)), "acc_1", 200, &error));
  }
  CHECK_FALSE(store.create("app_a", input("One too many"), "acc_1", 300, &error));
  CHECK(error == sf::SaveError::too_many_funnels);
}

TEST_CASE("admin schema: a version 2 database upgrades through every later version in order") {
  DatabaseOnDisk disk(2);
  CHECK(disk.user_version() == 2);
  disk.add_app("app_a");
  REQUIRE(cairn::admin::migrate_admin_schema(disk.db().handle()).empty());
  CHECK(disk.user_version() >= 4);
  sf::SavedFunnelStore store(disk.db());
  sf::SaveError error = sf::SaveError::storage;
  CHECK(store.create("app_a", input("Kept"), "acc_1", 1, &error));
  auto listed = store.list("app_a");
  REQUIRE(listed);
  CHECK(listed->size() == 1);
  // Running the migrations again changes nothing.
  const int version = disk.user_version();
  REQUIRE(cairn::admin::migrate_admin_schema(disk.db().handle()).empty());
  CHECK(disk.user_version() == version);
}
