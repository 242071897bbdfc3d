// Types for the Emscripten glue (build/wasm/wasm/core/cairn_core.mjs), which
// build.mjs aliases as "cairn-core-glue". Only what the adapter uses.
declare module 'cairn-core-glue' {
  export interface CoreExports {
    HEAPU8: Uint8Array;
    HEAPF64: Float64Array;
    [name: `_cairn_${string}`]: ((...args: number[]) => number) | undefined;
  }
  export interface CoreOptions {
    instantiateWasm?: (
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void,
    ) => object;
    wasmBinary?: ArrayBuffer;
    locateFile?: (path: string) => string;
  }
  const createCairnCore: (options: CoreOptions) => Promise<CoreExports>;
  export default createCairnCore;
}
