#include "auth/account_store.h"

#include "crypto/tokens.h"

namespace cairn::auth {

namespace {

Account read_account(const admin::Statement& s) {
  Account a;
  a.id = s.text(0);
  a.email = s.text(1);
  a.role = parse_role(s.text(2)).value_or(Role::viewer);
  a.disabled = s.integer(3) != 0;
  a.created_at_ms = s.integer(4);
  return a;
}

constexpr const char* kColumns = "id, email, role, disabled, created_at_ms";

}  // namespace

CreateAccountError AccountStore::create(const std::string& email, const std::string& password_hash,
                                        Role role, std::int64_t now_ms, Account* created) {
  auto lock = db_.lock();
  {
    admin::Statement exists(db_.handle(), "SELECT 1 FROM accounts WHERE email = ?1");
    exists.bind(1, email);
    if (exists.step()) return CreateAccountError::email_taken;
  }
  Account a;
  a.id = "acc_" + crypto::random_hex(8);
  a.email = email;
  a.role = role;
  a.created_at_ms = now_ms;
  admin::Statement insert(db_.handle(),
                          "INSERT INTO accounts (id, email, password_hash, role, disabled, "
                          "created_at_ms) VALUES (?1, ?2, ?3, ?4, 0, ?5)");
  insert.bind(1, a.id).bind(2, email).bind(3, password_hash).bind(4, role_name(role)).bind(5, now_ms);
  if (!insert.run()) return CreateAccountError::storage;
  if (created) *created = a;
  return CreateAccountError::none;
}

std::optional<Account> AccountStore::find_by_id(const std::string& id) {
  admin::Statement s(db_.handle(), std::string("SELECT ") + kColumns + " FROM accounts WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_account(s);
}

std::optional<Account> AccountStore::find_by_email(const std::string& email,
                                                   std::string* password_hash) {
  admin::Statement s(db_.handle(), std::string("SELECT ") + kColumns +
                                       ", password_hash FROM accounts WHERE email = ?1");
  s.bind(1, email);
  if (!s.step()) return std::nullopt;
  if (password_hash) *password_hash = s.text(5);
  return read_account(s);
}

std::vector<Account> AccountStore::list() {
  admin::Statement s(db_.handle(),
                     std::string("SELECT ") + kColumns + " FROM accounts ORDER BY created_at_ms, id");
  std::vector<Account> out;
  while (s.step()) out.push_back(read_account(s));
  return out;
}

bool AccountStore::set_role(const std::string& id, Role role) {
  admin::Statement s(db_.handle(), "UPDATE accounts SET role = ?2 WHERE id = ?1");
  s.bind(1, id).bind(2, role_name(role));
  return s.run() && sqlite3_changes(db_.handle()) > 0;
}

bool AccountStore::set_disabled(const std::string& id, bool disabled) {
  admin::Statement s(db_.handle(), "UPDATE accounts SET disabled = ?2 WHERE id = ?1");
  s.bind(1, id).bind(2, std::int64_t{disabled ? 1 : 0});
  return s.run() && sqlite3_changes(db_.handle()) > 0;
}

bool AccountStore::set_password_hash(const std::string& id, const std::string& password_hash) {
  admin::Statement s(db_.handle(), "UPDATE accounts SET password_hash = ?2 WHERE id = ?1");
  s.bind(1, id).bind(2, password_hash);
  return s.run() && sqlite3_changes(db_.handle()) > 0;
}

int AccountStore::enabled_admin_count() {
  admin::Statement s(db_.handle(),
                     "SELECT COUNT(*) FROM accounts WHERE role = 'admin' AND disabled = 0");
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

}  // namespace cairn::auth
