#include "auth/access_policy.h"

namespace cairn::auth {

namespace {

struct Grant {
  Permission permission;
  bool viewer;
  bool editor;
  bool admin;
};

// Editors write guides but cannot touch keys or accounts (a leaked editor
// session cannot exfiltrate ingest credentials or create accounts).
constexpr Grant kPolicy[] = {
    //                          viewer  editor  admin
    {Permission::view,            true,   true,   true},
    {Permission::edit_guides,     false,  true,   true},
    {Permission::manage_apps,     false,  false,  true},
    {Permission::manage_keys,     false,  false,  true},
    {Permission::manage_accounts, false,  false,  true},
    {Permission::save_funnels,    false,  true,   true},
};

}  // namespace

bool allows(Role role, Permission permission) {
  for (const Grant& g : kPolicy) {
    if (g.permission != permission) continue;
    switch (role) {
      case Role::viewer: return g.viewer;
      case Role::editor: return g.editor;
      case Role::admin: return g.admin;
    }
  }
  return false;
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::viewer: return "viewer";
    case Role::editor: return "editor";
    case Role::admin: return "admin";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view name) {
  if (name == "viewer") return Role::viewer;
  if (name == "editor") return Role::editor;
  if (name == "admin") return Role::admin;
  return std::nullopt;
}

std::string_view permission_name(Permission permission) {
  switch (permission) {
    case Permission::view: return "view";
    case Permission::edit_guides: return "edit_guides";
    case Permission::manage_apps: return "manage_apps";
    case Permission::manage_keys: return "manage_keys";
    case Permission::manage_accounts: return "manage_accounts";
    case Permission::save_funnels: return "save_funnels";
  }
  return "";
}

}  // namespace cairn::auth
