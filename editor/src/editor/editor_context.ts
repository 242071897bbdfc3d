// What every part of the guide page needs: the draft being edited, where its
// fields are registered for problems, whether the user may edit, and the app.
import type { Api } from '../shared/api';
import type { Account, App } from '../shared/model';
import type { Catalog } from './catalog';
import type { FieldRegistry } from './field_registry';
import type { GuideChoice } from './guide_choice_field';
import type { GuideDraft } from './guide_draft';
import type { LiveApp } from './live_app';

export interface EditorContext {
  api: Api;
  app: App;
  account: Account;
  draft: GuideDraft;
  fields: FieldRegistry;
  readOnly: boolean;
  catalog: Catalog;
  // The app's guides, to choose one by name (guide_choice_field.ts).
  guides: GuideChoice[];
  liveApp: LiveApp;
  // What the author is looking at, kept across redraws.
  view: { stepIndex: number; locale: string };
  // Puts the draft's current problems on the fields now on screen.
  refreshProblems(): void;
}
