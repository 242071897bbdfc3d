#include "guides/guide_store.h"

#include "crypto/tokens.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace cairn::guides {

namespace {

std::string new_guide_id() { return "g_" + crypto::random_hex(8); }

std::string name_of(const boost::json::object& document) {
  if (const boost::json::value* v = document.if_contains("name")) {
    if (const boost::json::string* s = v->if_string()) return std::string(*s);
  }
  return "";
}

constexpr const char* kGuideColumns =
    "id, app_id, name, status, draft_json, published_version, created_at_ms, updated_at_ms, "
    "updated_by, revision";

GuideRecord read_guide(const admin::Statement& s) {
  GuideRecord g;
  g.id = s.text(0);
  g.app_id = s.text(1);
  g.name = s.text(2);
  g.status = s.text(3);
  g.draft_json = s.text(4);
  if (!s.is_null(5)) g.published_version = s.integer(5);
  g.created_at_ms = s.integer(6);
  g.updated_at_ms = s.integer(7);
  g.updated_by = s.text(8);
  g.revision = s.integer(9);
  return g;
}

GuideVersion read_version(const admin::Statement& s) {
  return GuideVersion{s.text(0), s.integer(1), s.text(2), s.integer(3), s.text(4), s.text(5)};
}

constexpr const char* kVersionColumns =
    "v.guide_id, v.version, v.guide_json, v.published_at_ms, v.published_by, v.note";

}  // namespace

std::optional<GuideRecord> GuideStore::create(const std::string& app_id,
                                              boost::json::object document,
                                              const std::string& account_id, std::int64_t now_ms,
                                              const std::string& kept_id, CreateGuideError* error) {
  CreateGuideError ignored;
  CreateGuideError& failure = error ? *error : ignored;
  failure = CreateGuideError::storage;
  GuideRecord g;
  g.id = kept_id.empty() ? new_guide_id() : kept_id;
  g.app_id = app_id;
  document["id"] = g.id;
  g.name = name_of(document);
  g.status = "draft";
  g.draft_json = boost::json::serialize(document);
  g.created_at_ms = g.updated_at_ms = now_ms;
  g.updated_by = account_id;
  admin::Transaction tx(db_);
  admin::Statement count(db_.handle(), "SELECT COUNT(*) FROM guides WHERE app_id = ?1");
  count.bind(1, app_id);
  if (!count.step()) return std::nullopt;
  if (count.integer(0) >= static_cast<std::int64_t>(kMaxGuidesPerApp)) {
    failure = CreateGuideError::too_many_guides;
    return std::nullopt;
  }
  admin::Statement taken(db_.handle(), "SELECT 1 FROM guides WHERE id = ?1");
  taken.bind(1, g.id);
  if (taken.step()) {
    failure = CreateGuideError::id_taken;
    return std::nullopt;
  }
  admin::Statement insert(db_.handle(),
                          "INSERT INTO guides (id, app_id, name, status, draft_json, "
                          "published_version, created_at_ms, updated_at_ms, updated_by) "
                          "VALUES (?1, ?2, ?3, 'draft', ?4, NULL, ?5, ?5, ?6)");
  insert.bind(1, g.id).bind(2, app_id).bind(3, g.name).bind(4, g.draft_json).bind(5, now_ms)
      .bind(6, account_id);
  if (!insert.run() || !tx.commit()) return std::nullopt;
  failure = CreateGuideError::none;
  return g;
}

std::optional<GuideRecord> GuideStore::find(const std::string& app_id, const std::string& guide_id) {
  admin::Statement s(db_.handle(), std::string("SELECT ") + kGuideColumns +
                                       " FROM guides WHERE app_id = ?1 AND id = ?2");
  s.bind(1, app_id).bind(2, guide_id);
  if (!s.step()) return std::nullopt;
  return read_guide(s);
}

std::vector<GuideListing> GuideStore::list(const std::string& app_id) {
  // The schedule is read by SQLite's JSON functions: the published documents
  // never leave the database for a list.
  admin::Statement s(db_.handle(),
                     "SELECT g.id, g.app_id, g.name, g.status, g.draft_json, g.published_version, "
                     "g.created_at_ms, g.updated_at_ms, g.updated_by, g.revision, "
                     "json_extract(v.guide_json, '$.schedule.start'), "
                     "json_extract(v.guide_json, '$.schedule.end') "
                     "FROM guides g LEFT JOIN guide_versions v ON v.guide_id = g.id "
                     "AND v.version = g.published_version "
                     "WHERE g.app_id = ?1 ORDER BY g.created_at_ms, g.id");
  s.bind(1, app_id);
  std::vector<GuideListing> out;
  while (s.step()) {
    GuideListing listing{read_guide(s), {}};
    if (!s.is_null(10)) listing.published_schedule.start = s.text(10);
    if (!s.is_null(11)) listing.published_schedule.end = s.text(11);
    out.push_back(std::move(listing));
  }
  return out;
}

ChangeOutcome GuideStore::check_revision_locked(const std::string& app_id,
                                                const std::string& guide_id,
                                                std::int64_t base_revision) {
  admin::Statement s(db_.handle(), "SELECT revision FROM guides WHERE app_id = ?1 AND id = ?2");
  s.bind(1, app_id).bind(2, guide_id);
  if (!s.step()) return ChangeOutcome::not_found;
  return s.integer(0) == base_revision ? ChangeOutcome::done : ChangeOutcome::stale;
}

ChangeOutcome GuideStore::update_draft(const std::string& app_id, const std::string& guide_id,
                                       boost::json::object document,
                                       const std::string& account_id, std::int64_t now_ms,
                                       std::int64_t base_revision) {
  document["id"] = guide_id;
  auto lock = db_.lock();
  admin::Statement s(db_.handle(),
                     "UPDATE guides SET draft_json = ?3, name = ?4, updated_at_ms = ?5, "
                     "updated_by = ?6, revision = revision + 1 "
                     "WHERE app_id = ?1 AND id = ?2 AND revision = ?7");
  s.bind(1, app_id).bind(2, guide_id).bind(3, boost::json::serialize(document))
      .bind(4, name_of(document)).bind(5, now_ms).bind(6, account_id).bind(7, base_revision);
  if (!s.run()) return ChangeOutcome::storage;
  if (sqlite3_changes(db_.handle()) > 0) return ChangeOutcome::done;
  // Nothing matched: either there is no such guide or another change came first.
  ChangeOutcome why = check_revision_locked(app_id, guide_id, base_revision);
  return why == ChangeOutcome::done ? ChangeOutcome::storage : why;
}

std::optional<std::int64_t> GuideStore::publish_locked(const std::string& app_id,
                                                       const std::string& guide_id,
                                                       boost::json::object document,
                                                       const std::string& note,
                                                       const std::string& account_id,
                                                       std::int64_t now_ms) {
  admin::Statement last(db_.handle(),
                        "SELECT COALESCE(MAX(version), 0) FROM guide_versions WHERE guide_id = ?1");
  last.bind(1, guide_id);
  if (!last.step()) return std::nullopt;
  std::int64_t version = last.integer(0) + 1;
  document["id"] = guide_id;
  document["version"] = version;
  document["status"] = "published";
  std::string text = boost::json::serialize(document);
  admin::Statement insert(db_.handle(),
                          "INSERT INTO guide_versions (guide_id, version, guide_json, "
                          "published_at_ms, published_by, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, guide_id).bind(2, version).bind(3, text).bind(4, now_ms).bind(5, account_id)
      .bind(6, note);
  if (!insert.run()) return std::nullopt;
  admin::Statement update(db_.handle(),
                          "UPDATE guides SET status = 'published', published_version = ?3, "
                          "draft_json = ?4, name = ?5, updated_at_ms = ?6, updated_by = ?7, "
                          "revision = revision + 1 WHERE app_id = ?1 AND id = ?2");
  update.bind(1, app_id).bind(2, guide_id).bind(3, version).bind(4, text)
      .bind(5, name_of(document)).bind(6, now_ms).bind(7, account_id);
  if (!update.run()) return std::nullopt;
  return version;
}

VersionChange GuideStore::publish(const std::string& app_id, const std::string& guide_id,
                                const std::string& note, const std::string& account_id,
                                std::int64_t now_ms, std::int64_t base_revision) {
  admin::Transaction tx(db_);
  std::optional<GuideRecord> g = find(app_id, guide_id);
  if (!g) return {ChangeOutcome::not_found};
  if (g->revision != base_revision) return {ChangeOutcome::stale};
  boost::system::error_code ec;
  boost::json::value draft = boost::json::parse(g->draft_json, ec);
  if (ec || !draft.is_object()) return {};
  auto v = publish_locked(app_id, guide_id, std::move(draft.get_object()), note, account_id, now_ms);
  if (!v || !tx.commit()) return {};
  return {ChangeOutcome::done, *v};
}

std::vector<GuideVersion> GuideStore::versions(const std::string& app_id,
                                               const std::string& guide_id) {
  admin::Statement s(db_.handle(), std::string("SELECT ") + kVersionColumns +
                                       " FROM guide_versions v JOIN guides g ON g.id = v.guide_id "
                                       "WHERE g.app_id = ?1 AND v.guide_id = ?2 "
                                       "ORDER BY v.version DESC");
  s.bind(1, app_id).bind(2, guide_id);
  std::vector<GuideVersion> out;
  while (s.step()) out.push_back(read_version(s));
  return out;
}

std::optional<GuideVersion> GuideStore::version(const std::string& app_id,
                                                const std::string& guide_id, std::int64_t version) {
  admin::Statement s(db_.handle(), std::string("SELECT ") + kVersionColumns +
                                       " FROM guide_versions v JOIN guides g ON g.id = v.guide_id "
                                       "WHERE g.app_id = ?1 AND v.guide_id = ?2 AND v.version = ?3");
  s.bind(1, app_id).bind(2, guide_id).bind(3, version);
  if (!s.step()) return std::nullopt;
  return read_version(s);
}

VersionChange GuideStore::rollback(const std::string& app_id, const std::string& guide_id,
                                 std::int64_t from, const std::string& account_id,
                                 std::int64_t now_ms, std::int64_t base_revision) {
  admin::Transaction tx(db_);
  std::optional<GuideVersion> old = version(app_id, guide_id, from);
  if (!old) return {ChangeOutcome::not_found};
  if (ChangeOutcome now = check_revision_locked(app_id, guide_id, base_revision);
      now != ChangeOutcome::done) {
    return {now};
  }
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(old->guide_json, ec);
  if (ec || !doc.is_object()) return {};
  auto v = publish_locked(app_id, guide_id, std::move(doc.get_object()),
                          "rollback to version " + std::to_string(from), account_id, now_ms);
  if (!v || !tx.commit()) return {};
  return {ChangeOutcome::done, *v};
}

bool GuideStore::archive(const std::string& app_id, const std::string& guide_id,
                         const std::string& account_id, std::int64_t now_ms) {
  auto lock = db_.lock();
  admin::Statement s(db_.handle(),
                     "UPDATE guides SET status = 'archived', updated_at_ms = ?3, updated_by = ?4, "
                     "revision = revision + 1 WHERE app_id = ?1 AND id = ?2");
  s.bind(1, app_id).bind(2, guide_id).bind(3, now_ms).bind(4, account_id);
  return s.run() && sqlite3_changes(db_.handle()) > 0;
}

DeleteOutcome GuideStore::delete_unpublished(const std::string& app_id, const std::string& guide_id,
                                             std::int64_t base_revision) {
  auto lock = db_.lock();
  // One statement: a publish between a check and the delete cannot slip in.
  admin::Statement s(db_.handle(),
                     "DELETE FROM guides WHERE app_id = ?1 AND id = ?2 AND revision = ?3 "
                     "AND published_version IS NULL "
                     "AND NOT EXISTS (SELECT 1 FROM guide_versions WHERE guide_id = ?2)");
  s.bind(1, app_id).bind(2, guide_id).bind(3, base_revision);
  if (!s.run()) return DeleteOutcome::storage;
  if (sqlite3_changes(db_.handle()) > 0) return DeleteOutcome::deleted;
  admin::Statement why(db_.handle(),
                       "SELECT revision, published_version IS NOT NULL OR EXISTS "
                       "(SELECT 1 FROM guide_versions WHERE guide_id = ?2) FROM guides "
                       "WHERE app_id = ?1 AND id = ?2");
  why.bind(1, app_id).bind(2, guide_id);
  if (!why.step()) return why.failed() ? DeleteOutcome::storage : DeleteOutcome::not_found;
  if (why.integer(0) != base_revision) return DeleteOutcome::stale;
  return why.integer(1) ? DeleteOutcome::was_published : DeleteOutcome::storage;
}

std::vector<GuideVersion> GuideStore::published(const std::string& app_id) {
  admin::Statement s(db_.handle(), std::string("SELECT ") + kVersionColumns +
                                       " FROM guides g JOIN guide_versions v ON v.guide_id = g.id "
                                       "AND v.version = g.published_version "
                                       "WHERE g.app_id = ?1 AND g.status = 'published' "
                                       "ORDER BY g.id");
  s.bind(1, app_id);
  std::vector<GuideVersion> out;
  while (s.step()) out.push_back(read_version(s));
  return out;
}

}  // namespace cairn::guides
