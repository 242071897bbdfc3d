// npm / ES module entry.
import { useEditorChunk } from './api/editor_port';

export { Cairn, default } from './api/cairn';
export type { CairnOptions, ElementDescriptor, Properties } from './api/cairn';

// Editor mode is a module of its own, imported only in tabs the editor opened:
// build.mjs turns this import into `import("./cairn-editor.mjs")`, beside this
// module, which browsers and bundlers resolve alike.
useEditorChunk(() => import('./editor_bridge/editor_chunk'));
