#include "recorder/retry_policy.h"

#include <algorithm>

namespace cairn::recorder {

FailureAction classify_failure(const DeliveryFailure& failure, std::size_t batch_events) {
  if (failure.kind == DeliveryFailure::Kind::network) return FailureAction::retry_later;
  const int status = failure.status;
  if (status == 413 && batch_events > 1) return FailureAction::split_batch;
  if (status == 408 || status == 429 || status >= 500) return FailureAction::retry_later;
  // 1xx/3xx reaching us means the adapter's fetch could not complete the
  // exchange (e.g. an opaque redirect); that is not the events' fault.
  if (status < 400) return FailureAction::retry_later;
  return FailureAction::drop;
}

std::int64_t retry_delay_ms(const BackoffLimits& limits, const DeliveryFailure& failure,
                            int attempt, RandomSource& random) {
  const double jitter = random_unit(random);
  const bool honours_retry_after = failure.kind == DeliveryFailure::Kind::http &&
                                   (failure.status == 429 || failure.status == 503) &&
                                   failure.retry_after_seconds && *failure.retry_after_seconds >= 0;
  if (honours_retry_after) {
    const std::int64_t cap_seconds = limits.max_retry_after_ms / 1000;
    const std::int64_t wait = std::min(*failure.retry_after_seconds, cap_seconds) * 1000;
    return wait + static_cast<std::int64_t>(jitter * static_cast<double>(wait / 10));
  }
  std::int64_t delay = std::max<std::int64_t>(limits.base_delay_ms, 1);
  for (int i = 1; i < attempt && delay < limits.max_delay_ms; ++i) delay *= 2;
  delay = std::min(delay, limits.max_delay_ms);
  const std::int64_t half = delay / 2;
  return delay - half + static_cast<std::int64_t>(jitter * static_cast<double>(half));
}

}  // namespace cairn::recorder
