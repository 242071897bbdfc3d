// The WASM core behind a small typed door: load it once, call an export with a
// JSON document, get a JSON document back. Everything the core decides goes
// through here; the adapter never reaches into linear memory elsewhere.
//
// cairn.wasm is a standalone module (emcc -o cairn_core.wasm, no Emscripten JS
// glue): this file is its whole loader. It gives the core the three imports it
// declares (coreImports below), runs its C++ constructors (_initialize) and
// calls its exports by their C names. Loading uses instantiateStreaming on our
// own fetch (or a given ArrayBuffer): it works the same in a page, a worker and
// in Node 20, and it needs only CSP 'wasm-unsafe-eval', never 'unsafe-eval'.

export interface CoreInfo {
  version: string;
  modules: string[];
}

type CoreExport = (...args: number[]) => number;

export class CoreModule {
  // #private names, which the minifier shortens (TypeScript's `private` ships
  // the names in full).
  readonly #encoder = new TextEncoder();
  readonly #decoder = new TextDecoder();
  readonly #core: WebAssembly.Exports;
  readonly #memory: CoreMemory;
  readonly info: CoreInfo;
  // The newest packed guide version (sdk/guide/guide_pack.h) this core reads,
  // which the adapter asks the collector (GET /v1/guides) and the editor
  // (`ready`) for. Read from the core itself: a page's `wasmUrl` may name
  // another build of cairn.wasm than its cairn.js. A core from before the
  // export reads version 1, as every core that reads packs does.
  readonly packVersion: number;

  private constructor(core: WebAssembly.Exports, memory: CoreMemory) {
    this.#core = core;
    this.#memory = memory;
    this.info = this.#callRaw('cairn_version', null) as unknown as CoreInfo;
    this.packVersion = this.exports('cairn_pack_version') ? this.#fn('cairn_pack_version')() : 1;
  }

  // Loads the core from `source`: a URL of cairn.wasm or its bytes. Rejects
  // with the reason when the file cannot be fetched or instantiated.
  static async load(source: string | URL | ArrayBuffer): Promise<CoreModule> {
    const memory = new CoreMemory();
    const imports = coreImports(memory);
    let instance: WebAssembly.Instance;
    try {
      ({ instance } =
        source instanceof ArrayBuffer ? await WebAssembly.instantiate(source, imports) : await instantiateFromUrl(String(source), imports));
    } catch (e) {
      throw new Error(`cairn: cannot load the core${source instanceof ArrayBuffer ? '' : ` from ${String(source)}`}: ${String(e)}`);
    }
    const core = instance.exports;
    memory.attach(core.memory as WebAssembly.Memory);
    // A reactor module: its C++ static constructors run here, once, before any call.
    (core._initialize as () => void)();
    return new CoreModule(core, memory);
  }

  has(module: string): boolean {
    return this.info.modules.includes(module);
  }

  // True when the build exports `name` (a module's bridge may be absent).
  exports(name: string): boolean {
    return typeof this.#core[name] === 'function';
  }

  // Calls a JSON-in/JSON-out export. Returns null when the build lacks it.
  call<T>(name: string, input: unknown): T | null {
    if (!this.exports(name)) return null;
    return this.#callRaw(name, input) as T;
  }

  // Calls an export that takes raw bytes (a packed candidate list) and answers
  // JSON. Returns null when the build lacks it.
  callBytes<T>(name: string, bytes: Uint8Array): T | null {
    if (!this.exports(name)) return null;
    return this.#callRaw(name, bytes) as T;
  }

  // Calls a numeric export that returns a pointer to `count` doubles.
  callDoubles(name: string, args: number[], count: number): Float64Array | null {
    if (!this.exports(name)) return null;
    const ptr = this.#fn(name)(...args);
    return this.#memory.doubles.slice(ptr / 8, ptr / 8 + count);
  }

  #fn(name: string): CoreExport {
    return this.#core[name] as CoreExport;
  }

  #callRaw(name: string, input: unknown): unknown {
    let ptr = 0;
    let len = 0;
    if (input !== null) {
      const bytes = input instanceof Uint8Array ? input : this.#encoder.encode(JSON.stringify(input));
      len = bytes.length;
      ptr = this.#fn('cairn_alloc')(len);
      // Read the view after the allocation: it may have grown the memory.
      this.#memory.bytes.set(bytes, ptr);
    }
    try {
      this.#fn(name)(ptr, len);
    } finally {
      if (ptr) this.#fn('cairn_free')(ptr);
    }
    const out = this.#fn('cairn_result_ptr')();
    const outLen = this.#fn('cairn_result_len')();
    const text = this.#decoder.decode(this.#memory.bytes.subarray(out, out + outLen));
    return text ? JSON.parse(text) : null;
  }
}

// The core's linear memory as typed views. memory.grow (inside the core, when
// malloc needs room) detaches the old ArrayBuffer; the core then calls
// emscripten_notify_memory_growth, and the views are rebuilt there.
class CoreMemory {
  bytes = new Uint8Array(0);
  doubles = new Float64Array(0);
  #memory: WebAssembly.Memory | null = null;

  attach(memory: WebAssembly.Memory): void {
    this.#memory = memory;
    this.refresh();
  }

  refresh(): void {
    if (!this.#memory) return;
    this.bytes = new Uint8Array(this.#memory.buffer);
    this.doubles = new Float64Array(this.#memory.buffer);
  }
}

// Exactly the imports cairn.wasm declares (standalone emcc: WASI for libc, one
// Emscripten hook, the JSON writer's doubles), under the short names
// wasm/loader_interface.mjs gives them in the build. A missing one fails
// instantiation with a LinkError naming it.
function coreImports(memory: CoreMemory): WebAssembly.Imports {
  return {
    a: {
      // env.emscripten_notify_memory_growth
      g: () => memory.refresh(),
      // env.cairn_format_double: the core's JSON writer prints doubles here
      // (sdk/json/writer.cpp): the shortest round-trip digits, without shipping
      // Ryu in the wasm. Answers the length written, or -1 when `capacity` is
      // too small.
      d(value: number, out: number, capacity: number): number {
        const text = String(value);
        if (text.length > capacity) return -1;
        const bytes = memory.bytes;
        for (let i = 0; i < text.length; i++) bytes[out + i] = text.charCodeAt(i);
        return text.length;
      },
      // wasi_snapshot_preview1.proc_exit: abort() and exit() end here. The call
      // that reached them cannot finish, so it throws instead of returning into
      // a core that gave up. (No environment imports: the core links its own
      // getenv, wasm/bridge/no_environment.cpp, so libc asks for none.)
      x(code: number): never {
        throw new Error(`cairn: the core aborted (exit code ${code})`);
      },
    },
  };
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
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
