// The editor chunk as a classic script (cairn-editor.js): cairn.js adds it with
// a <script> element and takes the chunk from the window once it has run
// (snippet.ts). A CSP that allows cairn.js allows this file beside it.
import { EDITOR_CHUNK_GLOBAL, type EditorChunk } from '../api/editor_port';
import * as chunk from './editor_chunk';

(window as unknown as Record<string, EditorChunk>)[EDITOR_CHUNK_GLOBAL] = chunk;
