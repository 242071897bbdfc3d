#include "rules/bucket.h"

#include <cmath>

namespace cairn::rules {

namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

std::uint64_t fmix64(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Percent (0..100, two decimals) to a bucket count (0..10000).
std::uint32_t buckets_for(double percent) {
  if (!(percent > 0)) return 0;
  if (percent >= 100) return kBuckets;
  return static_cast<std::uint32_t>(std::llround(percent * 100));
}

}  // namespace

std::uint32_t bucket(std::string_view user_id, std::string_view seed) {
  std::uint64_t h = fnv1a(kFnvOffset, seed);
  h = fnv1a(h, ":");
  h = fnv1a(h, user_id);
  return static_cast<std::uint32_t>(fmix64(h) % kBuckets);
}

std::string rollout_seed(const guide::Audience& rollout, std::string_view guide_id) {
  return rollout.salt.empty() ? std::string(guide_id) : rollout.salt;
}

bool in_rollout(std::string_view user_id, std::string_view seed, double percent) {
  std::uint32_t limit = buckets_for(percent);
  if (limit >= kBuckets) return true;
  if (user_id.empty()) return false;
  return bucket(user_id, seed) < limit;
}

std::string experiment_seed(const guide::Experiment& experiment, std::string_view guide_id) {
  if (!experiment.salt.empty()) return experiment.salt;
  return std::string(guide_id) + "/experiment";
}

VariantAssignment assign_variant(const guide::Experiment& experiment, std::string_view guide_id,
                                 std::string_view user_id) {
  VariantAssignment out;
  std::uint64_t total_weight = 0;
  for (const guide::Variant& v : experiment.variants) {
    if (v.weight > 0) total_weight += static_cast<std::uint64_t>(v.weight);
  }
  if (user_id.empty() || total_weight == 0) {
    out.holdout = true;
    return out;
  }
  std::uint32_t b = bucket(user_id, experiment_seed(experiment, guide_id));
  std::uint32_t holdout = buckets_for(experiment.holdout_percent);
  if (b < holdout) {
    out.holdout = true;
    return out;
  }
  // Position within the non-holdout range, scaled to the total weight: variant
  // i owns [cum_(i-1), cum_i) of weight space. Integer math, so every platform
  // agrees exactly.
  std::uint64_t range = kBuckets - holdout;
  std::uint64_t position = (static_cast<std::uint64_t>(b - holdout) * total_weight) / range;
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < experiment.variants.size(); ++i) {
    std::int64_t w = experiment.variants[i].weight;
    if (w <= 0) continue;
    cumulative += static_cast<std::uint64_t>(w);
    if (position < cumulative) {
      out.variant = i;
      return out;
    }
  }
  out.variant = experiment.variants.size() - 1;
  return out;
}

}  // namespace cairn::rules
