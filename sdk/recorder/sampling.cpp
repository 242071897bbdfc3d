#include "recorder/sampling.h"

namespace cairn::recorder {

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

double sample_position(std::string_view user_key, std::string_view salt) {
  // Salt, a separator that cannot occur in either part's meaning, then the key:
  // ("ab", "c") and ("a", "bc") must not collide.
  std::uint64_t hash = fnv1a64(salt);
  hash = fnv1a64(std::string_view("\x1f", 1), hash);
  hash = fnv1a64(user_key, hash);
  // FNV's low bits mix poorly for short inputs; a final avalanche (the
  // MurmurHash3 finaliser) spreads every input bit over the top 53.
  hash ^= hash >> 33;
  hash *= 0xFF51AFD7ED558CCDULL;
  hash ^= hash >> 33;
  hash *= 0xC4CEB9FE1A85EC53ULL;
  hash ^= hash >> 33;
  return static_cast<double>(hash >> 11) * 0x1.0p-53;
}

bool in_sample(std::string_view user_key, std::string_view salt, double rate) {
  if (!(rate > 0.0)) return false;  // Also NaN.
  if (rate >= 1.0) return true;
  return sample_position(user_key, salt) < rate;
}

}  // namespace cairn::recorder
