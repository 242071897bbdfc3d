// localStorage under one prefix, never throwing: private modes, full quotas and
// disabled storage turn into "nothing stored", not a broken page.
export class LocalStore {
  readonly #prefix: string;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  get<T>(key: string): T | null {
    try {
      const text = localStorage.getItem(this.#prefix + key);
      return text ? (JSON.parse(text) as T) : null;
    } catch {
      return null;
    }
  }

  set(key: string, value: unknown): boolean {
    try {
      localStorage.setItem(this.#prefix + key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }

  // Raw strings under exact keys (the core recorder names its own keys).
  getRaw(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  }

  // Every key in localStorage (none when it is unavailable).
  keys(): string[] {
    try {
      return Object.keys(localStorage);
    } catch {
      return [];
    }
  }

  setRaw(key: string, value: string): boolean {
    try {
      localStorage.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  }

  remove(key: string): void {
    this.removeRaw(this.#prefix + key);
  }

  removeRaw(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing to clean when storage is unavailable.
    }
  }
}
