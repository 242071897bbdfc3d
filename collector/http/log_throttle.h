// LogThrottle: lets a recurring failure reach the log at most once per
// interval, counting the occurrences held back, so a full disk under load or
// a ClickHouse that stays down writes a line now and then, not one per
// request or retry. The first occurrence is always logged.
//
// Threading: allow() is thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

namespace cairn::http {

class LogThrottle {
 public:
  explicit LogThrottle(std::chrono::milliseconds interval) : interval_(interval) {}

  // True when the occurrence at `now` should be logged; then `*held_back` is
  // the number of occurrences not logged since the last one that was.
  bool allow(std::chrono::steady_clock::time_point now, std::uint64_t* held_back);
  bool allow(std::uint64_t* held_back) { return allow(std::chrono::steady_clock::now(), held_back); }

 private:
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::optional<std::chrono::steady_clock::time_point> last_logged_;
  std::uint64_t held_back_ = 0;
};

}  // namespace cairn::http
