// A logged-in session on the collector's admin API (docs/api.md): the session
// cookie plus the X-Cairn-CSRF token every POST/PUT needs, and an Origin the
// same-origin check accepts. call(method, path, body, headers) answers the
// parsed JSON or throws with the status and the collector's error body;
// `headers` adds request headers (If-Match for guide changes).
export async function adminSession(base, email, password) {
  let cookie = '', csrf = '';
  async function call(method, path, body, headers = {}) {
    const response = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie, 'X-Cairn-CSRF': csrf, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0];
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 2000)}`);
    return text ? JSON.parse(text) : {};
  }
  csrf = (await call('POST', '/api/login', { email, password })).csrf_token;
  return call;
}
