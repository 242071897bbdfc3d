// The postMessage protocol between the editor and the SDK
// (docs/editor-bridge.md, "Messages"): which messages the SDK accepts and
// their shapes. A message counts only when it comes from the editor's origin
// and from the window that opened this tab; anything else is not ours and is
// ignored without an answer (answering would tell a foreign page we exist).
import type { Fingerprint } from '../core/protocol';

export type EditorRequest =
  | { type: 'pick'; request_id: string }
  | { type: 'cancel_pick'; request_id: string }
  | { type: 'preview'; request_id: string; packed_guide: Uint8Array; step_index: number }
  | { type: 'stop_preview'; request_id: string }
  | { type: 'check'; request_id: string; packed_guide: Uint8Array }
  | { type: 'highlight'; request_id: string; fingerprint: Fingerprint }
  | { type: 'clear' };

// A message from the editor whose shape is wrong: answered with an `error`.
export interface BadRequest { bad: true; request_id: string; message: string }

const MAX_REQUEST_ID = 128;
// A draft in the packed form (POST /api/apps/{app}/guides/pack) is a few KB;
// the JSON codec's own limits keep any valid guide far below this.
const MAX_PACKED_GUIDE_BYTES = 1 << 20;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// True when `event` comes from the editor that opened this tab.
export function fromEditor(event: MessageEvent, editorOrigin: string): boolean {
  return event.origin === editorOrigin && event.source !== null && event.source === window.opener;
}

// Reads an editor message. null: not a Cairn message at all (other scripts
// use postMessage too); BadRequest: ours but malformed.
export function readRequest(data: unknown): EditorRequest | BadRequest | null {
  if (!isObject(data) || data.cairn !== 1 || typeof data.type !== 'string') return null;
  const id = data.request_id;
  const bad = (message: string): BadRequest => ({ bad: true, request_id: typeof id === 'string' ? id.slice(0, MAX_REQUEST_ID) : '', message });
  if (data.type === 'clear') return { type: 'clear' };
  if (typeof id !== 'string' || !id || id.length > MAX_REQUEST_ID) return bad(`request_id must be a non-empty string of at most ${MAX_REQUEST_ID} characters`);
  switch (data.type) {
    case 'pick':
    case 'cancel_pick':
    case 'stop_preview':
      return { type: data.type, request_id: id };
    case 'preview':
    case 'check': {
      const packed = data.packed_guide;
      if (!(packed instanceof ArrayBuffer) || packed.byteLength === 0 || packed.byteLength > MAX_PACKED_GUIDE_BYTES) {
        return bad(`packed_guide must be the draft's packed form (an ArrayBuffer of 1 to ${MAX_PACKED_GUIDE_BYTES} bytes from POST /api/apps/{app_id}/guides/pack)`);
      }
      if (data.type === 'check') return { type: 'check', request_id: id, packed_guide: new Uint8Array(packed) };
      const step = data.step_index ?? 0;
      if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) return bad('step_index must be a non-negative integer');
      return { type: 'preview', request_id: id, packed_guide: new Uint8Array(packed), step_index: step };
    }
    case 'highlight':
      if (!isObject(data.fingerprint)) return bad('fingerprint must be an element fingerprint (an object)');
      return { type: 'highlight', request_id: id, fingerprint: data.fingerprint };
    default:
      return bad(`unknown message type "${String(data.type).slice(0, 40)}"`);
  }
}
