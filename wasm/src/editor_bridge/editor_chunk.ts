// Entry of the editor chunk (cairn-editor.js / cairn-editor.mjs): what cairn.js
// loads when this tab holds an editor token (api/editor_port.ts).
import type { EditorChunk } from '../api/editor_port';
import { EditorMode } from './editor_mode';
import { verifyEditorToken } from './editor_token';

export const openEditor: EditorChunk['openEditor'] = async (collector, token, host) => {
  const grant = await verifyEditorToken(collector.host, collector.writeKey, token);
  return grant ? new EditorMode(grant, host) : null;
};
