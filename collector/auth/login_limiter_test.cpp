#include "auth/login_limiter.h"

#include <catch2/catch.hpp>

using cairn::auth::LoginLimiter;

TEST_CASE("limiter locks an email after the named number of failures, for the window") {
  LoginLimiter l;
  std::int64_t t = 1'000'000;
  for (int i = 0; i < LoginLimiter::kMaxFailuresPerEmail; ++i) {
    CHECK(l.retry_after_ms("A@x.com", "ip" + std::to_string(i), t) == 0);
    l.record("a@x.com", "ip" + std::to_string(i), false, t);
  }
  CHECK(l.retry_after_ms("a@x.com", "other-ip", t) == LoginLimiter::kWindowMs);
  CHECK(l.retry_after_ms("b@x.com", "other-ip", t) == 0);
  CHECK(l.retry_after_ms("a@x.com", "other-ip", t + LoginLimiter::kWindowMs) == 0);
}

TEST_CASE("a success clears the email's failures") {
  LoginLimiter l;
  for (int i = 0; i < LoginLimiter::kMaxFailuresPerEmail - 1; ++i) l.record("a@x", "ip", false, 10);
  l.record("a@x", "ip", true, 11);
  l.record("a@x", "ip", false, 12);
  CHECK(l.retry_after_ms("a@x", "ip2", 13) == 0);
}

TEST_CASE("limiter caps attempts per IP across emails") {
  LoginLimiter l;
  for (int i = 0; i < LoginLimiter::kMaxAttemptsPerIp; ++i) {
    l.record("user" + std::to_string(i) + "@x", "1.2.3.4", i % 2 == 0, 100 + i);
  }
  CHECK(l.retry_after_ms("new@x", "1.2.3.4", 200) > 0);
  CHECK(l.retry_after_ms("new@x", "5.6.7.8", 200) == 0);
}
