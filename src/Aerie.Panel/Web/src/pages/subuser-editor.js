// Subusers of one server with permission checkboxes (spec 04 §2.6 server_subuser items).
import { subuserApi } from '../api.js';
import { h, message, replace } from '../dom.js';
import { Permission, SubuserPermissions, groupPermissions } from '../permissions.js';

/**
 * @param {HTMLElement} root
 * @param {{server: string, title: string, back: {href: string, label: string},
 *          can: {create: boolean, update: boolean, delete: boolean}, mayGrant: (p: string) => boolean, self?: string|null}} opts
 *        self: the signed-in user's UUID; nobody edits their own permissions (the panel answers 403)
 */
export async function renderSubusers(root, opts) {
  const calls = subuserApi(opts.server);
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', { class: 'subusers' }, h('p', { class: 'muted' }, 'Loading subusers…'));
  replace(root,
    h('p', {}, h('a', { href: opts.back.href }, `← ${opts.back.label}`)),
    h('h1', {}, opts.title),
    status,
    list,
    opts.can.create ? addForm() : null);
  await load();

  async function load() {
    try {
      const users = await calls.list();
      replace(list, users.length ? users.map(row) : h('p', { class: 'muted' }, 'No subusers yet.'));
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load subusers: ${err.message}`));
    }
  }

  function row(user) {
    const editable = opts.can.update && user.uuid !== opts.self;
    const boxes = checkboxes(new Set(user.permissions ?? []), !editable);
    return h('div', { class: 'card subuser' },
      h('div', { class: 'subuser-head' },
        h('strong', {}, user.username ?? user.email), ' ', h('span', { class: 'muted' }, user.email ?? ''),
        h('span', { class: 'spacer' }),
        editable ? h('button', { onclick: () => act(() => calls.update(user.uuid, boxes.selected()), 'Permissions saved.') }, 'Save') : null,
        opts.can.delete ? h('button', { class: 'danger', onclick: () => confirm(`Remove ${user.email ?? user.username}?`) && act(() => calls.remove(user.uuid), 'Subuser removed.') }, 'Remove') : null),
      boxes.element);
  }

  function addForm() {
    const email = h('input', { type: 'email', name: 'email', required: true, maxlength: 255, placeholder: 'user@example.com' });
    const boxes = checkboxes(new Set([Permission.websocketConnect]), false);
    const form = h('form', { class: 'card subuser-add', onsubmit: (e) => { e.preventDefault(); act(() => calls.add(email.value, boxes.selected()), 'Subuser added.').then(() => form.reset()); } },
      h('h2', {}, 'Add a subuser'),
      h('label', {}, 'Email (an account is created when none has it)', email),
      boxes.element,
      h('button', { type: 'submit', class: 'primary' }, 'Add subuser'));
    return form;
  }

  function checkboxes(selected, readOnly) {
    const inputs = [];
    const groups = [...groupPermissions(SubuserPermissions)].map(([group, perms]) => h('fieldset', { class: 'perm-group' },
      h('legend', {}, group),
      perms.map((p) => {
        const allowed = opts.mayGrant(p);
        const input = h('input', { type: 'checkbox', value: p, checked: selected.has(p), disabled: readOnly || !allowed });
        inputs.push(input);
        return h('label', { class: 'perm', title: allowed ? p : `${p} (you do not hold it, so you cannot grant it)` }, input, ` ${p.slice(group.length + 1) || p}`);
      })));
    return { element: h('div', { class: 'perm-grid' }, groups), selected: () => inputs.filter((i) => i.checked).map((i) => i.value) };
  }

  async function act(fn, done) {
    message(status, 'info', 'Working…');
    try {
      await fn();
      message(status, 'success', done);
      await load();
    } catch (err) {
      message(status, 'error', err.message);
    }
  }
}
