#include "config/config.h"

#include <catch2/catch.hpp>

using namespace cairn::config;

namespace {
LoadResult load(const std::vector<std::string>& args, const Environment& env = {}) {
  return load_config(args, env, [](const std::string&) { return std::nullopt; });
}
const std::string kSecret(32, 's');
}  // namespace

TEST_CASE("cluster flags: a follower names its primary and shares the secret") {
  LoadResult r = load({"--follow", "http://10.0.0.5:8470", "--cluster-secret", kSecret,
                       "--follow-interval-ms", "250"});
  REQUIRE(r.config);
  CHECK(r.config->follow_url == "http://10.0.0.5:8470");
  CHECK(r.config->cluster_secret == kSecret);
  CHECK(r.config->follow_interval_ms == 250);

  LoadResult env = load({}, {{"CAIRN_CLUSTER_SECRET", kSecret}});
  REQUIRE(env.config);
  CHECK(env.config->cluster_secret == kSecret);
  CHECK(env.config->follow_url.empty());
  CHECK(env.config->follow_interval_ms == 2000);
}

TEST_CASE("cluster flags: bad values are refused naming the option") {
  LoadResult no_secret = load({"--follow", "http://10.0.0.5:8470"});
  CHECK_FALSE(no_secret.config);
  CHECK(no_secret.error.find("--cluster-secret") != std::string::npos);

  LoadResult short_secret = load({"--cluster-secret", "short"});
  CHECK_FALSE(short_secret.config);
  CHECK(short_secret.error.find("--cluster-secret") != std::string::npos);

  LoadResult path = load({"--follow", "http://10.0.0.5:8470/x", "--cluster-secret", kSecret});
  CHECK_FALSE(path.config);
  CHECK(path.error.find("--follow") != std::string::npos);

  LoadResult fast = load({"--follow-interval-ms", "5"});
  CHECK_FALSE(fast.config);
  CHECK(fast.error.find("--follow-interval-ms") != std::string::npos);

  CHECK(help_text().find("CAIRN_FOLLOW") != std::string::npos);
  CHECK(help_text().find("CAIRN_CLUSTER_SECRET") != std::string::npos);
}
