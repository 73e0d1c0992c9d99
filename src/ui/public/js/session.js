// Sign-in methods and the session kept in sessionStorage (this tab only, gone when it closes; never
// in a URL, a cookie or a log). A method turns what the user typed into an Authorization header;
// a second method (an OAuth2 client id and secret exchanged for a bearer token) is one more entry.

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
