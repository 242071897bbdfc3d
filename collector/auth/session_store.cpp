#include "auth/session_store.h"

#include "crypto/tokens.h"

namespace cairn::auth {

std::optional<NewSession> SessionStore::create(const std::string& account_id, std::int64_t now_ms) {
  NewSession s;
  s.token = crypto::random_hex(32);
  s.csrf_token = crypto::random_hex(32);
  s.expires_at_ms = now_ms + kLifetimeMs;
  auto lock = db_.lock();
  // Expired rows are removed here so the table stays small without a sweeper.
  admin::Statement sweep(db_.handle(), "DELETE FROM sessions WHERE expires_at_ms <= ?1");
  sweep.bind(1, now_ms).run();
  admin::Statement insert(db_.handle(),
                          "INSERT INTO sessions (token_hash, account_id, csrf_token, "
                          "created_at_ms, expires_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, crypto::sha256_hex(s.token)).bind(2, account_id).bind(3, s.csrf_token).bind(4, now_ms)
      .bind(5, s.expires_at_ms);
  if (!insert.run()) return std::nullopt;
  return s;
}

std::optional<SessionInfo> SessionStore::find(const std::string& token, std::int64_t now_ms) {
  admin::Statement s(db_.handle(),
                     "SELECT account_id, csrf_token, expires_at_ms FROM sessions "
                     "WHERE token_hash = ?1 AND expires_at_ms > ?2");
  s.bind(1, crypto::sha256_hex(token)).bind(2, now_ms);
  if (!s.step()) return std::nullopt;
  return SessionInfo{s.text(0), s.text(1), s.integer(2)};
}

void SessionStore::revoke(const std::string& token) {
  admin::Statement s(db_.handle(), "DELETE FROM sessions WHERE token_hash = ?1");
  s.bind(1, crypto::sha256_hex(token)).run();
}

void SessionStore::revoke_all(const std::string& account_id) {
  admin::Statement s(db_.handle(), "DELETE FROM sessions WHERE account_id = ?1");
  s.bind(1, account_id).run();
}

void SessionStore::revoke_others(const std::string& account_id, const std::string& kept_token) {
  admin::Statement s(db_.handle(), "DELETE FROM sessions WHERE account_id = ?1 AND token_hash <> ?2");
  s.bind(1, account_id).bind(2, crypto::sha256_hex(kept_token)).run();
}

}  // namespace cairn::auth
