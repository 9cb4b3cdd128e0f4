import { api } from '../api.js';
import { formValues, h, replace } from '../dom.js';
import { adminNav, field, run, table } from './admin-common.js';

export async function render(root) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading servers…'));
  const owner = h('select', { name: 'ownerUuid', required: true });
  const node = h('select', { name: 'nodeId', required: true });
  const form = h('form', { class: 'card form-grid', onsubmit: create },
    h('h2', {}, 'Create a server'),
    field('Name', h('input', { name: 'name', required: true, maxlength: 100 })),
    field('Owner', owner),
    field('Node', node),
    field('Start command', h('input', { name: 'invocation', required: true, maxlength: 2000, value: 'aerie-demo-game' })),
    field('Done markers (comma separated)', h('input', { name: 'done', maxlength: 1000, value: 'Done (' })),
    field('Stop type', h('select', { name: 'stopType' }, h('option', { value: 'command' }, 'console command'), h('option', { value: 'signal' }, 'signal'))),
    field('Stop value', h('input', { name: 'stopValue', required: true, maxlength: 100, value: 'stop' })),
    field('Memory limit (MB, 0 = none)', h('input', { name: 'memoryMb', type: 'number', min: 0, value: '0' })),
    field('Environment (KEY=value, one per line)', h('textarea', { name: 'environment', rows: 3, maxlength: 8000, placeholder: 'DEMO_MEMORY_MB=64' })),
    h('button', { type: 'submit', class: 'primary' }, 'Create server'));
  replace(root, adminNav('/admin/servers'), h('h1', {}, 'Servers'), status, list, form);
  await load();

  async function load() {
    try {
      const [servers, users, nodes] = await Promise.all([api.admin.servers(), api.admin.users(), api.admin.nodes()]);
      const userName = new Map(users.map((u) => [u.uuid, u.username]));
      replace(owner, users.map((u) => h('option', { value: u.uuid }, `${u.username} (${u.email})`)));
      replace(node, nodes.map((n) => h('option', { value: String(n.id) }, n.name)));
      replace(list, table(['Name', 'Identifier', 'Owner', 'Node', 'State', ''], servers.map((s) => [
        h('a', { href: `/server/${s.identifier ?? s.uuid}` }, s.name),
        h('code', {}, s.identifier ?? ''),
        userName.get(s.ownerUuid ?? s.owner?.uuid) ?? s.owner?.username ?? '',
        s.node?.name ?? nodes.find((n) => String(n.id) === String(s.nodeId))?.name ?? '',
        s.suspended ? 'suspended' : (s.status ?? 'active'),
        h('div', { class: 'actions' },
          h('a', { class: 'button', href: `/admin/servers/${s.uuid}/users` }, 'Subusers'),
          h('button', { onclick: () => run(status, () => api.admin.suspend(s.uuid, !s.suspended), s.suspended ? 'Server unsuspended.' : 'Server suspended.', load) }, s.suspended ? 'Unsuspend' : 'Suspend'),
          h('button', { class: 'danger', onclick: () => confirm(`Delete server ${s.name}?`) && run(status, () => api.admin.deleteServer(s.uuid), 'Server deleted.', load) }, 'Delete')),
      ])));
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load servers: ${err.message}`));
    }
  }

  async function create(e) {
    e.preventDefault();
    const v = formValues(form);
    const body = {
      name: v.name,
      ownerUuid: v.ownerUuid,
      nodeId: /^\d+$/.test(v.nodeId) ? Number(v.nodeId) : v.nodeId,
      invocation: v.invocation,
      environment: parseEnvironment(v.environment),
      done: v.done.split(',').map((d) => d.trim()).filter(Boolean),
      stopType: v.stopType,
      stopValue: v.stopValue,
      memoryMb: Number(v.memoryMb) || undefined,
    };
    if (await run(status, () => api.admin.createServer(body), 'Server created.', load)) form.reset();
  }
}

/** "KEY=value" lines → object; blank lines and lines without "=" are ignored. */
export function parseEnvironment(text) {
  const env = {};
  for (const line of String(text ?? '').split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    env[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return env;
}
