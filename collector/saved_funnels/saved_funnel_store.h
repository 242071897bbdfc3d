// SavedFunnelStore: the saved funnels of each app in the collector's database
// (table saved_funnels, admin schema version 4, admin/schema.cpp).
//
// Names are unique per app, compared without regard to ASCII case, so a team
// cannot end up with "Onboarding" and "onboarding". An app holds at most
// SavedFunnelLimits::kMaxFunnelsPerApp funnels.
//
// REQUIRES of every call: the input was read by read_saved_funnel_input()
// (saved_funnel_json.h); the store checks names and limits, not the query.
//
// Threading: thread-safe; each change runs in one transaction.
#pragma once

#include "admin/database.h"
#include "saved_funnels/saved_funnel.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::saved_funnels {

enum class SaveError { none, not_found, name_taken, too_many_funnels, storage };

class SavedFunnelStore {
 public:
  explicit SavedFunnelStore(admin::Database& db) : db_(db) {}

  // Oldest first (ties by id), so the order is stable as funnels are added.
  // nullopt on a storage error.
  std::optional<std::vector<SavedFunnel>> list(const std::string& app_id);
  std::optional<SavedFunnel> find(const std::string& app_id, const std::string& funnel_id);

  // The stored funnel, or nullopt with `*error` (name_taken, too_many_funnels, storage).
  std::optional<SavedFunnel> create(const std::string& app_id, const SavedFunnelInput& input,
                                    const std::string& account_id, std::int64_t now_ms,
                                    SaveError* error);
  // Replaces name, query and comparison; created_by/created_at stay. nullopt
  // with `*error` (not_found, name_taken, storage).
  std::optional<SavedFunnel> replace(const std::string& app_id, const std::string& funnel_id,
                                     const SavedFunnelInput& input, std::int64_t now_ms,
                                     SaveError* error);
  // none, not_found or storage.
  SaveError remove(const std::string& app_id, const std::string& funnel_id);

 private:
  // True when another funnel of the app (not `except_id`) has `name`.
  std::optional<bool> name_taken(const std::string& app_id, const std::string& name,
                                 const std::string& except_id);

  admin::Database& db_;
};

}  // namespace cairn::saved_funnels
