// The collector's one reading of wall-clock time: milliseconds since the Unix
// epoch, as stored in events, sessions and guide versions. The core (sdk/)
// never reads a clock; the collector passes this value in.
#pragma once

#include <chrono>
#include <cstdint>

namespace cairn {

inline std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace cairn
