// History-API routing inside one web app mounted under a base path
// ("/editor/", "/dashboard/"). The collector serves index.html for every
// extension-less path under the base, so deep links and reloads work.

export type Params = Record<string, string>;
export type RouteHandler = (params: Params, query: URLSearchParams) => void | Promise<void>;

interface Route {
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];
  private notFound: RouteHandler = () => {};

  constructor(readonly base: string) {
    if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`router base must start and end with "/": ${base}`);
  }

  // `path` is relative to the base, with `:name` segments: "guides/:guideId".
  on(path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = path.split('/').filter(Boolean).map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    }).join('/');
    this.routes.push({ pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  otherwise(handler: RouteHandler): this {
    this.notFound = handler;
    return this;
  }

  start(): void {
    window.addEventListener('popstate', () => void this.dispatch());
    // Same-app links navigate without a reload; modified clicks keep browser behaviour.
    document.addEventListener('click', (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a');
      if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
      if (!link.pathname.startsWith(this.base)) return;
      event.preventDefault();
      this.navigate(link.pathname.slice(this.base.length) + link.search);
    });
    void this.dispatch();
  }

  // `path` relative to the base ("guides/12?tab=steps").
  navigate(path: string, { replace = false } = {}): void {
    const url = this.base + path.replace(/^\//, '');
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    void this.dispatch();
  }

  href(path: string): string {
    return this.base + path.replace(/^\//, '');
  }

  private async dispatch(): Promise<void> {
    const relative = location.pathname.startsWith(this.base) ? location.pathname.slice(this.base.length) : '';
    const query = new URLSearchParams(location.search);
    for (const route of this.routes) {
      const match = route.pattern.exec(relative.replace(/\/$/, ''));
      if (!match) continue;
      const params: Params = {};
      route.names.forEach((name, i) => { params[name] = decodeURIComponent(match[i + 1] ?? ''); });
      await route.handler(params, query);
      return;
    }
    await this.notFound({}, query);
  }
}
