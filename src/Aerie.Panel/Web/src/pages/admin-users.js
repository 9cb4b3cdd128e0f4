import { api } from '../api.js';
import { formValues, h, message, replace } from '../dom.js';
import { adminNav, field, run, table } from './admin-common.js';

export async function render(root, _params, ctx) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading users…'));
  const form = h('form', { class: 'card form-grid', onsubmit: create },
    h('h2', {}, 'Create a user'),
    field('Username', h('input', { name: 'username', required: true, maxlength: 64, autocomplete: 'off' })),
    field('Email', h('input', { name: 'email', type: 'email', required: true, maxlength: 255, autocomplete: 'off' })),
    field('Password', h('input', { name: 'password', type: 'password', required: true, minlength: 8, maxlength: 1024, autocomplete: 'new-password' })),
    h('label', { class: 'inline' }, h('input', { name: 'admin', type: 'checkbox' }), ' Administrator'),
    h('button', { type: 'submit', class: 'primary' }, 'Create user'));
  replace(root, adminNav('/admin/users'), h('h1', {}, 'Users'), status, list, form);
  await load();

  async function load() {
    try {
      const users = await api.admin.users();
      replace(list, table(['Username', 'Email', 'Role', 'State', ''], users.map((u) => [
        u.username, u.email, u.admin ? 'administrator' : 'user', u.suspended ? 'suspended' : 'active',
        h('div', { class: 'actions' },
          h('button', { onclick: () => run(status, () => api.admin.updateUser(u.uuid, { admin: !u.admin }), 'Role changed.', load), disabled: u.uuid === ctx.user?.uuid }, u.admin ? 'Make user' : 'Make admin'),
          h('button', { onclick: () => setPassword(u) }, 'Set password'),
          h('button', { onclick: () => run(status, () => api.admin.updateUser(u.uuid, { suspended: !u.suspended }), u.suspended ? 'User unsuspended.' : 'User suspended.', load), disabled: u.uuid === ctx.user?.uuid }, u.suspended ? 'Unsuspend' : 'Suspend'),
          h('button', { class: 'danger', onclick: () => confirm(`Delete ${u.username}?`) && run(status, () => api.admin.deleteUser(u.id), 'User deleted.', load), disabled: u.uuid === ctx.user?.uuid }, 'Delete')),
      ])));
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
    await run(status, () => api.admin.updateUser(u.uuid, { password }), 'Password changed.', load);
  }

  async function create(e) {
    e.preventDefault();
    const v = formValues(form);
    if (await run(status, () => api.admin.createUser({ username: v.username, email: v.email, password: v.password, admin: v.admin }), 'User created.', load)) form.reset();
  }
}
