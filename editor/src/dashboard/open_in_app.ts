// "Open in app": opens the customer's app on a page and, for an element,
// outlines it there through the editor bridge (docs/editor-bridge.md) with a
// view-only token. A stuck-point element comes with the summary of its
// descriptor (tag, id, role, name, text, label, test ids), which is itself a
// descriptor, so the fingerprint sent is `{version: 1, element: summary}` (a
// fingerprint with only `version` and `element` is valid, docs/fingerprint.md).
// Clicks recorded without a descriptor have only their label ("button 'Save'"):
// tag and accessible name.
import { AppBridge, BridgeError } from '../shared/app_bridge';
import type { Api } from '../shared/api';
import type { App } from '../shared/model';
import { describeError, notify } from '../shared/notices';
import type { ElementSummary } from './analytics_model';
import { parseElementLabel } from './condition_model';

let bridge: AppBridge | null = null;
let bridgeKey = '';

// The app's page for `url`: a recorded URL on one of the app's origins is kept;
// otherwise its path is opened on the app's first origin. null without origins.
export function appPageUrl(app: App, url: string): string | null {
  const origin = app.origins[0];
  if (!origin) return null;
  try {
    const parsed = new URL(url, origin);
    if (app.origins.includes(parsed.origin)) return parsed.href;
    return new URL(parsed.pathname + parsed.search, origin).href;
  } catch {
    return null;
  }
}

export function elementFingerprint(element: ElementSummary | null, label: string): Record<string, unknown> | null {
  if (element) return { version: 1, element };
  const e = parseElementLabel(label);
  if (!e) return null;
  return { version: 1, element: e.text ? { tag: e.tag, name: e.text } : { tag: e.tag } };
}

// Must run inside the click (the bridge opens its window synchronously).
export function openAndHighlight(api: Api, app: App, pageUrl: string, selectorLabel: string, element: ElementSummary | null): void {
  const key = `${app.id} ${new URL(pageUrl).origin}`;
  if (!bridge || bridgeKey !== key) {
    bridge?.close();
    bridge = new AppBridge(api, app.id, pageUrl, 'view');
    bridgeKey = key;
  }
  const current = bridge;
  const fingerprint = elementFingerprint(element, selectorLabel);
  void current.connect(pageUrl).then(async () => {
    if (!fingerprint) return;
    const answer = await current.highlight(fingerprint);
    const status = Array.isArray(answer.steps) ? (answer.steps[0] as { status?: string } | undefined)?.status : undefined;
    if (status && status !== 'found') notify(`The element ${selectorLabel} is ${status} on this page of the app.`, 'info');
  }).catch((e) => {
    if (e instanceof BridgeError && e.code === 'window_closed') return;  // the user closed it
    notify(e instanceof BridgeError ? e.message : describeError(e), 'error', 8000);
  });
}
