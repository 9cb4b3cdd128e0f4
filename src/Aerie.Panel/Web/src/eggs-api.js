// Nests and eggs routes of the Application API (spec 04 §3.4), kept apart from api.js: the import sends the egg
// file itself as the body, not JSON built here.
import { ApiError, csrfToken, errorMessage, itemsOf, request } from './api.js';
import { eggContentType } from './egg-files.js';

const enc = encodeURIComponent;
const base = '/api/application/nests';

async function send(method, path, text, type) {
  const res = await fetch(path, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': type, 'X-CSRF-Token': csrfToken() },
    credentials: 'same-origin',
    body: text,
  });
  const body = (res.headers.get('Content-Type') ?? '').includes('json') ? await res.json().catch(() => null) : await res.text();
  if (res.ok) return body;
  throw new ApiError(res.status, errorMessage({ status: res.status, body, retryAfter: res.headers.get('Retry-After') }), body);
}

export const eggsApi = {
  nests: async () => itemsOf(await request('GET', `${base}?per_page=500`)),
  createNest: (name, description) => request('POST', base, { name, description }),
  eggs: async (nest) => itemsOf(await request('GET', `${base}/${enc(nest)}/eggs`)),
  /** Resolves to {created, egg}: 201 a new egg, 200 the same uuid updated in place. */
  importEgg: async (nest, text, fileName) => {
    const body = await send('POST', `${base}/${enc(nest)}/eggs/import`, text, eggContentType(fileName, text));
    return { egg: body?.attributes ?? {} };
  },
  /** The file text: PTDL_v2 JSON, or PLCN_v3 YAML with format 'yaml'. */
  exportEgg: async (nest, egg, format) => {
    const res = await fetch(`${base}/${enc(nest)}/eggs/${enc(egg)}/export${format === 'yaml' ? '?format=yaml' : ''}`, { credentials: 'same-origin' });
    const text = await res.text();
    if (!res.ok) {
      let body = null;
      try { body = JSON.parse(text); } catch { body = null; }
      throw new ApiError(res.status, errorMessage({ status: res.status, body }), body);
    }
    return text;
  },
  deleteEgg: (nest, egg) => request('DELETE', `${base}/${enc(nest)}/eggs/${enc(egg)}`),
};
