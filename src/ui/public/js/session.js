// Sign-in methods and the session kept in sessionStorage (this tab only, gone when it closes; never
// in a URL, a cookie or a log). A method turns what the user typed into an Authorization header:
// an API token as Basic auth, or an OAuth2 client id and secret exchanged for a Bearer access token
// (the secret itself is never kept; when the access token expires, the API's 401 signs the page out).
import { ApiError } from './api.js';

const KEY = 'datahub-admin.session';

function base64Utf8(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export const SIGN_IN_METHODS = [
  {
    id: 'token',
    label: 'API token',
    fields: [{ name: 'token', label: 'API token', type: 'password', autocomplete: 'off' }],
    // The vendor's scheme: HTTP Basic, the token as username and an empty password.
    // Pasted tokens often carry a trailing newline; a token never holds whitespace.
    authorize: async ({ token }) => `Basic ${base64Utf8(`${token.trim()}:`)}`,
  },
  {
    id: 'oauth',
    label: 'OAuth2 client',
    fields: [
      { name: 'client_id', label: 'Client ID', type: 'text', autocomplete: 'off' },
      { name: 'client_secret', label: 'Client secret', type: 'password', autocomplete: 'off' },
    ],
    // The client credentials grant (RFC 6749 4.4) at LitmusEdge 4.0's token endpoint, as a form body.
    authorize: async ({ client_id, client_secret }) => {
      const res = await fetch('/auth/v3/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client_id.trim(), client_secret: client_secret.trim() }),
        credentials: 'omit',
        cache: 'no-store',
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok || typeof body.access_token !== 'string') {
        throw new ApiError(res.status, body.message ?? body.error_description ?? `HTTP ${res.status} ${res.statusText}`);
      }
      return `Bearer ${body.access_token}`;
    },
  },
];

export function findMethod(id) {
  return SIGN_IN_METHODS.find((m) => m.id === id);
}

/** { method, authorization } or null. */
export function loadSession() {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return value && typeof value.authorization === 'string' && findMethod(value.method) ? value : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify({ method: session.method, authorization: session.authorization }));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}
