// npm / ES module entry.
import { Cairn as BrowserCairn } from './api/cairn';
import { useEditorChunk } from './api/editor_port';
import type { CairnApi } from './api/public_types';
import { ServerSideCairn } from './api/server_side';

export type { AncestorLevel, CairnApi, CairnOptions, ElementDescriptor, Fingerprint, Properties, Rect } from './api/public_types';

// Without a document (server-side rendering) every call does nothing (server_side.ts).
export const Cairn: CairnApi = typeof document === 'undefined' ? ServerSideCairn : BrowserCairn;
export default Cairn;

// Editor mode is a module of its own, imported only in tabs the editor opened:
// build.mjs turns this import into `import("./cairn-editor.mjs")`, beside this
// module, which browsers and bundlers resolve alike.
useEditorChunk(() => import('./editor_bridge/editor_chunk'));
