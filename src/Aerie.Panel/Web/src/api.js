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

/** A client `server` item (spec 04 §2.1) as the pages read it: its attributes plus the details' meta as
 * `permissions` (owner `*`) and `isOwner`. */
export function serverOf(body) {
  const attributes = body?.attributes ?? {};
  return {
    ...attributes,
    permissions: Array.isArray(body?.meta?.user_permissions) ? body.meta.user_permissions : [],
    isOwner: body?.meta?.is_server_owner ?? attributes.server_owner === true,
  };
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
  /** The caller's servers (spec 04 `server` attributes); `type` is Pterodactyl's owner/admin/admin-all. */
  servers: async (type) => itemsOf(await request('GET', `/api/client?per_page=100${type ? `&type=${enc(type)}` : ''}`)),
  server: async (id) => serverOf(await request('GET', `/api/client/servers/${enc(id)}`)),
  power: (id, signal) => request('POST', `/api/client/servers/${enc(id)}/power`, { signal }),
  renameServer: (id, name, description) => request('POST', `/api/client/servers/${enc(id)}/settings/rename`, { name, description }),
  apiKeys: async () => itemsOf(await request('GET', '/api/client/account/api-keys')),
  createApiKey: async (body) => createdKey(await request('POST', '/api/client/account/api-keys', body)),
  deleteApiKey: (identifier) => request('DELETE', `/api/client/account/api-keys/${enc(identifier)}`),
  websocket: (id) => raw('GET', `/api/client/servers/${enc(id)}/websocket`),
  twoFactor: {
    begin: async () => (await request('GET', '/api/client/account/two-factor'))?.data ?? {},
    enable: async (code, password) => (await request('POST', '/api/client/account/two-factor', { code, password }))?.attributes?.tokens ?? [],
    disable: (password) => request('POST', '/api/client/account/two-factor/disable', { password }),
  },
  changeEmail: (email, password) => request('PUT', '/api/client/account/email', { email, password }),
  changePassword: (currentPassword, password, confirmation) => request('PUT', '/api/client/account/password',
    { current_password: currentPassword, password, password_confirmation: confirmation }),
  /** One page of activity_log entries with their actors: {entries, pagination}. */
  accountActivity: async (page = 1) => activityPage(await request('GET', `/api/client/account/activity?include=actor&page=${page}`)),
  serverActivity: async (id, page = 1) => activityPage(await request('GET', `/api/client/servers/${enc(id)}/activity?include=actor&page=${page}`)),

  /** A server's allocations (spec 04 §2.5): each item's attributes {id, ip, ip_alias, port, notes, is_default}. */
  network: {
    list: async (id) => itemsOf(await request('GET', `/api/client/servers/${enc(id)}/network/allocations`)),
    add: async (id) => (await request('POST', `/api/client/servers/${enc(id)}/network/allocations`))?.attributes ?? null,
    notes: async (id, allocation, notes) => (await request('POST', `/api/client/servers/${enc(id)}/network/allocations/${enc(allocation)}`, { notes }))?.attributes ?? null,
    primary: async (id, allocation) => (await request('POST', `/api/client/servers/${enc(id)}/network/allocations/${enc(allocation)}/primary`))?.attributes ?? null,
    remove: (id, allocation) => request('DELETE', `/api/client/servers/${enc(id)}/network/allocations/${enc(allocation)}`),
  },

  /** A server's backups (spec 04 §2.8) and retention policy (spec 07 §9); items are `backup` attributes. */
  backups: {
    list: async (id, page = 1) => {
      const body = await request('GET', `/api/client/servers/${enc(id)}/backups?per_page=50&page=${page}`);
      return { items: itemsOf(body), count: body?.meta?.backup_count ?? 0, pagination: body?.meta?.pagination ?? null };
    },
    create: async (id, body) => (await request('POST', `/api/client/servers/${enc(id)}/backups`, body))?.attributes ?? null,
    downloadUrl: async (id, backup) => (await request('GET', `/api/client/servers/${enc(id)}/backups/${enc(backup)}/download`))?.attributes?.url ?? '',
    lock: async (id, backup) => (await request('POST', `/api/client/servers/${enc(id)}/backups/${enc(backup)}/lock`))?.attributes ?? null,
    restore: (id, backup, truncate) => request('POST', `/api/client/servers/${enc(id)}/backups/${enc(backup)}/restore`, { truncate }),
    remove: (id, backup) => request('DELETE', `/api/client/servers/${enc(id)}/backups/${enc(backup)}`),
    retention: async (id) => (await request('GET', `/api/client/servers/${enc(id)}/backups/retention`))?.attributes ?? null,
    saveRetention: async (id, policy) => (await request('PUT', `/api/client/servers/${enc(id)}/backups/retention`, policy))?.attributes ?? null,
    /** What `policy` (unsaved edits) would delete now: backup attributes plus `reason`. */
    preview: async (id, policy) => {
      const query = new URLSearchParams(Object.entries(policy).map(([k, v]) => [k, v ?? ''])).toString();
      return itemsOf(await request('GET', `/api/client/servers/${enc(id)}/backups/retention/preview?${query}`));
    },
  },

  admin: {
    // Spec 04 application routes; one page of up to 500 (the panel's cap) is all an admin page lists.
    users: async () => itemsOf(await request('GET', '/api/application/users?per_page=500')),
    createUser: async (body) => (await request('POST', '/api/application/users', body))?.attributes ?? null,
    /** PATCH needs email, username, first_name and last_name every time (userPatch builds it). */
    updateUser: (id, body) => request('PATCH', `/api/application/users/${enc(id)}`, body),
    suspendUser: (id, on) => request('POST', `/api/application/users/${enc(id)}/${on ? 'suspend' : 'unsuspend'}`),
    deleteUser: (id) => request('DELETE', `/api/application/users/${enc(id)}`),
    nodes: async () => itemsOf(await request('GET', '/api/application/nodes?per_page=500&include=location')),
    createNode: (body) => request('POST', '/api/application/nodes', body),
    deleteNode: (id) => request('DELETE', `/api/application/nodes/${enc(id)}`),
    /** The node's config as JSON (same keys as its config.yml; JSON is valid YAML). */
    nodeConfiguration: (id) => request('GET', `/api/application/nodes/${enc(id)}/configuration`),
    locations: async () => itemsOf(await request('GET', '/api/application/locations?per_page=500')),
    createLocation: async (body) => (await request('POST', '/api/application/locations', body))?.attributes ?? null,
    applicationKeys: async () => itemsOf(await request('GET', '/api/application/api-keys')),
    createApplicationKey: async (body) => createdKey(await request('POST', '/api/application/api-keys', body)),
    deleteApplicationKey: (identifier) => request('DELETE', `/api/application/api-keys/${enc(identifier)}`),
    // Servers (spec 04 §3.5): by integer id; owner and node come as includes.
    servers: async () => itemsOf(await request('GET', '/api/application/servers?include=user,node&per_page=500')),
    createServer: (body) => request('POST', '/api/application/servers', body),
    deleteServer: (id) => request('DELETE', `/api/application/servers/${enc(id)}`),
    suspend: (id, on) => request('POST', `/api/application/servers/${enc(id)}/${on ? 'suspend' : 'unsuspend'}`),
    /** Every allocation of a node with the server using it (relationships.server), for the node page. */
    nodeAllocations: async (nodeId) => itemsOf(await request('GET', `/api/application/nodes/${enc(nodeId)}/allocations?include=server&per_page=500`)),
    /** Spec 04 §3.3: {ip (address, host name or CIDR /25-/32), ports: ["25565", "25570-25580"], alias?} → 204. */
    createAllocations: (nodeId, body) => request('POST', `/api/application/nodes/${enc(nodeId)}/allocations`, body),
    deleteAllocation: (nodeId, id) => request('DELETE', `/api/application/nodes/${enc(nodeId)}/allocations/${enc(id)}`),
    /** A node's free allocations, for a new server's allocation.default. */
    freeAllocations: async (nodeId) => itemsOf(await request('GET', `/api/application/nodes/${enc(nodeId)}/allocations?filter[server_id]=none&per_page=500`)),
    /** Every nest with its eggs, for the create form's egg choice. */
    nestsWithEggs: async () => itemsOf(await request('GET', '/api/application/nests?include=eggs&per_page=500')),
    /** One egg with its variables (the create form's images, startup and variables form). */
    egg: async (nestId, eggId) => (await request('GET', `/api/application/nests/${enc(nestId)}/eggs/${enc(eggId)}?include=variables`))?.attributes ?? null,
    /** Runs the egg's install script again over the server's files (status installing until the node reports). */
    reinstall: (id) => request('POST', `/api/application/servers/${enc(id)}/reinstall`),
  },
};

/** A paginated activity_log list: each entry's attributes (actor = the included user's attributes, or null) and the page. */
export function activityPage(body) {
  const entries = listOf(body).map((item) => {
    const a = item?.attributes ?? {};
    return { ...a, actor: a.relationships?.actor?.attributes ?? null };
  });
  return { entries, pagination: body?.meta?.pagination ?? { current_page: 1, total_pages: 1 } };
}

/** Subusers of one server (spec 04 §2.6), addressed by the subuser's user UUID; administrators use the same routes. */
export function subuserApi(server) {
  const base = `/api/client/servers/${enc(server)}/users`;
  const one = async (answer) => (await answer)?.attributes ?? null;
  return {
    list: async () => itemsOf(await request('GET', base)),
    add: (email, permissions) => one(request('POST', base, { email, permissions })),
    update: (uuid, permissions) => one(request('POST', `${base}/${enc(uuid)}`, { permissions })),
    remove: (uuid) => request('DELETE', `${base}/${enc(uuid)}`),
  };
}
