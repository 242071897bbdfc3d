#include "recorder/random_source.h"

namespace cairn::recorder {

std::uint32_t SeededRandom::next_u32() {
  state_ += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<std::uint32_t>(z >> 32);
}

double random_unit(RandomSource& random) {
  const std::uint64_t high = random.next_u32() >> 5;  // 27 bits
  const std::uint64_t low = random.next_u32() >> 6;   // 26 bits
  return static_cast<double>((high << 26) | low) * 0x1.0p-53;
}

}  // namespace cairn::recorder
