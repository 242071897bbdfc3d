// The one way the web apps talk to the collector's admin API (docs/api.md):
// same-origin fetch with the session cookie, the CSRF header on every
// state-changing request, and every error turned into an ApiError carrying the
// collector's code and problem list, so forms can show each problem at its field.

export interface Problem {
  pointer: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
    readonly retryAfterSeconds?: number,
    // The whole error object, for codes that say more (409 edit_conflict's "current").
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }

  // True when the user must log in again (expired session, logged out elsewhere).
  get isUnauthenticated(): boolean {
    return this.status === 401 && this.code === 'unauthenticated';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class Api {
  private csrfToken = '';
  private readonly unauthenticatedListeners: Array<() => void> = [];

  constructor(private readonly base = '') {}

  setCsrfToken(token: string): void {
    this.csrfToken = token;
  }

  // Called once per failed request with 401 unauthenticated (the app shows the login form).
  onUnauthenticated(listener: () => void): void {
    this.unauthenticatedListeners.push(listener);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  // `headers` adds request headers, such as If-Match for guide changes.
  post<T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>('POST', path, body, headers);
  }

  put<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>('PUT', path, body, headers);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  async request<T>(method: Method, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
    const response = await this.send(method, path, body, { ...extraHeaders, Accept: 'application/json' });
    const text = await response.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'invalid_response', `The collector sent a response that is not JSON (${method} ${path}).`);
    }
  }

  // A POST whose answer is bytes of media type `accept` (a packed guide);
  // its errors are JSON and become ApiErrors as for request().
  async postForBytes(path: string, body: unknown, accept: string): Promise<ArrayBuffer> {
    return (await this.send('POST', path, body, { Accept: accept })).arrayBuffer();
  }

  // The request with the session cookie and the CSRF header; a non-2xx answer throws its ApiError.
  private async send(method: Method, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
    if (method !== 'GET') headers['X-Cairn-CSRF'] = this.csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method, headers, credentials: 'same-origin', cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'The collector cannot be reached. Check your connection and try again.');
    }
    if (!response.ok) {
      const error = errorFrom(response, await response.text());
      if (error.isUnauthenticated) this.unauthenticatedListeners.forEach((listener) => listener());
      throw error;
    }
    return response;
  }
}

function errorFrom(response: Response, text: string): ApiError {
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string; problems?: Problem[] } };
    const error = parsed.error;
    if (error && typeof error.code === 'string') {
      return new ApiError(response.status, error.code, error.message ?? error.code, error.problems ?? [], retryAfter, error);
    }
  } catch {
    // Not our error shape (a proxy's HTML page, say): fall through to the generic error.
  }
  return new ApiError(response.status, 'http_error', `The collector answered ${response.status} ${response.statusText}.`, [], retryAfter);
}
