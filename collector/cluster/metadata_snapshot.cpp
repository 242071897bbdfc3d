#include "cluster/metadata_snapshot.h"

#include "guides/guide_validation.h"
#include "json/reader.h"
#include "store/app_purge.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <limits>

namespace cairn::cluster {

namespace {

constexpr std::int64_t kFormat = 1;
constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();
// Bounds for a follower parsing what a primary sent: far above the stores'
// own limits, small enough that a broken primary cannot exhaust memory.
constexpr std::size_t kMaxApps = 10'000;
constexpr std::size_t kMaxSnapshotBytes = 256u * 1024 * 1024;
constexpr std::size_t kMaxErasures = 1'000'000;
constexpr std::size_t kMaxIdsPerErasure = 1'000'000;
constexpr std::size_t kMaxDeletedApps = 1'000'000;
constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;

// Every write key of every app, revoked ones included (the follower must
// learn of a revocation), with the stored hash AppDirectory does not expose.
std::optional<std::vector<std::pair<std::string, SnapshotWriteKey>>> read_write_keys(
    admin::Database& db, std::string* error) {
  admin::Statement s(db.handle(),
                     "SELECT app_id, id, key_hash, key_prefix, created_at_ms, revoked_at_ms "
                     "FROM write_keys ORDER BY app_id, id");
  std::vector<std::pair<std::string, SnapshotWriteKey>> out;
  while (s.step()) {
    SnapshotWriteKey k{s.text(1), s.text(2), s.text(3), s.integer(4), std::nullopt};
    if (!s.is_null(5)) k.revoked_at_ms = s.integer(5);
    out.emplace_back(s.text(0), std::move(k));
  }
  if (!s.ok() || s.failed()) {
    *error = "cannot read write keys: " + db.error();
    return std::nullopt;
  }
  return out;
}

std::optional<SnapshotWriteKey> parse_write_key(const boost::json::value& v, std::string pointer,
                                                json::Problems& problems) {
  json::ObjectReader r(v, std::move(pointer), problems);
  SnapshotWriteKey k;
  auto id = r.non_empty_string("id", json::Need::required, 64);
  auto hash = r.non_empty_string("key_hash", json::Need::required, 64);
  auto prefix = r.string("key_prefix", json::Need::required, 64);
  auto created = r.integer("created_at_ms", json::Need::required, 0, kMaxInt);
  const boost::json::value* revoked = r.field("revoked_at_ms", json::Need::required);
  if (!id || !hash || !prefix || !created || !revoked) return std::nullopt;
  if (hash->size() != 64) {
    r.error("key_hash", "must be 64 hex characters (a SHA-256)");
    return std::nullopt;
  }
  if (!revoked->is_null()) {
    k.revoked_at_ms = r.integer("revoked_at_ms", json::Need::required, 0, kMaxInt);
    if (!k.revoked_at_ms) return std::nullopt;
  }
  k.id = *id;
  k.key_hash = *hash;
  k.key_prefix = *prefix;
  k.created_at_ms = *created;
  return k;
}

std::optional<SnapshotGuide> parse_guide(const boost::json::value& v, std::string pointer,
                                         json::Problems& problems) {
  json::ObjectReader r(v, std::move(pointer), problems);
  auto id = r.non_empty_string("id", json::Need::required, 64);
  auto version = r.integer("version", json::Need::required, 1, kMaxInt);
  auto published = r.integer("published_at_ms", json::Need::required, 0, kMaxInt);
  auto body = r.non_empty_string("guide_json", json::Need::required, guides::kMaxGuideBytes);
  if (!id || !version || !published || !body) return std::nullopt;
  return SnapshotGuide{*id, *version, *published, *body};
}

std::optional<SnapshotApp> parse_app(const boost::json::value& v, std::string pointer,
                                     json::Problems& problems) {
  json::ObjectReader r(v, std::move(pointer), problems);
  SnapshotApp app;
  auto id = r.non_empty_string("id", json::Need::required, 64);
  auto name = r.string("name", json::Need::required, 1000);
  auto created = r.integer("created_at_ms", json::Need::required, 0, kMaxInt);
  const boost::json::array* origins =
      r.array("origins", json::Need::required, admin::AppDirectory::kMaxOriginsPerApp);
  const boost::json::array* keys = r.array("write_keys", json::Need::required, 100'000);
  const boost::json::array* guide_list =
      r.array("guides", json::Need::required, guides::GuideStore::kMaxGuidesPerApp);
  if (!id || !name || !created || !origins || !keys || !guide_list) return std::nullopt;
  app.id = *id;
  app.name = *name;
  app.created_at_ms = *created;
  for (std::size_t i = 0; i < origins->size(); ++i) {
    const boost::json::string* origin = (*origins)[i].if_string();
    if (!origin || !admin::is_valid_origin(std::string(*origin))) {
      problems.add(json::pointer_append(r.pointer_of("origins"), i),
                   "must be an origin such as https://host[:port]");
      return std::nullopt;
    }
    app.origins.emplace_back(*origin);
  }
  for (std::size_t i = 0; i < keys->size(); ++i) {
    auto k = parse_write_key((*keys)[i],
                             json::pointer_append(r.pointer_of("write_keys"), i),
                             problems);
    if (!k) return std::nullopt;
    app.write_keys.push_back(std::move(*k));
  }
  for (std::size_t i = 0; i < guide_list->size(); ++i) {
    auto g = parse_guide((*guide_list)[i],
                         json::pointer_append(r.pointer_of("guides"), i), problems);
    if (!g) return std::nullopt;
    app.guides.push_back(std::move(*g));
  }
  return app;
}

std::optional<store::RecordedErasure> parse_erasure(const boost::json::value& v, std::string pointer,
                                                   json::Problems& problems) {
  json::ObjectReader r(v, std::move(pointer), problems);
  auto seq = r.integer("seq", json::Need::required, 1, kMaxInt);
  auto app_id = r.non_empty_string("app_id", json::Need::required, 64);
  auto key = r.non_empty_string("user_key", json::Need::required, 100'000);
  const boost::json::array* ids = r.array("ids", json::Need::required, kMaxIdsPerErasure);
  auto erased = r.integer("erased_at_ms", json::Need::required, 0, kMaxInt);
  if (!seq || !app_id || !key || !ids || !erased) return std::nullopt;
  store::RecordedErasure out{*seq, *app_id, *key, {}, *erased};
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const boost::json::string* id = (*ids)[i].if_string();
    if (!id || id->empty()) {
      problems.add(json::pointer_append(r.pointer_of("ids"), i), "must be a non-empty string");
      return std::nullopt;
    }
    out.ids.emplace_back(*id);
  }
  if (out.ids.empty() || out.ids.front() != out.user_key) {
    r.error("ids", "must start with user_key");
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<MetadataSnapshot> read_snapshot(admin::Database& db, admin::AppDirectory& apps,
                                              guides::GuideStore& guides, std::int64_t now_ms,
                                              std::string* error) {
  auto keys = read_write_keys(db, error);
  if (!keys) return std::nullopt;
  MetadataSnapshot snapshot;
  {
    // The events tables share the admin database's file (store/schema.h).
    auto lock = db.lock();
    std::string erasure_error;
    auto erasures = store::read_recorded_erasures(db.handle(), now_ms - kErasureWindowDays * kDayMs, &erasure_error);
    if (!erasures) {
      *error = "cannot read person erasures: " + erasure_error;
      return std::nullopt;
    }
    snapshot.erasures = std::move(*erasures);
    std::optional<store::AppPurges> purges = store::read_app_purges(db.handle(), &erasure_error);
    if (!purges) {
      *error = "cannot read deleted apps: " + erasure_error;
      return std::nullopt;
    }
    snapshot.deleted_apps = std::move(purges->all);
  }
  for (admin::App& app : apps.list_apps()) {
    SnapshotApp out{app.id, app.name, app.created_at_ms, std::move(app.origins), {}, {}};
    for (const auto& [app_id, key] : *keys) {
      if (app_id == out.id) out.write_keys.push_back(key);
    }
    // The same rows /v1/guides serves, in the same order.
    for (guides::GuideVersion& v : guides.published(out.id)) {
      out.guides.push_back({v.guide_id, v.version, v.published_at_ms, std::move(v.guide_json)});
    }
    snapshot.apps.push_back(std::move(out));
  }
  return snapshot;
}

std::string serialize_snapshot(const MetadataSnapshot& snapshot) {
  boost::json::array apps;
  for (const SnapshotApp& app : snapshot.apps) {
    boost::json::array origins(app.origins.begin(), app.origins.end());
    boost::json::array keys;
    for (const SnapshotWriteKey& k : app.write_keys) {
      boost::json::value revoked = nullptr;
      if (k.revoked_at_ms) revoked = *k.revoked_at_ms;
      keys.push_back(boost::json::object{{"id", k.id},
                                         {"key_hash", k.key_hash},
                                         {"key_prefix", k.key_prefix},
                                         {"created_at_ms", k.created_at_ms},
                                         {"revoked_at_ms", revoked}});
    }
    boost::json::array guide_list;
    for (const SnapshotGuide& g : app.guides) {
      guide_list.push_back(boost::json::object{{"id", g.id},
                                               {"version", g.version},
                                               {"published_at_ms", g.published_at_ms},
                                               {"guide_json", g.guide_json}});
    }
    apps.push_back(boost::json::object{{"id", app.id},
                                       {"name", app.name},
                                       {"created_at_ms", app.created_at_ms},
                                       {"origins", std::move(origins)},
                                       {"write_keys", std::move(keys)},
                                       {"guides", std::move(guide_list)}});
  }
  boost::json::array erasures;
  for (const store::RecordedErasure& e : snapshot.erasures) {
    erasures.push_back(boost::json::object{{"seq", e.seq},
                                           {"app_id", e.app_id},
                                           {"user_key", e.user_key},
                                           {"ids", boost::json::array(e.ids.begin(), e.ids.end())},
                                           {"erased_at_ms", e.erased_at_ms}});
  }
  boost::json::array deleted(snapshot.deleted_apps.begin(), snapshot.deleted_apps.end());
  return boost::json::serialize(boost::json::object{{"format", kFormat},
                                                    {"apps", std::move(apps)},
                                                    {"erasures", std::move(erasures)},
                                                    {"deleted_apps", std::move(deleted)}});
}

std::optional<MetadataSnapshot> parse_snapshot(std::string_view text, std::string* error) {
  json::Problems problems;
  json::ParseLimits limits;
  limits.max_bytes = kMaxSnapshotBytes;
  std::optional<boost::json::value> doc = json::parse_document(text, problems, limits);
  MetadataSnapshot snapshot;
  if (doc) {
    json::ObjectReader r(*doc, "", problems);
    auto format = r.integer("format", json::Need::required, kFormat, kFormat);
    const boost::json::array* apps = r.array("apps", json::Need::required, kMaxApps);
    if (format && apps) {
      for (std::size_t i = 0; i < apps->size(); ++i) {
        auto app = parse_app((*apps)[i], json::pointer_append("/apps", i), problems);
        if (!app) break;
        snapshot.apps.push_back(std::move(*app));
      }
    }
    // Optional: a primary older than erasure replay sends none.
    if (const boost::json::array* erasures = r.array("erasures", json::Need::optional, kMaxErasures);
        erasures && problems.empty()) {
      for (std::size_t i = 0; i < erasures->size(); ++i) {
        auto erasure = parse_erasure((*erasures)[i], json::pointer_append("/erasures", i), problems);
        if (!erasure) break;
        snapshot.erasures.push_back(std::move(*erasure));
      }
    }
    // Optional: a primary older than app deletion sends none.
    if (const boost::json::array* deleted = r.array("deleted_apps", json::Need::optional, kMaxDeletedApps);
        deleted && problems.empty()) {
      for (std::size_t i = 0; i < deleted->size(); ++i) {
        const boost::json::string* id = (*deleted)[i].if_string();
        if (!id || id->empty() || id->size() > 64) {
          problems.add(json::pointer_append("/deleted_apps", i), "must be an app id (1 to 64 bytes)");
          break;
        }
        snapshot.deleted_apps.emplace_back(*id);
      }
    }
  }
  if (!problems.empty()) {
    *error = "bad metadata snapshot: " + problems.summary();
    return std::nullopt;
  }
  return snapshot;
}

}  // namespace cairn::cluster
