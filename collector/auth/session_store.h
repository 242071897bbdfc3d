// SessionStore: login sessions. The browser holds a random 256-bit token in an
// HttpOnly cookie; the table holds only its SHA-256, so a leaked database
// backup cannot be replayed as a login. Each session also has a CSRF token the
// client sends back in the X-Cairn-CSRF header on every state-changing request.
//
// Threading: thread-safe.
#pragma once

#include "admin/database.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cairn::auth {

struct NewSession {
  std::string token;       // Goes into the cookie; never stored.
  std::string csrf_token;  // Returned in the login body and by /api/me.
  std::int64_t expires_at_ms = 0;
};

struct SessionInfo {
  std::string account_id;
  std::string csrf_token;
  std::int64_t expires_at_ms = 0;
};

class SessionStore {
 public:
  // Absolute lifetime: a session ends this long after login, active or not.
  static constexpr std::int64_t kLifetimeMs = 12LL * 60 * 60 * 1000;

  explicit SessionStore(admin::Database& db) : db_(db) {}

  std::optional<NewSession> create(const std::string& account_id, std::int64_t now_ms);
  // The live session for `token`, or nullopt (unknown or expired).
  std::optional<SessionInfo> find(const std::string& token, std::int64_t now_ms);
  void revoke(const std::string& token);
  // Ends every session of an account (disabled, role changed).
  void revoke_all(const std::string& account_id);
  // Ends every session of an account but the one holding `kept_token`
  // (password changed from that session).
  void revoke_others(const std::string& account_id, const std::string& kept_token);

 private:
  admin::Database& db_;
};

}  // namespace cairn::auth
