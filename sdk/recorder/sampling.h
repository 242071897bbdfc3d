// Sampling: record only a fixed share of users, and always the same users, so
// a sampled funnel is a funnel of whole journeys rather than random fragments.
// The decision hashes the user key (userId when known, else anonymousId) with
// a salt: the same user gets the same answer on every page, every device that
// knows their userId, and in every release; changing the salt re-draws.
//
// Threading: plain functions.
#pragma once

#include <cstdint>
#include <string_view>

namespace cairn::recorder {

// FNV-1a, 64 bits. Stable across platforms and releases: the sampling decision
// of a user must never change because we changed compilers.
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed = 0xCBF29CE484222325ULL);

// Where `user_key` falls in [0, 1) for `salt`.
double sample_position(std::string_view user_key, std::string_view salt);

// True when a user with `user_key` is in a sample of `rate` (clamped to [0, 1]).
// rate 1 keeps everybody, rate 0 nobody.
bool in_sample(std::string_view user_key, std::string_view salt, double rate);

}  // namespace cairn::recorder
