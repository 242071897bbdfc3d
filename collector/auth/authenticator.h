// Authenticator: turns an admin API request into the Principal behind it, or
// the error to answer, applying in order:
//   1. session cookie → live session → enabled account, else 401;
//   2. for state-changing methods (POST, PUT, PATCH, DELETE): the Origin
//      (and Sec-Fetch-Site) must be the collector's own, and X-Cairn-CSRF must
//      equal the session's CSRF token, else 403 (a cross-site page cannot read
//      the token, and cannot send a custom header without a CORS preflight the
//      admin API never grants);
//   3. the route's Permission must be allowed for the account's role by the
//      access policy table, else 403.
// A write key is never a credential here: it gives 401 like no credential.
//
// Threading: thread-safe.
#pragma once

#include "auth/access_policy.h"
#include "auth/account_store.h"
#include "auth/session_store.h"
#include "http/request.h"
#include "http/response.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace cairn::auth {

inline constexpr std::string_view kSessionCookie = "cairn_session";
inline constexpr std::string_view kCsrfHeader = "X-Cairn-CSRF";

struct Principal {
  Account account;
  std::string csrf_token;
  std::string session_token;
};

class Authenticator {
 public:
  // `public_origin` may be empty: the Origin must then match the Host header.
  Authenticator(AccountStore& accounts, SessionStore& sessions, std::string public_origin)
      : accounts_(accounts), sessions_(sessions), public_origin_(std::move(public_origin)) {}

  std::variant<Principal, http::Response> authorize(const http::Request& request,
                                                    Permission permission, std::int64_t now_ms);

  // The Origin/Sec-Fetch-Site check alone (login has no session yet).
  // Returns the 403 response when the request comes from another site.
  std::optional<http::Response> check_same_origin(const http::Request& request) const;

  // Set-Cookie values for a new session and for logging out.
  std::string session_cookie(const NewSession& session, const http::Request& request) const;
  std::string clear_cookie(const http::Request& request) const;

 private:
  bool secure(const http::Request& request) const;

  AccountStore& accounts_;
  SessionStore& sessions_;
  std::string public_origin_;
};

// True for methods that change state and therefore need the CSRF checks.
bool is_state_changing(std::string_view method);

}  // namespace cairn::auth
