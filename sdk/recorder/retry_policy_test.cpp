#include "recorder/retry_policy.h"

#include <catch2/catch.hpp>

namespace cr = cairn::recorder;
using Failure = cr::DeliveryFailure;

namespace {
// Returns a fixed sequence of words, so jitter is known exactly.
class FixedRandom final : public cr::RandomSource {
 public:
  explicit FixedRandom(std::uint32_t word) : word_(word) {}
  std::uint32_t next_u32() override { return word_; }

 private:
  std::uint32_t word_;
};
}  // namespace

TEST_CASE("classify_failure: what is retried, split or dropped") {
  CHECK(cr::classify_failure(Failure::network_error(), 10) == cr::FailureAction::retry_later);
  for (int status : {408, 429, 500, 502, 503, 504}) {
    CHECK(cr::classify_failure(Failure::http_status(status), 10) == cr::FailureAction::retry_later);
  }
  for (int status : {400, 401, 403, 404, 409, 422}) {
    CHECK(cr::classify_failure(Failure::http_status(status), 10) == cr::FailureAction::drop);
  }
  CHECK(cr::classify_failure(Failure::http_status(413), 10) == cr::FailureAction::split_batch);
  CHECK(cr::classify_failure(Failure::http_status(413), 1) == cr::FailureAction::drop);
  CHECK(cr::classify_failure(Failure::http_status(0), 1) == cr::FailureAction::retry_later);
}

TEST_CASE("backoff doubles from the base, is capped, and jitters between d/2 and d") {
  cr::BackoffLimits limits{.base_delay_ms = 1000, .max_delay_ms = 30'000};
  FixedRandom none(0);
  FixedRandom full(0xFFFFFFFFu);
  const std::int64_t expected_full[] = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
  for (int attempt = 1; attempt <= 7; ++attempt) {
    const std::int64_t d = expected_full[attempt - 1];
    CHECK(cr::retry_delay_ms(limits, Failure::network_error(), attempt, none) == d - d / 2);
    const std::int64_t top = cr::retry_delay_ms(limits, Failure::network_error(), attempt, full);
    CHECK(top <= d);
    CHECK(top >= d - 1);
  }
  // Huge attempt numbers do not overflow.
  CHECK(cr::retry_delay_ms(limits, Failure::network_error(), 1'000'000, none) == 15'000);
}

TEST_CASE("backoff schedule is exact and reproducible with a seeded random") {
  cr::BackoffLimits limits{.base_delay_ms = 500, .max_delay_ms = 8000};
  cr::SeededRandom a(2026), b(2026);
  std::vector<std::int64_t> first, second;
  for (int attempt = 1; attempt <= 8; ++attempt) {
    first.push_back(cr::retry_delay_ms(limits, Failure::http_status(500), attempt, a));
    second.push_back(cr::retry_delay_ms(limits, Failure::http_status(500), attempt, b));
  }
  CHECK(first == second);
  // Each delay is within its jitter band, computed independently here.
  cr::SeededRandom c(2026);
  std::int64_t d = 500;
  for (int attempt = 1; attempt <= 8; ++attempt) {
    const double u = cr::random_unit(c);
    CHECK(first[attempt - 1] == d - d / 2 + static_cast<std::int64_t>(u * static_cast<double>(d / 2)));
    d = std::min<std::int64_t>(d * 2, 8000);
  }
}

TEST_CASE("Retry-After is honoured for 429 and 503, clamped, and ignored otherwise") {
  cr::BackoffLimits limits{.base_delay_ms = 1000, .max_delay_ms = 30'000, .max_retry_after_ms = 120'000};
  FixedRandom none(0);
  FixedRandom full(0xFFFFFFFFu);
  CHECK(cr::retry_delay_ms(limits, Failure::http_status(503, 20), 1, none) == 20'000);
  CHECK(cr::retry_delay_ms(limits, Failure::http_status(429, 20), 5, none) == 20'000);
  const std::int64_t jittered = cr::retry_delay_ms(limits, Failure::http_status(429, 20), 1, full);
  CHECK(jittered >= 20'000);
  CHECK(jittered <= 22'000);
  CHECK(cr::retry_delay_ms(limits, Failure::http_status(503, 86'400), 1, none) == 120'000);
  CHECK(cr::retry_delay_ms(limits, Failure::http_status(503, 0), 1, none) == 0);
  // A negative value is not a Retry-After: plain backoff.
  CHECK(cr::retry_delay_ms(limits, Failure::http_status(503, -5), 1, none) == 500);
  // 500 with Retry-After: RFC 9110 gives it no meaning there; plain backoff.
  CHECK(cr::retry_delay_ms(limits, Failure::http_status(500, 20), 1, none) == 500);
}
