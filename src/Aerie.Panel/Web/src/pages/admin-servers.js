import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { adminNav, run, table } from './admin-common.js';
import { serverCreateForm } from './server-create-form.js';

export { parseEnvironment, serverBody } from './server-create-form.js';

// The Application API's servers (spec 04 §3.5): a server is made from an egg on a free allocation of a node.
// While any server installs, the list refreshes itself so its state changes without a reload.
const INSTALL_POLL_MS = 2000;

export async function render(root) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', { class: 'server-list' }, h('p', { class: 'muted' }, 'Loading servers…'));
  const form = serverCreateForm({ onCreated: () => load() });
  replace(root, adminNav('/admin/servers'), h('h1', {}, 'Servers'), status, list, form.element);
  let poll = null;
  let disposed = false;
  await Promise.all([load(), form.load().catch((err) => replace(status, `Could not load the create form: ${err.message}`))]);
  return () => { disposed = true; clearTimeout(poll); };

  async function load() {
    clearTimeout(poll);
    if (disposed) return;
    try {
      const servers = await api.admin.servers();
      replace(list, table(['Name', 'Identifier', 'Owner', 'Node', 'State', ''], servers.map((s) => [
        h('a', { href: `/server/${s.identifier}` }, s.name),
        h('code', {}, s.identifier),
        s.relationships?.user?.attributes?.username ?? '',
        s.relationships?.node?.attributes?.name ?? '',
        h('span', { class: 'server-state', 'data-server': s.identifier }, serverState(s)),
        h('div', { class: 'actions' },
          h('a', { class: 'button', href: `/admin/servers/${s.uuid}/users` }, 'Subusers'),
          s.egg != null ? h('button', { onclick: () => confirm(`Reinstall ${s.name}? The install script runs again over its files.`) && run(status, () => api.admin.reinstall(s.id), 'Reinstall started.', load) }, 'Reinstall') : null,
          h('button', { onclick: () => run(status, () => api.admin.suspend(s.id, !s.suspended), s.suspended ? 'Server unsuspended.' : 'Server suspended.', load) }, s.suspended ? 'Unsuspend' : 'Suspend'),
          h('button', { class: 'danger', onclick: () => confirm(`Delete server ${s.name}?`) && run(status, () => api.admin.deleteServer(s.id), 'Server deleted.', load) }, 'Delete')),
      ])));
      if (servers.some((s) => s.status === 'installing') && !disposed) poll = setTimeout(load, INSTALL_POLL_MS);
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load servers: ${err.message}`));
    }
  }
}

/** "installing", "install_failed", "reinstall_failed", "suspended" or "active". */
export function serverState(server) {
  if (server.suspended) return 'suspended';
  return server.status ?? 'active';
}

/** Nests (with their `eggs` include) → one choice per egg: {id, label, image, startup}. */
export function eggChoices(nests) {
  return nests.flatMap((nest) => (nest.relationships?.eggs?.data ?? []).map((item) => {
    const egg = item.attributes ?? {};
    return { id: egg.id, label: `${nest.name} / ${egg.name}`, image: egg.docker_image ?? '', startup: egg.startup ?? '' };
  }));
}
