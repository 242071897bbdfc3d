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

TEST_CASE("limiter caps failures per IP across emails; successes between them change nothing") {
  LoginLimiter l;
  for (int i = 0; i < LoginLimiter::kMaxFailuresPerIp; ++i) {
    l.record("user" + std::to_string(i) + "@x", "1.2.3.4", false, 100 + i);
    l.record("known@x", "1.2.3.4", true, 100 + i);  // A known account does not reset the IP's count.
  }
  CHECK(l.retry_after_ms("new@x", "1.2.3.4", 200) > 0);
  CHECK(l.retry_after_ms("new@x", "5.6.7.8", 200) == 0);
}

TEST_CASE("a team behind one address signing in all morning is never locked out") {
  LoginLimiter l;
  for (int i = 0; i < 10 * LoginLimiter::kMaxFailuresPerIp; ++i) {
    const std::string email = "member" + std::to_string(i % 40) + "@x";
    REQUIRE(l.retry_after_ms(email, "203.0.113.1", 1000 + i) == 0);
    l.record(email, "203.0.113.1", true, 1000 + i);
  }
}
