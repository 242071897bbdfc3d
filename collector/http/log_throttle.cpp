#include "http/log_throttle.h"

namespace cairn::http {

bool LogThrottle::allow(std::chrono::steady_clock::time_point now, std::uint64_t* held_back) {
  std::lock_guard lock(mutex_);
  if (last_logged_ && now - *last_logged_ < interval_) {
    ++held_back_;
    return false;
  }
  last_logged_ = now;
  *held_back = held_back_;
  held_back_ = 0;
  return true;
}

}  // namespace cairn::http
