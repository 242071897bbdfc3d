#include "analytics_api/warm_up.h"

#include <catch2/catch.hpp>

using cairn::analytics_api::warm_up_order;
using Ids = std::vector<std::string>;

TEST_CASE("warm_up_order: the apps with the newest events first, then the rest as listed") {
  const Ids apps{"app_a", "app_b", "app_c", "app_d"};
  CHECK(warm_up_order(apps, {"app_c", "app_a"}) == Ids{"app_c", "app_a", "app_b", "app_d"});
  CHECK(warm_up_order(apps, {}) == apps);
  // An app the store knows but the directory does not (never created here,
  // e.g. rows from another collector's file) is not warmed; repeats count once.
  CHECK(warm_up_order(apps, {"app_gone", "app_d", "app_d"}) == Ids{"app_d", "app_a", "app_b", "app_c"});
  CHECK(warm_up_order({}, {"app_a"}).empty());
}
