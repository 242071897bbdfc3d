// The app's saved funnels as the views read them: from the collector, after
// this browser's old localStorage funnels were moved there (once).
import { can } from '../../shared/model';
import { importLegacyFunnels } from '../legacy_saved_funnels';
import type { SavedFunnel } from '../saved_funnels';
import type { ViewContext } from './view_context';

export function canSaveFunnels(ctx: ViewContext): boolean {
  return can(ctx.account, 'save_funnels');
}

export async function teamFunnels(ctx: ViewContext): Promise<SavedFunnel[]> {
  await importLegacyFunnels(ctx.app.id, ctx.savedFunnels, canSaveFunnels(ctx));
  return ctx.savedFunnels.list();
}
