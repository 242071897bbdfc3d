#include "auth/login_limiter.h"

#include <algorithm>
#include <cctype>

namespace cairn::auth {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

void LoginLimiter::prune(Window& w, std::int64_t now_ms) {
  while (!w.empty() && w.front() <= now_ms - kWindowMs) w.pop_front();
}

void LoginLimiter::bound(std::map<std::string, Window, std::less<>>& m) {
  while (m.size() > kMaxTrackedKeys) {
    auto oldest = m.begin();
    for (auto it = m.begin(); it != m.end(); ++it) {
      std::int64_t t = it->second.empty() ? 0 : it->second.back();
      std::int64_t o = oldest->second.empty() ? 0 : oldest->second.back();
      if (t < o) oldest = it;
    }
    m.erase(oldest);
  }
}

std::int64_t LoginLimiter::retry_after_ms(std::string_view email, std::string_view ip,
                                          std::int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::int64_t wait = 0;
  if (auto it = email_failures_.find(lower(email)); it != email_failures_.end()) {
    prune(it->second, now_ms);
    if (static_cast<int>(it->second.size()) >= kMaxFailuresPerEmail) {
      wait = std::max(wait, it->second.front() + kWindowMs - now_ms);
    }
  }
  if (auto it = ip_failures_.find(ip); it != ip_failures_.end()) {
    prune(it->second, now_ms);
    if (static_cast<int>(it->second.size()) >= kMaxFailuresPerIp) {
      wait = std::max(wait, it->second.front() + kWindowMs - now_ms);
    }
  }
  return wait;
}

void LoginLimiter::record(std::string_view email, std::string_view ip, bool success,
                          std::int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string key = lower(email);
  if (success) {
    email_failures_.erase(key);
    return;
  }
  Window& failures = email_failures_[key];
  prune(failures, now_ms);
  failures.push_back(now_ms);
  bound(email_failures_);
  Window& ip_failures = ip_failures_[std::string(ip)];
  prune(ip_failures, now_ms);
  ip_failures.push_back(now_ms);
  bound(ip_failures_);
}

}  // namespace cairn::auth
