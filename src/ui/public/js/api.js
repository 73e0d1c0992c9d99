// The page's only way to the server: the public JSON endpoints, with the session's Authorization
// header on every call. A failed call throws ApiError carrying the API's own `message`.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** Path segment for a user-supplied name: every reserved character percent-encoded. */
export const seg = (name) => encodeURIComponent(name);

async function errorMessage(res) {
  try {
    const body = await res.json();
    if (body && typeof body.message === 'string' && body.message !== '') return body.message;
  } catch {
    // Not JSON (a proxy's HTML page): fall through to the status line.
  }
  return `HTTP ${res.status} ${res.statusText}`.trim();
}

/**
 * authorization: the header value the sign-in method produced. onUnauthorized runs on any 401 (the
 * token was revoked while the page was open), so the page can return to sign-in with the message.
 */
export function createApi(authorization, onUnauthorized = () => {}) {
  async function call(method, path, body) {
    let res;
    try {
      res = await fetch(path, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        // 'omit': the Fetch standard only prompts for HTTP auth when credentials are included, so a
        // wrong token answers 401 to the page instead of opening the browser's login dialog.
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (err) {
      throw new ApiError(0, `The server could not be reached (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (!res.ok) {
      const error = new ApiError(res.status, await errorMessage(res));
      if (res.status === 401) onUnauthorized(error);
      throw error;
    }
    if (res.status === 204) return undefined;
    const type = res.headers.get('content-type') ?? '';
    return type.includes('json') ? res.json() : res.text();
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call('DELETE', path),
  };
}

/**
 * Whether these credentials may change things, asked without changing anything: a PUT with a state
 * the route rejects. The auth hook answers before validation, so a read token gets 403 and a token
 * that may write gets the route's 400; neither touches the persistence state. (The vendor document
 * has no "who am I" endpoint, and this needs none.)
 */
export async function probeWriteAccess(api) {
  try {
    await api.put('/stats/tsdb/state/write-access-probe');
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return false;
    if (err instanceof ApiError && err.status === 400) return true;
    throw err;
  }
}
