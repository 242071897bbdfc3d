// The JSON the adapter and the core's bridge (wasm/bridge/*_export.cpp)
// exchange. Inputs say what happened in the browser; commands say what the
// browser must do. Session commands follow sdk/session/session_commands.h,
// session inputs sdk/session/session_inputs.h. The adapter decides nothing the
// core could decide.
import type { Fingerprint } from '../api/public_types';
import type { ElementDescriptor } from '../platform/element_descriptor';
import type { UserAction } from '../ui/step_view';

// A public type (the debug hooks take and answer fingerprints).
export type { Fingerprint };

export interface UserContext {
  user_id: string;  // '' until identify()
  anonymous_id: string;
  traits: Record<string, unknown>;
  locale: string;
  environment?: string;
}

export interface TargetReport {
  key: string;
  state: 'found' | 'missing' | 'ambiguous';
  element: number;
  candidate_index: number;
}

// A problem the core found in an input: where (a JSON Pointer) and why.
export interface Problem {
  pointer: string;
  reason: string;
}

// cairn_guides_load's answer (wasm/bridge/guides_export.cpp): how many guides
// the next start, preview or check gets; problems when it refused the bytes.
export interface GuidesLoaded {
  guides: number;
  problems?: Problem[];
}

// start and preview run the guides loaded just before (cairn_guides_load).
export type SessionInput =
  | { type: 'start'; now: number; url: string; state: string | null; user: UserContext }
  | { type: 'page'; now: number; url: string }
  | { type: 'targets'; now: number; reports: TargetReport[] }
  | { type: 'action'; now: number; action: UserAction | { kind: 'target_clicked' | 'target_input'; key: string } }
  | { type: 'event'; now: number; name: string }
  | { type: 'user'; now: number; user: UserContext }
  | { type: 'launch'; now: number; guide_id: string }
  | { type: 'tick'; now: number }
  // Another tab stored its state (localStorage's storage event).
  | { type: 'other_tab'; now: number; state: string }
  // Editor mode: a fresh session running only the loaded draft (docs/editor-bridge.md).
  | { type: 'preview'; now: number; url: string; step_index: number; user: UserContext };

// A session command as JSON; show_step carries the step's fields (see
// view_from_command.ts).
export type Command =
  | { type: 'watch_targets'; targets: Array<{ key: string; fingerprint: Fingerprint }> }
  | ({ type: 'show_step' } & Record<string, unknown>)
  | { type: 'hide_step'; guide_id: string }
  | { type: 'record_event'; event: Record<string, unknown> }
  | { type: 'persist_state'; json: string }
  | { type: 'schedule_tick'; at_ms: number | null }
  | { type: 'open_url'; url: string; new_tab: boolean };

export interface CommandBatch<C = Command> {
  commands?: C[];
  problems?: Problem[];
}

export interface LocateAnswer {
  match: number | null;
  confidence: number;
  runner_up: { index: number; confidence: number } | null;
  reason: 'matched' | 'no_candidates' | 'not_convincing' | 'ambiguous';
}

// Inputs of cairn_recorder_input (wasm/bridge/recorder_export.cpp). Each
// call also carries `now` and fresh `entropy` (hex from crypto.getRandomValues).
export type RecorderInput =
  | { type: 'start'; stored: Record<string, string>; config: Record<string, unknown>; page: PageInfo; device: Record<string, unknown> }
  | { type: 'track'; name: string; properties: Record<string, unknown> }
  | { type: 'page'; name: string; properties: Record<string, unknown>; page: PageInfo }
  | { type: 'identify'; user_id: string; traits: Record<string, unknown> }
  | { type: 'group'; group_id: string; traits: Record<string, unknown> }
  | { type: 'event'; event: Record<string, unknown> }
  | { type: 'reset' }
  // Another tab stored this identity (a log in or out there).
  | { type: 'identity_stored'; value: string }
  | { type: 'consent'; granted: boolean }
  // `time`: when the click happened (Date.now() in its listener); the input may
  // come later, after the changes the click caused. Without it, `now`.
  // `answered`: the browser answered it (a link that downloads or opens
  // another tab or window): never a dead click.
  | { type: 'click'; time?: number; x: number; y: number; element_key: string; selector: string; element: ElementDescriptor; answered?: boolean }
  | { type: 'change' }
  | { type: 'delivered'; batch_id: number; body: string }
  | { type: 'failed'; batch_id: number; status: number; retry_after?: number; body: string }
  | { type: 'flush' }
  // The browser's `online`: a backoff after a network error ends.
  | { type: 'online' }
  | { type: 'page_hide' }
  | { type: 'tick' };

export interface PageInfo { url: string; path: string; title: string; referrer: string; search: string }

export type RecorderCommand =
  | { type: 'send_batch'; batch_id: number; body: string; beacon: boolean }
  // The recorder gave up on that request (timed out, its events beaconed).
  | { type: 'abort_batch'; batch_id: number }
  | { type: 'store'; key: string; value: string | null }
  | { type: 'schedule_tick'; at_ms: number | null };

export interface RecorderAnswer {
  commands?: RecorderCommand[];
  anonymous_id?: string;
  user_id?: string;
  recording?: boolean;
  outcome?: string;
  problems?: unknown;
}
