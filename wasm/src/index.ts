// npm / ES module entry.
export { Cairn, default } from './api/cairn';
export type { CairnOptions, ElementDescriptor } from './api/cairn';
