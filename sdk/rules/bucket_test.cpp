#include "rules/bucket.h"

#include <catch2/catch.hpp>

#include <array>
#include <string>

namespace cr = cairn::rules;
namespace cg = cairn::guide;

namespace {

// Built with append (not operator+) to dodge a GCC 12 -Wrestrict false positive.
std::string numbered(std::string_view prefix, int i) {
  std::string out(prefix);
  out.append(std::to_string(i));
  return out;
}

}  // namespace

// These values come from an independent Python implementation of the algorithm
// documented in bucket.h (docs/rules.md has the same script). If they change,
// every user on every platform would change bucket: that is a breaking change.
TEST_CASE("bucket values are fixed across platforms") {
  CHECK(cr::bucket("user-1", "welcome-tour") == 8640);
  CHECK(cr::bucket("user-2", "welcome-tour") == 1068);
  CHECK(cr::bucket("alice@example.com", "nps-q4/experiment") == 9355);
  CHECK(cr::bucket("", "g") == 7766);
  CHECK(cr::bucket("\xc3\xbc-\xc3\xb1", "guide") == 5918);  // "ü-ñ" as UTF-8
  CHECK(cr::bucket("42", "reports-launch-banner") == 1286);
}

TEST_CASE("bucket is stable and depends on both the user and the seed") {
  CHECK(cr::bucket("u", "g") == cr::bucket("u", "g"));
  int differs_by_seed = 0;
  int differs_by_user = 0;
  for (int i = 0; i < 100; ++i) {
    std::string user = numbered("user-", i);
    if (cr::bucket(user, "a") != cr::bucket(user, "b")) ++differs_by_seed;
    if (cr::bucket(user, "a") != cr::bucket(numbered(user, 0), "a")) ++differs_by_user;
  }
  CHECK(differs_by_seed > 95);
  CHECK(differs_by_user > 95);
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  CHECK(cr::bucket("c", "ab") != cr::bucket("bc", "a"));
}

TEST_CASE("buckets are uniform within 1% over 100k ids") {
  constexpr int kUsers = 100000;
  std::array<int, 10> deciles{};
  int in_rollout = 0;
  for (int i = 0; i < kUsers; ++i) {
    std::string user = numbered("user-", i);
    std::uint32_t b = cr::bucket(user, "distribution-test");
    REQUIRE(b < cr::kBuckets);
    ++deciles[b / 1000];
    if (cr::in_rollout(user, "distribution-test", 25)) ++in_rollout;
  }
  for (int count : deciles) {
    // Each decile holds 10% of users, to within one percentage point.
    CHECK(std::abs(count - kUsers / 10) <= kUsers / 100);
  }
  CHECK(std::abs(in_rollout - kUsers / 4) <= kUsers / 100);
}

TEST_CASE("rollout edges: 0% nobody, 100% everybody, anonymous only at 100%") {
  CHECK_FALSE(cr::in_rollout("u", "g", 0));
  CHECK(cr::in_rollout("u", "g", 100));
  CHECK(cr::in_rollout("", "g", 100));
  CHECK_FALSE(cr::in_rollout("", "g", 99.99));
  std::uint32_t b = cr::bucket("edge-user", "g");
  // A user in bucket b is in every rollout above b/100 percent and none at or below.
  CHECK(cr::in_rollout("edge-user", "g", (b + 1) / 100.0));
  CHECK_FALSE(cr::in_rollout("edge-user", "g", b / 100.0));
}

TEST_CASE("rollout and experiment seeds default to the guide id and may be salted") {
  cg::Audience rollout;
  rollout.kind = cg::AudienceKind::rollout;
  CHECK(cr::rollout_seed(rollout, "g1") == "g1");
  rollout.salt = "shared";
  CHECK(cr::rollout_seed(rollout, "g1") == "shared");
  cg::Experiment experiment;
  CHECK(cr::experiment_seed(experiment, "g1") == "g1/experiment");
  experiment.salt = "exp";
  CHECK(cr::experiment_seed(experiment, "g1") == "exp");
}

TEST_CASE("variants split by weight after the holdout, deterministically") {
  cg::Experiment experiment;
  experiment.holdout_percent = 10;
  experiment.variants = {cg::Variant{"a", 1, {}}, cg::Variant{"b", 3, {}}};
  constexpr int kUsers = 100000;
  int holdout = 0;
  std::array<int, 2> per_variant{};
  for (int i = 0; i < kUsers; ++i) {
    std::string user = numbered("u", i);
    cr::VariantAssignment a = cr::assign_variant(experiment, "g", user);
    CHECK(a == cr::assign_variant(experiment, "g", user));
    // The assignment is exactly the documented function of the bucket.
    std::uint32_t b = cr::bucket(user, "g/experiment");
    CHECK(a.holdout == (b < 1000));
    if (a.holdout) {
      ++holdout;
    } else {
      ++per_variant[a.variant];
    }
  }
  CHECK(std::abs(holdout - kUsers / 10) <= kUsers / 100);
  // 90% of users split 1:3.
  CHECK(std::abs(per_variant[0] - kUsers * 9 / 40) <= kUsers / 100);
  CHECK(std::abs(per_variant[1] - kUsers * 27 / 40) <= kUsers / 100);
}

TEST_CASE("an experiment without usable variants or user puts the user in holdout") {
  cg::Experiment empty;
  CHECK(cr::assign_variant(empty, "g", "u").holdout);
  cg::Experiment one;
  one.variants = {cg::Variant{"only", 1, {}}};
  CHECK(cr::assign_variant(one, "g", "").holdout);
  cr::VariantAssignment a = cr::assign_variant(one, "g", "u");
  CHECK_FALSE(a.holdout);
  CHECK(a.variant == 0);
}
