// PublishedGuideChecks remembers one check per published guide; a deleted
// app's are forgotten, so the memory does not grow with app churn.
#include "guides/published_guide_checks.h"

#include "admin/app_directory.h"
#include "admin/schema.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <string>

using namespace cairn;

namespace {

struct TwoApps {
  admin::Database db{":memory:"};
  std::string migrated = admin::migrate_admin_schema(db.handle());
  admin::AppDirectory apps{db};
  guides::GuideStore store{db};
  guides::PublishedGuideChecks checks{store};

  TwoApps() { REQUIRE(migrated.empty()); }

  std::string add_app(const std::string& name) {
    std::optional<admin::App> app = apps.create_app(name, {}, 1);
    REQUIRE(app);
    return app->id;
  }

  // A published guide of `app_id`, as the guide list reads it.
  guides::GuideRecord published_guide(const std::string& app_id) {
    auto g = store.create(app_id, boost::json::parse(R"({"schema":1,"name":"Tour","steps":[]})").as_object(),
                          "acc_1", 10);
    REQUIRE(g);
    REQUIRE(store.publish(app_id, g->id, "", "acc_1", 11, g->revision).outcome == guides::ChangeOutcome::done);
    auto now = store.find(app_id, g->id);
    REQUIRE(now);
    return *now;
  }
};

}  // namespace

TEST_CASE("a deleted app's remembered guide checks are forgotten, other apps' kept") {
  TwoApps f;
  const std::string deleted = f.add_app("Deleted");
  const std::string kept = f.add_app("Kept");
  guides::GuideRecord gone1 = f.published_guide(deleted);
  guides::GuideRecord gone2 = f.published_guide(deleted);
  guides::GuideRecord stays = f.published_guide(kept);
  const std::string stays_problems = f.checks.problems(stays).summary();
  f.checks.problems(gone1);
  f.checks.problems(gone2);
  CHECK(f.checks.remembered() == 3);

  REQUIRE(f.apps.delete_app(deleted, 20) == admin::AppChange::done);
  f.checks.forget_app(deleted);
  CHECK(f.checks.remembered() == 1);

  // The other app's check is still remembered and still answers the same.
  CHECK(f.checks.problems(stays).summary() == stays_problems);
  CHECK(f.checks.remembered() == 1);
  f.checks.forget_app("app_never_existed");
  CHECK(f.checks.remembered() == 1);
}
