// LoginLimiter: slows password guessing. A login is refused (429) when the
// email has had kMaxFailuresPerEmail failed attempts, or the client IP
// kMaxFailuresPerIp, within kWindowMs. Only failures count: a guess is a
// failure, so spraying many emails from one IP is stopped as well, while a
// team behind one NAT address (or a proxy without --trust-proxy) signing in
// all morning is never locked out by its own successes. A success clears its
// email's failures, not its IP's (one known account must not reset the IP's
// count between guesses at others).
//
// Threading: thread-safe (one mutex; logins are rare).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace cairn::auth {

class LoginLimiter {
 public:
  static constexpr int kMaxFailuresPerEmail = 5;
  static constexpr int kMaxFailuresPerIp = 30;
  static constexpr std::int64_t kWindowMs = 15 * 60 * 1000;
  // Beyond this many tracked emails/IPs the oldest entries are dropped, so a
  // flood of distinct keys cannot exhaust memory.
  static constexpr std::size_t kMaxTrackedKeys = 100'000;

  // 0 when an attempt may proceed now, else milliseconds until it may.
  std::int64_t retry_after_ms(std::string_view email, std::string_view ip, std::int64_t now_ms);
  // Records an attempt's outcome (call after verifying the password).
  void record(std::string_view email, std::string_view ip, bool success, std::int64_t now_ms);

 private:
  using Window = std::deque<std::int64_t>;
  static void prune(Window& w, std::int64_t now_ms);
  static void bound(std::map<std::string, Window, std::less<>>& m);

  std::mutex mutex_;
  std::map<std::string, Window, std::less<>> email_failures_;
  std::map<std::string, Window, std::less<>> ip_failures_;
};

}  // namespace cairn::auth
