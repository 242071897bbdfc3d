// RandomSource: where the recorder gets randomness (message ids, anonymous ids,
// retry jitter). The core may not touch a system RNG, so the host supplies one:
// the browser adapter wraps crypto.getRandomValues, tests use SeededRandom so a
// backoff schedule or an id sequence is exact and repeatable.
//
// Threading: a RandomSource is used by one Recorder on one thread.
#pragma once

#include <cstdint>

namespace cairn::recorder {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Returns 32 bits, each uniformly random. Message ids are only as unique as
  // these bits are unpredictable, so hosts should back this with a CSPRNG.
  virtual std::uint32_t next_u32() = 0;
};

// A deterministic generator (SplitMix64) for tests, tools and native hosts
// that want reproducible output. Not cryptographic.
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
  std::uint32_t next_u32() override;

 private:
  std::uint64_t state_;
};

// A uniformly random double in [0, 1) built from 53 random bits.
double random_unit(RandomSource& random);

}  // namespace cairn::recorder
