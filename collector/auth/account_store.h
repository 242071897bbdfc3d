// AccountStore: editor/dashboard accounts (email, Argon2id hash, role,
// disabled flag) in the `accounts` table.
//
// Threading: thread-safe; every method is one SQLite statement or transaction.
#pragma once

#include "admin/database.h"
#include "auth/access_policy.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::auth {

struct Account {
  std::string id;  // "acc_" + 16 hex.
  std::string email;
  Role role = Role::viewer;
  bool disabled = false;
  std::int64_t created_at_ms = 0;
};

enum class CreateAccountError { none, email_taken, storage };

class AccountStore {
 public:
  explicit AccountStore(admin::Database& db) : db_(db) {}

  // Creates an account with an already-hashed password.
  CreateAccountError create(const std::string& email, const std::string& password_hash, Role role,
                            std::int64_t now_ms, Account* created);

  std::optional<Account> find_by_id(const std::string& id);
  // Also returns the stored hash for login.
  std::optional<Account> find_by_email(const std::string& email, std::string* password_hash);
  std::vector<Account> list();

  // False when no such account.
  bool set_role(const std::string& id, Role role);
  bool set_disabled(const std::string& id, bool disabled);
  // Replaces the account's Argon2id hash (already computed).
  bool set_password_hash(const std::string& id, const std::string& password_hash);
  // Number of enabled admins (the last one cannot be demoted or disabled).
  int enabled_admin_count();

 private:
  admin::Database& db_;
};

}  // namespace cairn::auth
