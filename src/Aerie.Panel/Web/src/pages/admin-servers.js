import { api } from '../api.js';
import { formValues, h, replace } from '../dom.js';
import { adminNav, field, run, table } from './admin-common.js';

// The Application API's servers (spec 04 §3.5): a server is made from an egg on a free allocation of a node.
export async function render(root) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading servers…'));
  const owner = h('select', { name: 'user', required: true });
  const node = h('select', { name: 'node', required: true, onchange: () => loadAllocations() });
  const allocation = h('select', { name: 'allocation', required: true });
  const egg = h('select', { name: 'egg', required: true, onchange: () => fillFromEgg() });
  const image = h('input', { name: 'docker_image', required: true, maxlength: 191 });
  const startup = h('input', { name: 'startup', required: true, maxlength: 4096 });
  const form = h('form', { class: 'card form-grid', onsubmit: create },
    h('h2', {}, 'Create a server'),
    field('Name', h('input', { name: 'name', required: true, maxlength: 191 })),
    field('Owner', owner),
    field('Node', node),
    field('Allocation', allocation),
    field('Egg', egg),
    field('Docker image', image),
    field('Startup command', startup),
    field('Memory limit (MiB, 0 = unlimited)', h('input', { name: 'memory', type: 'number', min: 0, value: '1024' })),
    field('Disk limit (MiB, 0 = unlimited)', h('input', { name: 'disk', type: 'number', min: 0, value: '2048' })),
    field('CPU limit (% of one core, 0 = unlimited)', h('input', { name: 'cpu', type: 'number', min: 0, value: '100' })),
    field('Environment (KEY=value, one per line; omitted variables take the egg default)', h('textarea', { name: 'environment', rows: 3, maxlength: 8000 })),
    h('button', { type: 'submit', class: 'primary' }, 'Create server'));
  replace(root, adminNav('/admin/servers'), h('h1', {}, 'Servers'), status, list, form);
  let eggs = [];
  await load();

  async function load() {
    try {
      const [servers, users, nodes, nests] = await Promise.all([api.admin.servers(), api.admin.users(), api.admin.nodes(), api.admin.nestsWithEggs()]);
      replace(owner, users.map(attributes).map((u) => h('option', { value: String(u.id) }, `${u.username} (${u.email})`)));
      replace(node, nodes.map(attributes).map((n) => h('option', { value: String(n.id) }, n.name)));
      eggs = eggChoices(nests);
      replace(egg, eggs.map((e) => h('option', { value: String(e.id) }, e.label)));
      replace(list, table(['Name', 'Identifier', 'Owner', 'Node', 'State', ''], servers.map((s) => [
        h('a', { href: `/server/${s.identifier}` }, s.name),
        h('code', {}, s.identifier),
        s.relationships?.user?.attributes?.username ?? '',
        s.relationships?.node?.attributes?.name ?? '',
        serverState(s),
        h('div', { class: 'actions' },
          h('a', { class: 'button', href: `/admin/servers/${s.uuid}/users` }, 'Subusers'),
          h('button', { onclick: () => run(status, () => api.admin.suspend(s.id, !s.suspended), s.suspended ? 'Server unsuspended.' : 'Server suspended.', load) }, s.suspended ? 'Unsuspend' : 'Suspend'),
          h('button', { class: 'danger', onclick: () => confirm(`Delete server ${s.name}?`) && run(status, () => api.admin.deleteServer(s.id), 'Server deleted.', load) }, 'Delete')),
      ])));
      if (!image.value) fillFromEgg();
      await loadAllocations();
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load servers: ${err.message}`));
    }
  }

  async function loadAllocations() {
    if (!node.value) return replace(allocation);
    const free = await api.admin.freeAllocations(node.value);
    replace(allocation, free.map((a) => h('option', { value: String(a.id) }, `${a.alias ?? a.ip}:${a.port}`)));
  }

  function fillFromEgg() {
    const chosen = eggs.find((e) => String(e.id) === egg.value);
    if (!chosen) return;
    image.value = chosen.image;
    startup.value = chosen.startup;
  }

  async function create(e) {
    e.preventDefault();
    if (await run(status, () => api.admin.createServer(serverBody(formValues(form))), 'Server created.', load)) form.reset();
  }
}

/** The attributes of a spec 04 item, or the item itself for a plain object. */
const attributes = (item) => item?.attributes ?? item;

/** "installing", "install_failed", "suspended" or "active". */
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

/** The create form's values → the POST /api/application/servers body of spec 04 §3.5. */
export function serverBody(v) {
  const number = (text, fallback) => (/^\d+$/.test(String(text ?? '').trim()) ? Number(text) : fallback);
  return {
    name: v.name,
    user: number(v.user),
    egg: number(v.egg),
    docker_image: v.docker_image,
    startup: v.startup,
    environment: parseEnvironment(v.environment),
    limits: { memory: number(v.memory, 0), swap: 0, disk: number(v.disk, 0), io: 500, cpu: number(v.cpu, 0) },
    feature_limits: { databases: 0, allocations: 1, backups: 0 },
    allocation: { default: number(v.allocation) },
  };
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
