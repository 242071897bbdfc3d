#include "saved_funnels/saved_funnel_store.h"

#include "crypto/tokens.h"
#include "saved_funnels/saved_funnel_json.h"

namespace cairn::saved_funnels {

namespace {

constexpr const char* kSelect =
    "SELECT f.id, f.app_id, f.name, f.query_json, f.compare_json, f.created_by, "
    "COALESCE(a.email, ''), f.created_at_ms, f.updated_at_ms "
    "FROM saved_funnels f LEFT JOIN accounts a ON a.id = f.created_by ";

SavedFunnel read_funnel(const admin::Statement& s) {
  SavedFunnel f;
  f.id = s.text(0);
  f.app_id = s.text(1);
  f.name = s.text(2);
  f.query_json = s.text(3);
  if (!s.is_null(4)) f.compare = parse_compare_range(s.text(4));
  f.created_by = s.text(5);
  f.created_by_email = s.text(6);
  f.created_at_ms = s.integer(7);
  f.updated_at_ms = s.integer(8);
  return f;
}

void bind_compare(admin::Statement& s, int index, const std::optional<CompareRange>& compare) {
  if (compare) {
    s.bind(index, write_compare_range(*compare));
  } else {
    s.bind_null(index);
  }
}

}  // namespace

std::optional<std::vector<SavedFunnel>> SavedFunnelStore::list(const std::string& app_id) {
  admin::Statement s(db_.handle(), std::string(kSelect) + "WHERE f.app_id = ?1 ORDER BY f.created_at_ms, f.id");
  s.bind(1, app_id);
  std::vector<SavedFunnel> out;
  while (s.step()) out.push_back(read_funnel(s));
  if (s.failed()) return std::nullopt;
  return out;
}

std::optional<SavedFunnel> SavedFunnelStore::find(const std::string& app_id, const std::string& funnel_id) {
  admin::Statement s(db_.handle(), std::string(kSelect) + "WHERE f.app_id = ?1 AND f.id = ?2");
  s.bind(1, app_id).bind(2, funnel_id);
  if (!s.step()) return std::nullopt;
  return read_funnel(s);
}

std::optional<bool> SavedFunnelStore::name_taken(const std::string& app_id, const std::string& name,
                                                 const std::string& except_id) {
  admin::Statement s(db_.handle(),
                     "SELECT 1 FROM saved_funnels WHERE app_id = ?1 AND name = ?2 COLLATE NOCASE AND id <> ?3");
  s.bind(1, app_id).bind(2, name).bind(3, except_id);
  bool taken = s.step();
  if (s.failed()) return std::nullopt;
  return taken;
}

std::optional<SavedFunnel> SavedFunnelStore::create(const std::string& app_id, const SavedFunnelInput& input,
                                                    const std::string& account_id, std::int64_t now_ms,
                                                    SaveError* error) {
  *error = SaveError::storage;
  admin::Transaction tx(db_);
  admin::Statement count(db_.handle(), "SELECT COUNT(*) FROM saved_funnels WHERE app_id = ?1");
  count.bind(1, app_id);
  if (!count.step()) return std::nullopt;
  if (count.integer(0) >= static_cast<std::int64_t>(SavedFunnelLimits::kMaxFunnelsPerApp)) {
    *error = SaveError::too_many_funnels;
    return std::nullopt;
  }
  std::optional<bool> taken = name_taken(app_id, input.name, "");
  if (!taken) return std::nullopt;
  if (*taken) {
    *error = SaveError::name_taken;
    return std::nullopt;
  }
  const std::string id = "sf_" + crypto::random_hex(8);
  admin::Statement insert(db_.handle(),
                          "INSERT INTO saved_funnels (id, app_id, name, query_json, compare_json, created_by, "
                          "created_at_ms, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
  insert.bind(1, id).bind(2, app_id).bind(3, input.name).bind(4, input.query_json);
  bind_compare(insert, 5, input.compare);
  insert.bind(6, account_id).bind(7, now_ms);
  if (!insert.run()) return std::nullopt;
  std::optional<SavedFunnel> stored = find(app_id, id);
  if (!stored || !tx.commit()) return std::nullopt;
  *error = SaveError::none;
  return stored;
}

std::optional<SavedFunnel> SavedFunnelStore::replace(const std::string& app_id, const std::string& funnel_id,
                                                     const SavedFunnelInput& input, std::int64_t now_ms,
                                                     SaveError* error) {
  *error = SaveError::storage;
  admin::Transaction tx(db_);
  if (!find(app_id, funnel_id)) {
    *error = SaveError::not_found;
    return std::nullopt;
  }
  std::optional<bool> taken = name_taken(app_id, input.name, funnel_id);
  if (!taken) return std::nullopt;
  if (*taken) {
    *error = SaveError::name_taken;
    return std::nullopt;
  }
  admin::Statement update(db_.handle(),
                          "UPDATE saved_funnels SET name = ?3, query_json = ?4, compare_json = ?5, "
                          "updated_at_ms = ?6 WHERE app_id = ?1 AND id = ?2");
  update.bind(1, app_id).bind(2, funnel_id).bind(3, input.name).bind(4, input.query_json);
  bind_compare(update, 5, input.compare);
  update.bind(6, now_ms);
  if (!update.run()) return std::nullopt;
  std::optional<SavedFunnel> stored = find(app_id, funnel_id);
  if (!stored || !tx.commit()) return std::nullopt;
  *error = SaveError::none;
  return stored;
}

SaveError SavedFunnelStore::remove(const std::string& app_id, const std::string& funnel_id) {
  auto lock = db_.lock();
  admin::Statement s(db_.handle(), "DELETE FROM saved_funnels WHERE app_id = ?1 AND id = ?2");
  s.bind(1, app_id).bind(2, funnel_id);
  if (!s.run()) return SaveError::storage;
  return sqlite3_changes(db_.handle()) > 0 ? SaveError::none : SaveError::not_found;
}

}  // namespace cairn::saved_funnels
