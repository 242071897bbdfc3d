// RetryPolicy: what the recorder does when sending a batch failed, and when it
// tries again. Exponential backoff with "equal jitter" (half the delay fixed,
// half random) so thousands of browsers that lost the collector at the same
// moment do not come back at the same moment, capped so an offline laptop still
// retries every few minutes, and overridden by the collector's Retry-After.
//
// Classification (see docs/recorder.md):
//   network error, 5xx, 408, 429 -> retry later (429/503 honour Retry-After)
//   413 with more than one event -> retry at once with smaller batches
//   any other 4xx                -> never retried; the batch is dropped
//
// Threading: plain values and functions.
#pragma once

#include "recorder/random_source.h"

#include <cstdint>
#include <optional>

namespace cairn::recorder {

struct BackoffLimits {
  std::int64_t base_delay_ms = 1'000;      // Delay before the first retry (before jitter).
  std::int64_t max_delay_ms = 300'000;     // Cap on any backoff delay: 5 minutes.
  std::int64_t max_retry_after_ms = 600'000;  // A larger Retry-After is clamped to this.
  // HTTP failures (5xx/408/429) after which a batch is dropped as undeliverable.
  // Network errors never count: being offline for a day must not lose events
  // (the queue bounds limit what is kept instead).
  int max_http_attempts = 10;
};

// Why a send did not succeed, as the adapter observed it.
struct DeliveryFailure {
  enum class Kind { network, http };
  Kind kind = Kind::network;
  int status = 0;                                 // HTTP status when kind == http.
  std::optional<std::int64_t> retry_after_seconds;  // Parsed Retry-After header, if any.

  static DeliveryFailure network_error() { return {}; }
  static DeliveryFailure http_status(int code, std::optional<std::int64_t> retry_after = {}) {
    return {Kind::http, code, retry_after};
  }
};

enum class FailureAction {
  retry_later,   // Keep the batch; send again after retry_delay_ms().
  split_batch,   // 413: the batch was too large; resend its events in smaller batches.
  drop,          // The collector will never accept it; drop and report.
};

// REQUIRES: `batch_events` is the number of events in the failed batch.
FailureAction classify_failure(const DeliveryFailure& failure, std::size_t batch_events);

// The delay before retry number `attempt` (1 = first retry) of a batch that
// failed with `failure`. Without Retry-After: d = min(max_delay, base * 2^(attempt-1)),
// returns d/2 + uniform[0, d/2]. With Retry-After (429 or 503 only, as RFC 9110
// defines it for those): the given seconds clamped to max_retry_after_ms, plus
// up to 10% jitter. Draws from `random` exactly twice in both cases so a seeded
// schedule is reproducible.
std::int64_t retry_delay_ms(const BackoffLimits& limits, const DeliveryFailure& failure,
                            int attempt, RandomSource& random);

}  // namespace cairn::recorder
