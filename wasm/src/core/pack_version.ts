// The newest packed guide version (sdk/guide/guide_pack.h, kPackVersion) the
// core this SDK ships with reads. cairn.js, cairn.wasm and cairn-editor.js
// come from one build and one directory, so the adapter states it for the
// core: to the collector (GET /v1/guides, transport.ts) and to the editor
// (the bridge's `ready`, which the draft route packs for).
export const PACK_VERSION = 2;
