// Shapes of the admin API's answers (docs/api.md), shared by editor and dashboard.

export type Role = 'admin' | 'editor' | 'viewer';

export interface Account {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  created_at_ms: number;
}

export interface App {
  id: string;
  name: string;
  origins: string[];
  created_at_ms: number;
}

export interface SessionInfo {
  account: Account;
  csrf_token: string;
}

export type Permission = 'view' | 'edit_guides' | 'manage_apps' | 'manage_keys' | 'manage_accounts' | 'save_funnels';

// Mirrors collector/auth/access_policy.cpp; the collector enforces it, the UI
// only uses it to hide what the user could not do anyway.
const GRANTS: Record<Role, Permission[]> = {
  viewer: ['view'],
  editor: ['view', 'edit_guides', 'save_funnels'],
  admin: ['view', 'edit_guides', 'manage_apps', 'manage_keys', 'manage_accounts', 'save_funnels'],
};

export function can(account: Account, permission: Permission): boolean {
  return GRANTS[account.role].includes(permission);
}
