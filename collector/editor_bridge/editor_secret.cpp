#include "editor_bridge/editor_secret.h"

#include "crypto/tokens.h"

#include <string>

namespace cairn::editor_bridge {

namespace {
constexpr const char* kSecretName = "editor_token_hmac";
}  // namespace

std::optional<EditorSecret> load_or_create_editor_secret(admin::Database& db, std::int64_t now_ms) {
  const std::string fresh = crypto::random_hex(crypto_auth_hmacsha256_KEYBYTES);
  auto lock = db.lock();
  // OR IGNORE: another process on the same database may have created it first;
  // everyone then reads the one stored key.
  admin::Statement insert(db.handle(),
                          "INSERT OR IGNORE INTO collector_secrets (name, value_hex, created_at_ms) "
                          "VALUES (?1, ?2, ?3)");
  insert.bind(1, kSecretName).bind(2, fresh).bind(3, now_ms);
  if (!insert.run()) return std::nullopt;
  admin::Statement select(db.handle(), "SELECT value_hex FROM collector_secrets WHERE name = ?1");
  select.bind(1, kSecretName);
  if (!select.step()) return std::nullopt;
  const std::string stored = select.text(0);
  EditorSecret secret{};
  std::size_t length = 0;
  if (sodium_hex2bin(secret.data(), secret.size(), stored.data(), stored.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != secret.size()) {
    return std::nullopt;
  }
  return secret;
}

}  // namespace cairn::editor_bridge
