// The login form. Resolves with the session once the collector accepted the
// credentials; shows rate-limit and credential errors in place, and `note`
// (why the user must log in again) above the fields.
import { Api, ApiError } from './api';
import { h } from './dom';
import type { SessionInfo } from './model';

export function showLogin(root: HTMLElement, api: Api, productName: string, note?: string): Promise<SessionInfo> {
  return new Promise((resolve) => {
    const email = h('input', { id: 'login-email', type: 'email', name: 'email', autocomplete: 'username', required: true });
    const password = h('input', { id: 'login-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
    const error = h('p', { class: 'form-error', id: 'login-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
    const form = h('form', { class: 'login-card', 'aria-describedby': 'login-error' },
      h('h1', {}, `Cairn ${productName}`),
      note ? h('p', { class: 'login-note', role: 'status' }, note) : null,
      h('label', { for: 'login-email' }, 'Email'), email,
      h('label', { for: 'login-password' }, 'Password'), password,
      error, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      try {
        const session = await api.post<SessionInfo>('/api/login', { email: email.value.trim(), password: password.value });
        resolve(session);
      } catch (e) {
        error.textContent = loginErrorText(e);
        password.select();
      } finally {
        submit.disabled = false;
      }
    });
    root.replaceChildren(h('main', { class: 'login-page' }, form));
    email.focus();
  });
}

function loginErrorText(e: unknown): string {
  if (!(e instanceof ApiError)) return 'Login failed.';
  if (e.code === 'invalid_credentials') return 'Wrong email or password.';
  if (e.code === 'too_many_attempts') {
    const minutes = Math.max(1, Math.ceil((e.retryAfterSeconds ?? 60) / 60));
    return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  if (e.code === 'busy') return 'The server is busy. Try again in a moment.';
  return e.message;
}
