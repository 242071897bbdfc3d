// Deterministic user bucketing for percentage rollouts and A/B experiments.
//
// bucket(user_id, seed) is in [0, kBuckets) and depends only on the bytes of
// the two strings, so every platform (this C++ core natively or in WASM, the
// collector, an analytics query) puts a user in the same bucket, in every
// session. The exact algorithm, so that others can reproduce it:
//
//   bytes = UTF-8(seed) ++ ":" (0x3A) ++ UTF-8(user_id)
//   h = 0xcbf29ce484222325                          // 64-bit FNV-1a
//   for b in bytes: h = (h XOR b) * 0x100000001b3   (mod 2^64)
//   h ^= h >> 33; h *= 0xff51afd7ed558ccd;          // MurmurHash3 fmix64,
//   h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53;          // to spread FNV's low bits
//   h ^= h >> 33
//   bucket = h mod 10000
//
// Threading: pure functions.
#pragma once

#include "guide/guide.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::rules {

inline constexpr std::uint32_t kBuckets = 10000;

std::uint32_t bucket(std::string_view user_id, std::string_view seed);

// The seed a rollout predicate uses: its salt, or else the guide id.
std::string rollout_seed(const guide::Audience& rollout, std::string_view guide_id);

// True if the user is in the first `percent` percent of buckets (percent in
// [0, 100], resolution 0.01). An empty user id is never in a rollout below 100%.
bool in_rollout(std::string_view user_id, std::string_view seed, double percent);

// The seed an experiment uses: its salt, or else "<guide id>/experiment", so
// that a guide's rollout and its experiment split users independently.
std::string experiment_seed(const guide::Experiment& experiment, std::string_view guide_id);

struct VariantAssignment {
  bool holdout = false;
  std::size_t variant = 0;  // index into Experiment::variants; meaningless in holdout

  bool operator==(const VariantAssignment&) const = default;
};

// Buckets below holdout_percent*100 are the holdout; the remaining buckets are
// split among the variants in order, in proportion to their weights.
// REQUIRES: at least one variant, every weight > 0 (what the codec accepts).
// An empty user id is put in the holdout (no stable assignment).
VariantAssignment assign_variant(const guide::Experiment& experiment, std::string_view guide_id,
                                 std::string_view user_id);

}  // namespace cairn::rules
