import { api } from '../api.js';
import { formValues, h, message, replace } from '../dom.js';
import { adminNav, field, run, table } from './admin-common.js';

/**
 * The PATCH body of spec 04 §3.2 for `user` with `changes` applied: Pterodactyl requires email, username,
 * first_name and last_name on every update, so they are sent back as listed. Accounts made before names
 * existed have no last name; the username stands in so a role change or a new password is not refused.
 */
export function userPatch(user, changes = {}) {
  return {
    email: user.email,
    username: user.username,
    first_name: user.first_name || user.username,
    last_name: user.last_name || user.username,
    ...changes,
  };
}

/** The create body from the form; no password means the panel picks a random one (as for billing modules). */
export function userCreateBody(v) {
  const body = { username: v.username, email: v.email, first_name: v.first_name, last_name: v.last_name, root_admin: Boolean(v.root_admin) };
  if (v.password) body.password = v.password;
  return body;
}

export async function render(root, _params, ctx) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading users…'));
  const form = h('form', { class: 'card form-grid', onsubmit: create },
    h('h2', {}, 'Create a user'),
    field('Username', h('input', { name: 'username', required: true, maxlength: 191, autocomplete: 'off' })),
    field('Email', h('input', { name: 'email', type: 'email', required: true, maxlength: 191, autocomplete: 'off' })),
    field('First name', h('input', { name: 'first_name', required: true, maxlength: 191, autocomplete: 'off' })),
    field('Last name', h('input', { name: 'last_name', required: true, maxlength: 191, autocomplete: 'off' })),
    field('Password (empty: a random one)', h('input', { name: 'password', type: 'password', minlength: 8, maxlength: 1024, autocomplete: 'new-password' })),
    h('label', { class: 'inline' }, h('input', { name: 'root_admin', type: 'checkbox' }), ' Administrator'),
    h('button', { type: 'submit', class: 'primary' }, 'Create user'));
  replace(root, adminNav('/admin/users'), h('h1', {}, 'Users'), status, list, form);
  await load();

  async function load() {
    try {
      const users = await api.admin.users();
      replace(list, table(['Username', 'Email', 'Name', 'Role', 'State', ''], users.map((u) => {
        const self = u.uuid === ctx.user?.uuid;
        return [
          u.username, u.email, `${u.first_name ?? ''} ${u.last_name ?? ''}`.trim(), u.root_admin ? 'administrator' : 'user', u.suspended ? 'suspended' : 'active',
          h('div', { class: 'actions' },
            h('button', { onclick: () => run(status, () => api.admin.updateUser(u.id, userPatch(u, { root_admin: !u.root_admin })), 'Role changed.', load), disabled: self }, u.root_admin ? 'Make user' : 'Make admin'),
            h('button', { onclick: () => setPassword(u) }, 'Set password'),
            h('button', { onclick: () => run(status, () => api.admin.suspendUser(u.id, !u.suspended), u.suspended ? 'User unsuspended.' : 'User suspended.', load), disabled: self }, u.suspended ? 'Unsuspend' : 'Suspend'),
            h('button', { class: 'danger', onclick: () => confirm(`Delete ${u.username}?`) && run(status, () => api.admin.deleteUser(u.id), 'User deleted.', load), disabled: self }, 'Delete')),
        ];
      })));
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load users: ${err.message}`));
    }
  }

  async function setPassword(u) {
    const password = prompt(`New password for ${u.username} (at least 8 characters):`);
    if (password == null) return;
    if (password.length < 8) {
      message(status, 'error', 'The password must have at least 8 characters.');
      return;
    }
    await run(status, () => api.admin.updateUser(u.id, userPatch(u, { password })), 'Password changed.', load);
  }

  async function create(e) {
    e.preventDefault();
    if (await run(status, () => api.admin.createUser(userCreateBody(formValues(form))), 'User created.', load)) form.reset();
  }
}
