// /account — the signed-in user: email and password, client API keys (for bots and scripts), two-factor, activity.
import { api } from '../api.js';
import { formValues, h, message, replace } from '../dom.js';
import { activityList } from './activity-list.js';
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
  const summary = h('p', { class: 'muted account-summary' }, `${user.username ?? ''} · ${user.email ?? ''}${user.admin ? ' · administrator' : ''}`);
  replace(root,
    h('h1', {}, 'Account'),
    summary,
    credentialsSection(user, summary),
    h('h2', {}, 'API keys'),
    h('p', { class: 'muted' }, 'Keys authenticate scripts and bots with Authorization: Bearer <key>. A key is shown once, when it is created.'),
    status, created, list, form,
    twoFactorSection(),
    h('section', { class: 'account-activity' }, h('h2', {}, 'Activity'), activityList((page) => api.accountActivity(page))));
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

/** Change-email and change-password forms; both ask for the current password. */
function credentialsSection(user, summary) {
  const status = h('p', { class: 'message', role: 'alert' });
  const emailForm = h('form', { class: 'card form-grid account-email', onsubmit: changeEmail },
    h('h2', {}, 'Change email'),
    field('New email', h('input', { name: 'email', type: 'email', required: true, maxlength: 191, value: user.email ?? '' })),
    field('Current password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' })),
    h('button', { type: 'submit', class: 'primary' }, 'Update email'));
  const passwordForm = h('form', { class: 'card form-grid account-password', onsubmit: changePassword },
    h('h2', {}, 'Change password'),
    field('Current password', h('input', { name: 'current_password', type: 'password', required: true, autocomplete: 'current-password' })),
    field('New password (at least 8 characters)', h('input', { name: 'password', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' })),
    field('Repeat the new password', h('input', { name: 'password_confirmation', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' })),
    h('p', { class: 'muted' }, 'Signs out your other sessions and closes consoles opened with the old password.'),
    h('button', { type: 'submit', class: 'primary' }, 'Update password'));
  return h('section', { class: 'account-credentials' }, status, emailForm, passwordForm);

  async function changeEmail(e) {
    e.preventDefault();
    const v = formValues(emailForm);
    message(status, 'info', 'Saving…');
    try {
      await api.changeEmail(v.email, v.password);
      user.email = v.email.toLowerCase();
      summary.textContent = `${user.username ?? ''} · ${user.email}${user.admin ? ' · administrator' : ''}`;
      emailForm.elements.password.value = '';
      message(status, 'success', 'Email updated.');
    } catch (err) {
      message(status, 'error', err.message);
    }
  }

  async function changePassword(e) {
    e.preventDefault();
    const v = formValues(passwordForm);
    if (v.password !== v.password_confirmation) {
      message(status, 'error', 'The two new passwords differ.');
      return;
    }
    message(status, 'info', 'Saving…');
    try {
      await api.changePassword(v.current_password, v.password, v.password_confirmation);
      passwordForm.reset();
      message(status, 'success', 'Password updated. Your other sessions have been signed out.');
    } catch (err) {
      message(status, 'error', err.message);
    }
  }
}

function when(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value ?? '') : date.toLocaleString();
}
