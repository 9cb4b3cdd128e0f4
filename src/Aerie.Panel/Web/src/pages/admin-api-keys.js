import { api } from '../api.js';
import { formValues, h, replace } from '../dom.js';
import { adminNav, field, run, table } from './admin-common.js';

/** The r_* flags of spec 04 §1.2, in the order Pterodactyl's admin page lists them. */
export const RESOURCES = [
  ['r_servers', 'Servers'], ['r_nodes', 'Nodes'], ['r_allocations', 'Allocations'], ['r_users', 'Users'], ['r_locations', 'Locations'],
  ['r_nests', 'Nests'], ['r_eggs', 'Eggs'], ['r_database_hosts', 'Database hosts'], ['r_server_databases', 'Server databases'],
];

/** The create body: description, allowed IPs (one per line or comma-separated), and each mask (0 none, 1 read, 3 read-write). */
export function keyBody(v) {
  const body = {
    description: v.description,
    allowed_ips: String(v.allowed_ips ?? '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
  };
  for (const [name] of RESOURCES) body[name] = Number(v[name] ?? 0);
  return body;
}

/** How a mask reads in the list. */
export function maskLabel(mask) {
  return { 0: 'none', 1: 'read', 2: 'write', 3: 'read-write' }[mask] ?? String(mask);
}

export async function render(root) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading keys…'));
  const shown = h('div', {});
  const select = (name) => h('select', { name },
    h('option', { value: '0' }, 'None'), h('option', { value: '1' }, 'Read'), h('option', { value: '3' }, 'Read & write'));
  const form = h('form', { class: 'card form-grid', onsubmit: create },
    h('h2', {}, 'Create an application API key'),
    field('Description', h('input', { name: 'description', required: true, maxlength: 500 })),
    field('Allowed IPs (optional, one per line; empty allows any)', h('textarea', { name: 'allowed_ips', rows: 2 })),
    ...RESOURCES.map(([name, label]) => field(label, select(name))),
    h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  replace(root, adminNav('/admin/api-keys'), h('h1', {}, 'Application API'),
    h('p', { class: 'muted' }, 'Keys for billing systems and scripts on /api/application (ptla_…). Each is shown once.'),
    status, shown, list, form);
  await load();

  async function load() {
    try {
      const keys = await api.admin.applicationKeys();
      replace(list, table(['Key', 'Description', 'Access', 'Allowed IPs', 'Last used', ''], keys.map((k) => [
        h('code', {}, k.identifier),
        k.description,
        RESOURCES.filter(([name]) => k[name]).map(([name, label]) => `${label}: ${maskLabel(k[name])}`).join(', ') || 'none',
        (k.allowed_ips ?? []).join(', ') || 'any',
        k.last_used_at ?? 'never',
        h('button', { class: 'danger', onclick: () => confirm(`Delete key ${k.identifier}?`) && run(status, () => api.admin.deleteApplicationKey(k.identifier), 'Key deleted.', load) }, 'Delete'),
      ])));
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load keys: ${err.message}`));
    }
  }

  async function create(e) {
    e.preventDefault();
    let created = null;
    const done = await run(status, async () => { created = await api.admin.createApplicationKey(keyBody(formValues(form))); }, 'Key created.', load);
    if (!done) return;
    form.reset();
    replace(shown, h('div', { class: 'card' },
      h('h2', {}, 'Your new key'),
      h('p', { class: 'muted' }, 'Copy it now: it is shown once and stored only as a hash.'),
      h('pre', { class: 'yaml', 'data-testid': 'new-application-key' }, created.token),
      h('button', { onclick: () => navigator.clipboard?.writeText(created.token) }, 'Copy'),
      h('button', { onclick: () => replace(shown) }, 'Hide')));
  }
}
