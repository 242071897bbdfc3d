#include "admin/app_directory.h"

#include "admin/schema.h"
#include "crypto/tokens.h"

#include <algorithm>
#include <mutex>

namespace cairn::admin {

namespace {

// Negative lookups are cached too (random keys from a scanner); the cache is
// cleared when it grows past this.
constexpr std::size_t kMaxCachedKeys = 10'000;
constexpr std::size_t kKeyPrefixLength = 10;

WriteKeyInfo read_key(const Statement& s) {
  WriteKeyInfo k;
  k.id = s.text(0);
  k.app_id = s.text(1);
  k.prefix = s.text(2);
  k.created_at_ms = s.integer(3);
  if (!s.is_null(4)) k.revoked_at_ms = s.integer(4);
  return k;
}

}  // namespace

bool is_valid_origin(const std::string& s) {
  auto scheme_end = s.find("://");
  if (scheme_end == std::string::npos) return false;
  std::string scheme = s.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  std::string rest = s.substr(scheme_end + 3);
  if (rest.empty() || rest.size() > 253) return false;
  for (char c : rest) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> normalized_origin(const std::string& typed) {
  // Scheme and host are case-insensitive and browsers send them in lower case,
  // so "HTTP://LocalHost:9100" is the origin "http://localhost:9100". An
  // origin has no path, so all of it may be lowered.
  std::string origin = typed;
  std::transform(origin.begin(), origin.end(), origin.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (!is_valid_origin(origin)) return std::nullopt;
  const std::size_t host_start = origin.find("://") + 3;
  const std::size_t host_end = origin[host_start] == '['
                                   ? origin.find(']', host_start) + 1  // IPv6 literal: its colons are no port.
                                   : origin.find(':', host_start);
  if (host_end == 0 || host_end == host_start) return std::nullopt;  // No "]", or no host.
  if (host_end == std::string::npos || host_end == origin.size()) return origin;
  if (origin[host_end] != ':') return std::nullopt;
  const std::string port = origin.substr(host_end + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int number = std::stoi(port);
  if (number < 1 || number > 65535) return std::nullopt;
  const bool https = origin.starts_with("https:");
  if (number == (https ? 443 : 80)) return origin.substr(0, host_end);
  return origin.substr(0, host_end) + ":" + std::to_string(number);  // "08080" as browsers write it.
}

std::optional<App> AppDirectory::create_app(const std::string& name,
                                            const std::vector<std::string>& origins,
                                            std::int64_t now_ms) {
  App app;
  app.id = "app_" + crypto::random_hex(8);
  app.name = name;
  app.origins = origins;
  app.created_at_ms = now_ms;
  {
    Transaction tx(db_);
    Statement insert(db_.handle(), "INSERT INTO apps (id, name, created_at_ms) VALUES (?1, ?2, ?3)");
    insert.bind(1, app.id).bind(2, name).bind(3, now_ms);
    if (!insert.run()) return std::nullopt;
    for (const std::string& origin : origins) {
      Statement o(db_.handle(), "INSERT OR IGNORE INTO app_origins (app_id, origin) VALUES (?1, ?2)");
      o.bind(1, app.id).bind(2, origin);
      if (!o.run()) return std::nullopt;
    }
    if (!tx.commit()) return std::nullopt;
  }
  invalidate_cache();
  return app;
}

std::vector<std::string> AppDirectory::origins_of(const std::string& app_id) {
  Statement s(db_.handle(), "SELECT origin FROM app_origins WHERE app_id = ?1 ORDER BY origin");
  s.bind(1, app_id);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::optional<App> AppDirectory::find_app(const std::string& id) {
  Statement s(db_.handle(), "SELECT id, name, created_at_ms FROM apps WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  App app{s.text(0), s.text(1), {}, s.integer(2)};
  app.origins = origins_of(app.id);
  return app;
}

std::vector<App> AppDirectory::list_apps() {
  std::vector<App> out;
  {
    Statement s(db_.handle(), "SELECT id, name, created_at_ms FROM apps ORDER BY created_at_ms, id");
    while (s.step()) out.push_back(App{s.text(0), s.text(1), {}, s.integer(2)});
  }
  for (App& app : out) app.origins = origins_of(app.id);
  return out;
}

AppChange AppDirectory::set_origins(const std::string& app_id, const std::vector<std::string>& origins) {
  {
    Transaction tx(db_);
    Statement exists(db_.handle(), "SELECT 1 FROM apps WHERE id = ?1");
    exists.bind(1, app_id);
    if (!exists.step()) return exists.ok() && !exists.failed() ? AppChange::no_such_app : AppChange::storage_error;
    Statement del(db_.handle(), "DELETE FROM app_origins WHERE app_id = ?1");
    if (!del.bind(1, app_id).run()) return AppChange::storage_error;
    for (const std::string& origin : origins) {
      Statement o(db_.handle(), "INSERT OR IGNORE INTO app_origins (app_id, origin) VALUES (?1, ?2)");
      if (!o.bind(1, app_id).bind(2, origin).run()) return AppChange::storage_error;
    }
    if (!tx.commit()) return AppChange::storage_error;
  }
  invalidate_cache();
  return AppChange::done;
}

AppChange AppDirectory::rename_app(const std::string& app_id, const std::string& name) {
  // The transaction holds the connection, so the change count read is this update's.
  Transaction tx(db_);
  Statement rename(db_.handle(), "UPDATE apps SET name = ?2 WHERE id = ?1");
  if (!rename.ok() || !rename.bind(1, app_id).bind(2, name).run()) return AppChange::storage_error;
  if (sqlite3_changes(db_.handle()) != 1) return AppChange::no_such_app;
  return tx.commit() ? AppChange::done : AppChange::storage_error;
}

bool delete_app_rows(Database& db, const std::string& app_id, std::int64_t now_ms, DeletedApp* counts) {
  // Children first: the admin connection enforces the REFERENCES apps(id).
  // Each count is the change count of the statement just run (the
  // transaction holds the connection).
  struct Step {
    const char* sql;
    std::size_t* count;
  };
  const Step steps[] = {
      {"DELETE FROM guide_versions WHERE guide_id IN (SELECT id FROM guides WHERE app_id = ?1)",
       &counts->guide_versions},
      {"DELETE FROM guides WHERE app_id = ?1", &counts->guides},
      {"DELETE FROM saved_funnels WHERE app_id = ?1", &counts->saved_funnels},
      {"DELETE FROM write_keys WHERE app_id = ?1", &counts->write_keys},
      {"DELETE FROM app_origins WHERE app_id = ?1", nullptr},
      {"DELETE FROM apps WHERE id = ?1", nullptr},
  };
  for (const Step& step : steps) {
    Statement s(db.handle(), step.sql);
    if (!s.ok() || !s.bind(1, app_id).run()) return false;
    if (step.count) *step.count = static_cast<std::size_t>(sqlite3_changes(db.handle()));
  }
  Statement purge(db.handle(),
                  "INSERT INTO app_purges (app_id, deleted_at_ms) VALUES (?1, ?2) "
                  "ON CONFLICT (app_id) DO NOTHING");
  return purge.ok() && purge.bind(1, app_id).bind(2, now_ms).run();
}

AppChange AppDirectory::delete_app(const std::string& app_id, std::int64_t now_ms, DeletedApp* deleted) {
  DeletedApp out;
  {
    Transaction tx(db_);
    std::optional<App> app = find_app(app_id);
    if (!app) return AppChange::no_such_app;
    out.app = std::move(*app);
    if (!delete_app_rows(db_, app_id, now_ms, &out)) return AppChange::storage_error;
    if (!tx.commit()) return AppChange::storage_error;
  }
  invalidate_cache();
  if (deleted) *deleted = std::move(out);
  return AppChange::done;
}

std::optional<NewWriteKey> AppDirectory::insert_key(const std::string& app_id, std::int64_t now_ms) {
  Statement exists(db_.handle(), "SELECT 1 FROM apps WHERE id = ?1");
  exists.bind(1, app_id);
  if (!exists.step()) return std::nullopt;
  Statement count(db_.handle(),
                  "SELECT COUNT(*) FROM write_keys WHERE app_id = ?1 AND revoked_at_ms IS NULL");
  count.bind(1, app_id);
  if (!count.step() || count.integer(0) >= static_cast<std::int64_t>(kMaxActiveKeysPerApp)) {
    return std::nullopt;
  }
  NewWriteKey k;
  k.key = std::string(kWriteKeyPrefix) + crypto::random_hex(kWriteKeyRandomBytes);
  k.info.id = "wk_" + crypto::random_hex(8);
  k.info.app_id = app_id;
  k.info.prefix = k.key.substr(0, kKeyPrefixLength);
  k.info.created_at_ms = now_ms;
  Statement insert(db_.handle(),
                   "INSERT INTO write_keys (id, app_id, key_hash, key_prefix, created_at_ms) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, k.info.id).bind(2, app_id).bind(3, write_key_hash(k.key)).bind(4, k.info.prefix)
      .bind(5, now_ms);
  if (!insert.run()) return std::nullopt;
  return k;
}

std::optional<NewWriteKey> AppDirectory::create_write_key(const std::string& app_id,
                                                          std::int64_t now_ms) {
  Transaction tx(db_);
  auto k = insert_key(app_id, now_ms);
  if (!k || !tx.commit()) return std::nullopt;
  return k;
}

std::vector<WriteKeyInfo> AppDirectory::list_write_keys(const std::string& app_id) {
  Statement s(db_.handle(),
              "SELECT id, app_id, key_prefix, created_at_ms, revoked_at_ms FROM write_keys "
              "WHERE app_id = ?1 ORDER BY created_at_ms, id");
  s.bind(1, app_id);
  std::vector<WriteKeyInfo> out;
  while (s.step()) out.push_back(read_key(s));
  return out;
}

bool AppDirectory::revoke_write_key(const std::string& app_id, const std::string& key_id,
                                    std::int64_t now_ms) {
  bool changed = false;
  {
    auto lock = db_.lock();
    Statement s(db_.handle(),
                "UPDATE write_keys SET revoked_at_ms = ?3 WHERE id = ?1 AND app_id = ?2 "
                "AND revoked_at_ms IS NULL");
    s.bind(1, key_id).bind(2, app_id).bind(3, now_ms);
    changed = s.run() && sqlite3_changes(db_.handle()) > 0;
  }
  invalidate_cache();
  return changed;
}

std::optional<NewWriteKey> AppDirectory::rotate_write_key(const std::string& app_id,
                                                          const std::string& key_id,
                                                          std::int64_t now_ms) {
  std::optional<NewWriteKey> k;
  {
    Transaction tx(db_);
    Statement s(db_.handle(),
                "UPDATE write_keys SET revoked_at_ms = ?3 WHERE id = ?1 AND app_id = ?2 "
                "AND revoked_at_ms IS NULL");
    s.bind(1, key_id).bind(2, app_id).bind(3, now_ms);
    if (!s.run() || sqlite3_changes(db_.handle()) == 0) return std::nullopt;
    k = insert_key(app_id, now_ms);
    if (!k || !tx.commit()) return std::nullopt;
  }
  invalidate_cache();
  return k;
}

std::optional<ResolvedKey> AppDirectory::resolve_write_key(const std::string& key) {
  if (key.rfind(kWriteKeyPrefix, 0) != 0 || key.size() > 128) return std::nullopt;
  std::string hash = write_key_hash(key);
  {
    std::shared_lock<std::shared_mutex> lock(cache_mutex_);
    auto it = key_cache_.find(hash);
    if (it != key_cache_.end()) return it->second;
  }
  std::uint64_t generation;
  {
    std::shared_lock<std::shared_mutex> lock(cache_mutex_);
    generation = generation_;
  }
  std::optional<ResolvedKey> resolved;
  {
    Statement s(db_.handle(),
                "SELECT app_id FROM write_keys WHERE key_hash = ?1 AND revoked_at_ms IS NULL");
    s.bind(1, hash);
    if (s.step()) resolved = ResolvedKey{s.text(0), {}};
    if (s.failed()) return std::nullopt;  // Not cached: a transient error.
  }
  if (resolved) resolved->origins = origins_of(resolved->app_id);
  std::unique_lock<std::shared_mutex> lock(cache_mutex_);
  // A change since the read may have made this answer stale: do not cache it.
  if (generation != generation_) return resolved;
  if (key_cache_.size() >= kMaxCachedKeys) key_cache_.clear();
  key_cache_[hash] = resolved;
  return resolved;
}

bool AppDirectory::any_app_allows_origin(const std::string& origin) {
  {
    std::shared_lock<std::shared_mutex> lock(cache_mutex_);
    if (all_origins_) {
      return std::binary_search(all_origins_->begin(), all_origins_->end(), origin);
    }
  }
  std::uint64_t generation;
  {
    std::shared_lock<std::shared_mutex> lock(cache_mutex_);
    generation = generation_;
  }
  std::vector<std::string> all;
  {
    Statement s(db_.handle(), "SELECT DISTINCT origin FROM app_origins ORDER BY origin");
    while (s.step()) all.push_back(s.text(0));
  }
  std::sort(all.begin(), all.end());
  bool found = std::binary_search(all.begin(), all.end(), origin);
  std::unique_lock<std::shared_mutex> lock(cache_mutex_);
  if (generation == generation_) all_origins_ = std::move(all);
  return found;
}

void AppDirectory::invalidate_cache() {
  std::unique_lock<std::shared_mutex> lock(cache_mutex_);
  key_cache_.clear();
  all_origins_.reset();
  ++generation_;
}

}  // namespace cairn::admin
