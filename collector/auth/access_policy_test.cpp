#include "auth/access_policy.h"

#include <catch2/catch.hpp>

using namespace cairn::auth;

TEST_CASE("policy: viewers only view, editors edit guides, admins do everything") {
  CHECK(allows(Role::viewer, Permission::view));
  CHECK_FALSE(allows(Role::viewer, Permission::edit_guides));
  CHECK_FALSE(allows(Role::viewer, Permission::manage_keys));
  CHECK(allows(Role::editor, Permission::edit_guides));
  CHECK_FALSE(allows(Role::editor, Permission::manage_apps));
  CHECK_FALSE(allows(Role::editor, Permission::manage_keys));
  CHECK_FALSE(allows(Role::editor, Permission::manage_accounts));
  CHECK_FALSE(allows(Role::viewer, Permission::save_funnels));
  CHECK(allows(Role::editor, Permission::save_funnels));
  for (Permission p : {Permission::view, Permission::edit_guides, Permission::manage_apps,
                       Permission::manage_keys, Permission::manage_accounts, Permission::save_funnels}) {
    CHECK(allows(Role::admin, p));
  }
}

TEST_CASE("roles round-trip through their names") {
  for (Role r : {Role::viewer, Role::editor, Role::admin}) CHECK(parse_role(role_name(r)) == r);
  CHECK_FALSE(parse_role("root").has_value());
  CHECK_FALSE(parse_role("Admin").has_value());
}
