// /account — the signed-in user and their client API keys (for bots and scripts).
import { api } from '../api.js';
import { formValues, h, message, replace } from '../dom.js';
import { field, table } from './admin-common.js';
import { twoFactorSection } from './two-factor.js';

export async function render(root, _params, ctx) {
  const status = h('p', { class: 'message', role: 'alert' });
  const created = h('div', {});
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading API keys…'));
  const form = h('form', { class: 'card form-grid', onsubmit: create },
    h('h2', {}, 'Create an API key'),
    field('Description', h('input', { name: 'description', required: true, maxlength: 500 })),
    field('Expires (optional)', h('input', { name: 'expiresAt', type: 'datetime-local' })),
    field('Allowed IPs or networks (optional, comma separated)', h('input', { name: 'allowedIps', maxlength: 2000, placeholder: '203.0.113.7, 10.0.0.0/8' })),
    h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  const user = ctx.user ?? {};
  replace(root,
    h('h1', {}, 'Account'),
    h('p', { class: 'muted' }, `${user.username ?? ''} · ${user.email ?? ''}${user.admin ? ' · administrator' : ''}`),
    h('h2', {}, 'API keys'),
    h('p', { class: 'muted' }, 'Keys authenticate scripts and bots with Authorization: Bearer <key>. A key is shown once, when it is created.'),
    status, created, list, form,
    twoFactorSection());
  await load();

  async function load() {
    try {
      const keys = await api.apiKeys();
      replace(list, table(['Key', 'Description', 'Created', 'Expires', 'Last used', 'Allowed IPs', ''], keys.map((k) => [
        h('code', {}, k.identifier),
        k.description ?? '',
        when(k.created_at),
        k.expires_at ? when(k.expires_at) : 'never',
        k.last_used_at ? when(k.last_used_at) : 'never',
        (k.allowed_ips ?? []).join(', ') || 'any',
        h('div', { class: 'actions' }, h('button', { class: 'danger', onclick: () => revoke(k) }, 'Revoke')),
      ])));
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load API keys: ${err.message}`));
    }
  }

  async function create(e) {
    e.preventDefault();
    const v = formValues(form);
    const body = { description: v.description };
    if (v.expiresAt) body.expires_at = new Date(v.expiresAt).toISOString();
    const ips = v.allowedIps.split(/[\s,]+/).filter(Boolean);
    if (ips.length) body.allowed_ips = ips;
    message(status, 'info', 'Creating…');
    try {
      const key = await api.createApiKey(body);
      message(status, 'success', 'Key created.');
      form.reset();
      replace(created, h('div', { class: 'card secret' },
        h('strong', {}, 'Copy this key now; it will not be shown again:'),
        h('pre', { class: 'yaml' }, key.token ?? ''),
        h('button', { onclick: () => navigator.clipboard?.writeText(key.token ?? '') }, 'Copy'),
        ' ',
        h('button', { onclick: () => replace(created) }, 'Done')));
      await load();
    } catch (err) {
      message(status, 'error', err.message);
    }
  }

  async function revoke(key) {
    if (!confirm(`Revoke the key ${key.identifier}? Scripts using it stop working at once.`)) return;
    try {
      await api.deleteApiKey(key.identifier);
      message(status, 'success', 'Key revoked.');
      await load();
    } catch (err) {
      message(status, 'error', err.message);
    }
  }
}

function when(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value ?? '') : date.toLocaleString();
}
