// AccessPolicy: the one table that says which role may do what. Every admin
// route is registered with exactly one Permission (admin_api.cpp) and the
// authenticator checks it through allows(); no handler checks roles itself.
//
// Threading: pure functions.
#pragma once

#include <optional>
#include <string_view>

namespace cairn::auth {

enum class Role { viewer, editor, admin };

enum class Permission {
  view,             // Read apps, guides, versions, own account.
  edit_guides,      // Create guides, edit drafts, publish, roll back, archive.
  manage_apps,      // Create apps, change allowed origins.
  manage_keys,      // Create, rotate, revoke write keys.
  manage_accounts,  // List, create, change role, disable accounts.
  save_funnels,     // Create, change, rename, delete an app's saved funnels.
};

bool allows(Role role, Permission permission);

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);
std::string_view permission_name(Permission permission);

}  // namespace cairn::auth
