// GuideStore: guides of each app with a mutable draft and immutable published
// versions.
//
//   create → draft (status "draft")
//   update_draft → the draft changes; published versions do not
//   publish → the draft becomes version N+1 (immutable), status "published"
//   rollback(v) → version v's content becomes version N+1 and the draft
//   archive → status "archived": no longer served to the SDK
//
// The SDK is served each published guide's newest version. Versions are never
// edited or deleted, so "what did users see on Tuesday" always has an answer.
//
// Every change of a guide (draft save, publish, rollback, archive) adds 1 to
// its revision. Draft saves, publish and rollback name the revision they were
// based on and are refused (ChangeOutcome::stale) when another change came
// first, so two authors never overwrite each other silently.
//
// Threading: thread-safe; multi-statement changes run in one transaction.
#pragma once

#include "admin/database.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::guides {

struct GuideRecord {
  std::string id;  // "g_" + 16 hex.
  std::string app_id;
  std::string name;
  std::string status;  // draft | published | archived
  std::string draft_json;
  std::optional<std::int64_t> published_version;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
  std::string updated_by;  // Account id.
  std::int64_t revision = 1;  // +1 on every change; starts at 1.
};

// The published version's schedule ("schedule.start"/"end", ISO 8601), read
// by list() so the guide list shows "scheduled" without reading each version.
struct PublishedSchedule {
  std::optional<std::string> start;
  std::optional<std::string> end;
};

struct GuideListing {
  GuideRecord guide;
  PublishedSchedule published_schedule;  // Empty when never published.
};

struct GuideVersion {
  std::string guide_id;
  std::int64_t version = 0;
  std::string guide_json;
  std::int64_t published_at_ms = 0;
  std::string published_by;
  std::string note;
};

enum class CreateGuideError { none, too_many_guides, id_taken, storage };

// What a change based on a known revision came to.
enum class ChangeOutcome { done, not_found, stale, storage };

// Why a draft was or was not deleted.
enum class DeleteOutcome { deleted, not_found, stale, was_published, storage };

// A publish or rollback: its outcome and, when done, the new version number.
struct VersionChange {
  ChangeOutcome outcome = ChangeOutcome::storage;
  std::int64_t version = 0;
};

class GuideStore {
 public:
  static constexpr std::size_t kMaxGuidesPerApp = 1000;

  explicit GuideStore(admin::Database& db) : db_(db) {}

  // Stores `document` as a draft. Its "id" is set to a new id, or to `kept_id`
  // when that is not empty (importing guides whose rules name each other).
  // nullopt with `*error` when the app has kMaxGuidesPerApp guides, `kept_id`
  // is already a guide's id (of any app: ids are global), or on a storage error.
  // REQUIRES: `kept_id` is empty or a valid guide id (guides::is_valid_guide_id).
  std::optional<GuideRecord> create(const std::string& app_id, boost::json::object document,
                                    const std::string& account_id, std::int64_t now_ms,
                                    const std::string& kept_id = "",
                                    CreateGuideError* error = nullptr);
  std::optional<GuideRecord> find(const std::string& app_id, const std::string& guide_id);
  // Every guide of the app, oldest first, with its published version's schedule.
  std::vector<GuideListing> list(const std::string& app_id);
  // Replaces the draft if the guide is still at `base_revision`.
  ChangeOutcome update_draft(const std::string& app_id, const std::string& guide_id,
                             boost::json::object document, const std::string& account_id,
                             std::int64_t now_ms, std::int64_t base_revision);
  // Publishes the draft as version N+1 if the guide is still at `base_revision`
  // (the draft the caller checked is the one published).
  VersionChange publish(const std::string& app_id, const std::string& guide_id,
                        const std::string& note, const std::string& account_id,
                        std::int64_t now_ms, std::int64_t base_revision);
  std::vector<GuideVersion> versions(const std::string& app_id, const std::string& guide_id);
  std::optional<GuideVersion> version(const std::string& app_id, const std::string& guide_id,
                                      std::int64_t version);
  // Publishes version `from`'s content as a new version (and makes it the
  // draft) if the guide is still at `base_revision`; not_found when the guide
  // or version `from` does not exist.
  VersionChange rollback(const std::string& app_id, const std::string& guide_id,
                         std::int64_t from, const std::string& account_id, std::int64_t now_ms,
                         std::int64_t base_revision);
  bool archive(const std::string& app_id, const std::string& guide_id,
               const std::string& account_id, std::int64_t now_ms);
  // Deletes a guide that was never published, if it is still at
  // `base_revision`. A guide with a published version is kept (was_published):
  // SDKs may run it and events name its versions; it is archived instead.
  DeleteOutcome delete_unpublished(const std::string& app_id, const std::string& guide_id,
                                   std::int64_t base_revision);

  // The newest version of every published guide of the app, by guide id.
  std::vector<GuideVersion> published(const std::string& app_id);

 private:
  // Where a change based on `base_revision` stands; REQUIRES: the lock is held.
  ChangeOutcome check_revision_locked(const std::string& app_id, const std::string& guide_id,
                                      std::int64_t base_revision);
  std::optional<std::int64_t> publish_locked(const std::string& app_id,
                                             const std::string& guide_id,
                                             boost::json::object document, const std::string& note,
                                             const std::string& account_id, std::int64_t now_ms);
  admin::Database& db_;
};

}  // namespace cairn::guides
