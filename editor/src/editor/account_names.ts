// Shows account ids (in versions and "last changed by") as emails where the
// user may know them: their own account always, every account for admins.
import type { Api } from '../shared/api';
import { can, type Account } from '../shared/model';

export async function accountNames(api: Api, me: Account): Promise<(id: string) => string> {
  const emails = new Map<string, string>([[me.id, me.email]]);
  if (can(me, 'manage_accounts')) {
    try {
      for (const account of (await api.get<{ accounts: Account[] }>('/api/accounts')).accounts) emails.set(account.id, account.email);
    } catch {
      // Ids are still shown; names are a convenience.
    }
  }
  return (id) => emails.get(id) ?? id;
}
