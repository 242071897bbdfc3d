// SPA route changes without polling: wraps history.pushState/replaceState and
// listens to popstate and hashchange. Reports each distinct URL once.
export class RouteWatcher {
  #last = location.href;
  readonly #restore: Array<() => void> = [];
  readonly #onRoute: (url: string) => void;

  constructor(onRoute: (url: string) => void) {
    this.#onRoute = onRoute;
  }

  start(): void {
    const check = () => {
      if (location.href === this.#last) return;
      this.#last = location.href;
      this.#onRoute(this.#last);
    };
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method];
      history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args);
        queueMicrotask(check);
        return result;
      };
      this.#restore.push(() => { history[method] = original; });
    }
    for (const type of ['popstate', 'hashchange']) {
      addEventListener(type, check);
      this.#restore.push(() => removeEventListener(type, check));
    }
  }

  stop(): void {
    while (this.#restore.length) this.#restore.pop()!();
  }
}
