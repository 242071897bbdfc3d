// The collector's verdict on the editor token (docs/editor-bridge.md, "Trust"):
// POST /v1/editor/verify with the app's write key. Taking the token from the
// URL and keeping it in sessionStorage is cairn.js's (platform/editor_token_store.ts):
// this chunk is loaded only once a token is there.
import { forgetEditorToken } from '../platform/editor_token_store';

export type EditorPurpose = 'edit' | 'view';

export interface EditorGrant {
  appId: string;
  account: { id: string; email: string };
  editorOrigin: string;
  expiresAtMs: number;
  purpose: EditorPurpose;
}

// Asks the collector about `token`. A refusal forgets the token (it will not
// get better); a network failure keeps it for the next load.
export async function verifyEditorToken(host: string, writeKey: string, token: string): Promise<EditorGrant | null> {
  let response: Response;
  try {
    response = await fetch(host.replace(/\/+$/, '') + '/v1/editor/verify', {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'X-Cairn-Write-Key': writeKey },
      body: JSON.stringify({ token }),
    });
  } catch {
    return null;
  }
  if (response.status !== 200) {
    if (response.status >= 400 && response.status < 500) forgetEditorToken();
    return null;
  }
  const body = await response.json().catch(() => null) as Record<string, unknown> | null;
  const account = body?.account as { id?: unknown; email?: unknown } | undefined;
  const origin = body?.editor_origin;
  const expires = body?.expires_at_ms;
  const purpose = body?.purpose === 'view' ? 'view' : body?.purpose === 'edit' ? 'edit' : null;
  if (typeof origin !== 'string' || !/^https?:\/\/[^/]+$/.test(origin) || typeof expires !== 'number' ||
      expires <= Date.now() || !purpose || typeof account?.id !== 'string') {
    return null;
  }
  return { appId: String(body!.app_id ?? ''), account: { id: account.id, email: String(account.email ?? '') },
    editorOrigin: origin, expiresAtMs: expires, purpose };
}
