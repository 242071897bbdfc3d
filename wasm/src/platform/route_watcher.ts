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
    let on = true;
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method];
      const wrapper = history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args);
        if (on) queueMicrotask(check);
        return result;
      };
      // Another script (an error tracker, a router) may have wrapped ours
      // since: putting the original back would drop its wrapper, so ours
      // stays in its chain and only passes the call on.
      this.#restore.push(() => {
        on = false;
        if (history[method] === wrapper) history[method] = original;
      });
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
