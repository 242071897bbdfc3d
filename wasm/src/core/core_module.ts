// The WASM core behind a small typed door: load it once, call an export with a
// JSON document, get a JSON document back. Everything the core decides goes
// through here; the adapter never reaches into linear memory elsewhere.
//
// Loading uses instantiateStreaming on our own fetch (or a given ArrayBuffer)
// instead of the glue's loader: it works the same in a page, a worker and in
// Node 20, and it needs only CSP 'wasm-unsafe-eval', never 'unsafe-eval'.
import createCairnCore, { type CoreExports } from 'cairn-core-glue';

export interface CoreInfo {
  version: string;
  modules: string[];
}

export class CoreModule {
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  readonly info: CoreInfo;

  private constructor(private readonly core: CoreExports) {
    this.info = this.callRaw('cairn_version', null) as unknown as CoreInfo;
  }

  // Loads the core from `source`: a URL of cairn.wasm or its bytes.
  static async load(source: string | URL | ArrayBuffer): Promise<CoreModule> {
    const core = await createCairnCore({
      // Never used (instantiateWasm loads the bytes) but keeps the glue from
      // resolving its own URL, which a bundled classic script does not have.
      locateFile: (path: string) => path,
      instantiateWasm(imports, receive) {
        const done = (r: WebAssembly.WebAssemblyInstantiatedSource) => receive(r.instance, r.module);
        const started =
          source instanceof ArrayBuffer
            ? WebAssembly.instantiate(source, imports)
            : instantiateFromUrl(String(source), imports);
        started.then(done, (e) => console.error('cairn: cannot load the core', e));
        return {};
      },
    });
    return new CoreModule(core);
  }

  has(module: string): boolean {
    return this.info.modules.includes(module);
  }

  // True when the build exports `name` (a module's bridge may be absent).
  exports(name: string): boolean {
    return typeof this.core[`_${name}` as `_cairn_${string}`] === 'function';
  }

  // Calls a JSON-in/JSON-out export. Returns null when the build lacks it.
  call<T>(name: string, input: unknown): T | null {
    if (!this.exports(name)) return null;
    return this.callRaw(name, input) as T;
  }

  // Calls an export that takes raw bytes (a packed candidate list) and answers
  // JSON. Returns null when the build lacks it.
  callBytes<T>(name: string, bytes: Uint8Array): T | null {
    if (!this.exports(name)) return null;
    return this.callRaw(name, bytes) as T;
  }

  // Calls a numeric export that returns a pointer to `count` doubles.
  callDoubles(name: string, args: number[], count: number): Float64Array | null {
    const fn = this.core[`_${name}` as `_cairn_${string}`];
    if (!fn) return null;
    const ptr = fn(...args);
    return this.core.HEAPF64.slice(ptr / 8, ptr / 8 + count);
  }

  private callRaw(name: string, input: unknown): unknown {
    const fn = this.core[`_${name}` as `_cairn_${string}`]!;
    let ptr = 0;
    let len = 0;
    if (input !== null) {
      const bytes = input instanceof Uint8Array ? input : this.encoder.encode(JSON.stringify(input));
      len = bytes.length;
      ptr = this.core._cairn_alloc!(len);
      this.core.HEAPU8.set(bytes, ptr);
    }
    try {
      fn(ptr, len);
    } finally {
      if (ptr) this.core._cairn_free!(ptr);
    }
    const out = this.core._cairn_result_ptr!();
    const outLen = this.core._cairn_result_len!();
    const text = this.decoder.decode(this.core.HEAPU8.subarray(out, out + outLen));
    return text ? JSON.parse(text) : null;
  }
}

async function instantiateFromUrl(url: string, imports: WebAssembly.Imports) {
  if (WebAssembly.instantiateStreaming) {
    try {
      return await WebAssembly.instantiateStreaming(fetch(url, { credentials: 'omit' }), imports);
    } catch {
      // A server that sends the wrong MIME type: fall back to bytes below.
    }
  }
  const response = await fetch(url, { credentials: 'omit' });
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
