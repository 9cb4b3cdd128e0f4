// /server/{id}/network — the server's allocations through the client API (spec 04 §2.5): notes, primary, delete and
// "add allocation". Only the actions the viewer's permissions allow are offered; the panel checks them again.
import { api } from '../api.js';
import { h, message, replace } from '../dom.js';
import { Permission, grants } from '../permissions.js';

export async function render(root, { id }) {
  let server;
  try {
    server = await api.server(id);
  } catch (err) {
    replace(root, h('p', { class: 'message error' }, `Could not load the server: ${err.message}`));
    return;
  }
  const held = server.permissions;
  const can = {
    create: grants(held, Permission.allocationCreate),
    update: grants(held, Permission.allocationUpdate),
    remove: grants(held, Permission.allocationDelete),
  };
  const limit = server.feature_limits?.allocations ?? 0;
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', { class: 'allocations' }, h('p', { class: 'muted' }, 'Loading allocations…'));
  const addButton = h('button', { type: 'button', class: 'primary', onclick: () => act(() => api.network.add(id), 'Allocation added.') }, 'Add allocation');
  const usage = h('p', { class: 'muted' });

  replace(root,
    h('p', {}, h('a', { href: `/server/${encodeURIComponent(id)}` }, '← Console')),
    h('h1', {}, 'Network'),
    usage,
    status,
    list,
    can.create ? addButton : null);

  async function act(call, done) {
    message(status);
    try {
      await call();
      message(status, 'success', done);
    } catch (err) {
      message(status, 'error', err.message);
    }
    await load();
  }

  async function load() {
    let allocations;
    try {
      allocations = await api.network.list(id);
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load allocations: ${err.message}`));
      return;
    }
    usage.textContent = `${allocations.length} of ${limit} allocation${limit === 1 ? '' : 's'} in use.`;
    // Offered only below the limit: the panel would refuse it anyway (the limit counts the primary).
    addButton.hidden = allocations.length >= limit;
    replace(list, allocations.length ? allocations.map(row) : h('p', { class: 'muted' }, 'No allocations.'));
  }

  function row(a) {
    const address = `${a.ip_alias ?? a.ip}:${a.port}`;
    const notes = h('input', {
      type: 'text', class: 'allocation-notes', maxlength: 256, value: a.notes ?? '', placeholder: 'Notes',
      'aria-label': `Notes for ${address}`, disabled: !can.update,
    });
    return h('div', { class: 'card allocation', 'data-allocation': a.id },
      h('div', { class: 'allocation-head' },
        h('strong', {}, address), ' ',
        a.ip_alias ? h('span', { class: 'muted' }, a.ip) : null, ' ',
        a.is_default ? h('span', { class: 'badge primary-badge' }, 'Primary') : null,
        h('span', { class: 'spacer' }),
        can.update && !a.is_default ? h('button', { type: 'button', onclick: () => act(() => api.network.primary(id, a.id), `${address} is now the primary allocation.`) }, 'Make primary') : null,
        can.remove && !a.is_default ? h('button', { type: 'button', class: 'danger', onclick: () => confirm(`Remove ${address} from this server?`) && act(() => api.network.remove(id, a.id), 'Allocation removed.') }, 'Delete') : null),
      can.update
        ? h('form', { class: 'allocation-notes-form', onsubmit: (e) => { e.preventDefault(); act(() => api.network.notes(id, a.id, notes.value.trim() || null), 'Notes saved.'); } },
          notes, h('button', { type: 'submit' }, 'Save notes'))
        : (a.notes ? h('p', { class: 'muted' }, a.notes) : null));
  }

  await load();
}
