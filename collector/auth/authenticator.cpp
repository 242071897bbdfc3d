#include "auth/authenticator.h"

#include "auth/password.h"

namespace cairn::auth {

bool is_state_changing(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool Authenticator::secure(const http::Request& request) const {
  return request.secure || public_origin_.rfind("https://", 0) == 0;
}

std::optional<http::Response> Authenticator::check_same_origin(const http::Request& request) const {
  if (auto site = request.header("Sec-Fetch-Site")) {
    if (*site == "cross-site" || *site == "same-site") {
      return http::error_response(403, "cross_site_request",
                                  "admin requests must come from the collector's own pages");
    }
  }
  auto origin = request.header("Origin");
  if (!origin) return std::nullopt;  // Non-browser clients; the CSRF token still applies.
  bool ok = false;
  if (!public_origin_.empty()) {
    ok = *origin == public_origin_;
  } else if (auto host = request.header("Host")) {
    ok = *origin == "http://" + std::string(*host) || *origin == "https://" + std::string(*host);
  }
  if (ok) return std::nullopt;
  return http::error_response(403, "origin_mismatch",
                              "Origin " + std::string(origin->substr(0, 200)) +
                                  " may not call the admin API");
}

std::variant<Principal, http::Response> Authenticator::authorize(const http::Request& request,
                                                                 Permission permission,
                                                                 std::int64_t now_ms) {
  std::optional<std::string> token = request.cookie(kSessionCookie);
  if (!token || token->empty() || token->size() > 128) {
    return http::error_response(401, "unauthenticated", "log in first (no session cookie)");
  }
  std::optional<SessionInfo> session = sessions_.find(*token, now_ms);
  if (!session) {
    return http::error_response(401, "unauthenticated", "the session is unknown or has expired");
  }
  std::optional<Account> account = accounts_.find_by_id(session->account_id);
  if (!account || account->disabled) {
    return http::error_response(401, "unauthenticated", "the account is disabled");
  }
  if (is_state_changing(request.method)) {
    if (auto refused = check_same_origin(request)) return *refused;
    auto csrf = request.header(kCsrfHeader);
    if (!csrf || !equal_constant_time(*csrf, session->csrf_token)) {
      return http::error_response(403, "csrf_failed",
                                  "missing or wrong X-Cairn-CSRF header (get it from /api/me)");
    }
  }
  if (!allows(account->role, permission)) {
    return http::error_response(403, "forbidden",
                                "role " + std::string(role_name(account->role)) +
                                    " lacks permission " + std::string(permission_name(permission)));
  }
  return Principal{std::move(*account), session->csrf_token, *token};
}

std::string Authenticator::session_cookie(const NewSession& session,
                                          const http::Request& request) const {
  // SameSite=Strict: the admin UI is never entered through a cross-site link
  // that needs the session on the first request, so Strict costs nothing and
  // blocks every cross-site send. Path=/ because /editor/ and /dashboard/ both
  // call /api/.
  std::string cookie = std::string(kSessionCookie) + "=" + session.token +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       std::to_string(SessionStore::kLifetimeMs / 1000);
  if (secure(request)) cookie += "; Secure";
  return cookie;
}

std::string Authenticator::clear_cookie(const http::Request& request) const {
  std::string cookie = std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  if (secure(request)) cookie += "; Secure";
  return cookie;
}

}  // namespace cairn::auth
