#include "event/clock_skew.h"

#include "time/iso8601.h"

#include <algorithm>
#include <limits>

namespace cairn::event {

namespace {

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t out;
  if (__builtin_add_overflow(a, b, &out)) {
    return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
  }
  return out;
}

}  // namespace

std::int64_t corrected_timestamp(std::optional<std::int64_t> timestamp_ms,
                                 std::optional<std::int64_t> sent_at_ms,
                                 std::int64_t received_at_ms) {
  if (!timestamp_ms) return received_at_ms;
  if (!sent_at_ms) return *timestamp_ms;
  std::int64_t skew;
  if (__builtin_sub_overflow(received_at_ms, *sent_at_ms, &skew)) {
    skew = received_at_ms > *sent_at_ms ? std::numeric_limits<std::int64_t>::max()
                                        : std::numeric_limits<std::int64_t>::min();
  }
  // Absurd clocks (an event stamped 1970 sent "in 9999") would move the
  // event out of the years any time is read and written in.
  return std::clamp(saturating_add(*timestamp_ms, skew), time::kMinMs, time::kMaxMs);
}

}  // namespace cairn::event
