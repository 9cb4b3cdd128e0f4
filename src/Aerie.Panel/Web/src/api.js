// HTTP client for the panel routes in docs/panel-api.md. Same-origin cookies; the CSRF header comes
// from the aerie_csrf cookie on every state-changing request.

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

const SAFE = new Set(['GET', 'HEAD']);
export const SIGNED_OUT_EVENT = 'aerie:signed-out';

export function csrfToken(cookieString = document.cookie) {
  for (const part of cookieString.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'aerie_csrf') return decodeURIComponent(rest.join('='));
  }
  return '';
}

/** Sends a request and returns {status, body, retryAfter} without throwing on HTTP errors. */
export async function raw(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE.has(method)) headers['X-CSRF-Token'] = csrfToken();
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('Content-Type') ?? '';
  let parsed = null;
  if (res.status !== 204) {
    const text = await res.text();
    if (type.includes('json')) {
      try { parsed = JSON.parse(text); } catch { parsed = null; }
    } else {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed, retryAfter: res.headers.get('Retry-After') };
}

/** Like raw() but throws ApiError with the panel's plain message on any non-2xx answer. */
export async function request(method, path, body) {
  const answer = await raw(method, path, body);
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  // A session that ended while a page was open sends the user to the login page (main.js listens).
  // Not from the login page itself, whose own checks answer 401 by design.
  if (answer.status === 401 && !path.startsWith('/auth/login') && location.pathname !== '/login') {
    window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT));
  }
  throw new ApiError(answer.status, errorMessage(answer), answer.body);
}

/** The text to show for a failed answer: spec 04's errors[0].detail (every /api/ error carries it). */
export function errorMessage({ status, body, retryAfter }) {
  if (status === 419) return 'Your security token is out of date. Reload the page and try again.';
  if (status === 429) return `Too many attempts. Try again in ${retryAfter ?? 'a few'} seconds.`;
  const detail = body && typeof body === 'object' ? body.errors?.[0]?.detail : '';
  return detail || `The panel answered ${status}.`;
}

/** A list answer may be {data:[...]} or a bare array; both are read. */
export function listOf(body) {
  if (Array.isArray(body)) return body;
  return Array.isArray(body?.data) ? body.data : [];
}

/** The attributes of each item of a spec 04 (Fractal) list: {object:"list", data:[{object, attributes}]}. */
export function itemsOf(body) {
  return listOf(body).map((item) => item?.attributes ?? {});
}

/** A created API key: its attributes plus the usable key, identifier + meta.secret_token (shown once). */
export function createdKey(body) {
  const key = body?.attributes ?? {};
  return { ...key, token: `${key.identifier ?? ''}${body?.meta?.secret_token ?? ''}` };
}

const enc = encodeURIComponent;

export const api = {
  login: (login, password) => request('POST', '/auth/login', { login, password }),
  /** The second login step: {code} or {recoveryToken} with the confirmation token of login(). */
  checkpoint: (confirmationToken, { code, recoveryToken }) => request('POST', '/auth/login/checkpoint', code
    ? { confirmation_token: confirmationToken, authentication_code: code }
    : { confirmation_token: confirmationToken, recovery_token: recoveryToken }),
  logout: () => request('POST', '/auth/logout'),
  account: async () => (await request('GET', '/api/client/account'))?.attributes ?? null,
  servers: async () => listOf(await request('GET', '/api/client')),
  server: (id) => request('GET', `/api/client/servers/${enc(id)}`),
  apiKeys: async () => itemsOf(await request('GET', '/api/client/account/api-keys')),
  createApiKey: async (body) => createdKey(await request('POST', '/api/client/account/api-keys', body)),
  deleteApiKey: (identifier) => request('DELETE', `/api/client/account/api-keys/${enc(identifier)}`),
  websocket: (id) => raw('GET', `/api/client/servers/${enc(id)}/websocket`),
  twoFactor: {
    begin: async () => (await request('GET', '/api/client/account/two-factor'))?.data ?? {},
    enable: async (code, password) => (await request('POST', '/api/client/account/two-factor', { code, password }))?.attributes?.tokens ?? [],
    disable: (password) => request('POST', '/api/client/account/two-factor/disable', { password }),
  },

  admin: {
    users: async () => listOf(await request('GET', '/api/application/users')),
    createUser: (body) => request('POST', '/api/application/users', body),
    updateUser: (uuid, body) => request('PATCH', `/api/application/users/${enc(uuid)}`, body),
    deleteUser: (uuid) => request('DELETE', `/api/application/users/${enc(uuid)}`),
    nodes: async () => listOf(await request('GET', '/api/application/nodes')),
    createNode: (body) => request('POST', '/api/application/nodes', body),
    deleteNode: (id) => request('DELETE', `/api/application/nodes/${enc(id)}`),
    nodeConfiguration: (id) => request('GET', `/api/application/nodes/${enc(id)}/configuration`),
    servers: async () => listOf(await request('GET', '/api/application/servers')),
    createServer: (body) => request('POST', '/api/application/servers', body),
    deleteServer: (uuid) => request('DELETE', `/api/application/servers/${enc(uuid)}`),
    suspend: (uuid, on) => request('POST', `/api/application/servers/${enc(uuid)}/${on ? 'suspend' : 'unsuspend'}`),
  },
};

/** Subuser routes: the client API (granter checks apply) or the admin API for the same shapes. */
export function subuserApi(base) {
  return {
    list: async () => listOf(await request('GET', `${base}/users`)),
    add: (email, permissions) => request('POST', `${base}/users`, { email, permissions }),
    update: (uuid, permissions) => request('POST', `${base}/users/${enc(uuid)}`, { permissions }),
    remove: (uuid) => request('DELETE', `${base}/users/${enc(uuid)}`),
  };
}
