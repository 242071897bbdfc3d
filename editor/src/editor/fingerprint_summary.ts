// A one-line, human description of a stored target element: "button “New
// project” (button)", from the picker's summary or the fingerprint itself.
import type { ElementSummary } from '../shared/app_bridge';
import { isObject, type JsonObject } from './guide_types';

export function summaryFromFingerprint(fingerprint: unknown): ElementSummary {
  const element = isObject(fingerprint) && isObject(fingerprint.element) ? fingerprint.element : ({} as JsonObject);
  const attributes = isObject(element.attributes) ? element.attributes : ({} as JsonObject);
  const text = element.text ?? element.name ?? element.label;
  return {
    tag: typeof element.tag === 'string' ? element.tag : undefined,
    role: typeof element.role === 'string' ? element.role : undefined,
    text: typeof text === 'string' ? text : undefined,
    test_id: typeof attributes['data-testid'] === 'string' ? attributes['data-testid'] : undefined,
  };
}

export function describeElement(summary: ElementSummary): string {
  const parts = [`<${summary.tag || '?'}>`];
  if (summary.text) parts.push(`“${summary.text.length > 60 ? `${summary.text.slice(0, 57)}…` : summary.text}”`);
  if (summary.role) parts.push(`role ${summary.role}`);
  if (summary.test_id) parts.push(`test id ${summary.test_id}`);
  return parts.join(', ');
}
