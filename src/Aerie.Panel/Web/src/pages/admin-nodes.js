import { api } from '../api.js';
import { formValues, h, replace } from '../dom.js';
import { adminNav, field, run, table } from './admin-common.js';
import { allocationsPanel } from './admin-allocations.js';

/** The spec 04 §3.3 create body from the form; numbers as numbers, the internal URL only when given (Aerie's extra). */
export function nodeBody(v, locationId) {
  const body = {
    name: v.name,
    description: v.description || undefined,
    location_id: Number(locationId),
    fqdn: v.fqdn,
    scheme: v.scheme,
    behind_proxy: Boolean(v.behind_proxy),
    memory: Number(v.memory),
    memory_overallocate: Number(v.memory_overallocate || 0),
    disk: Number(v.disk),
    disk_overallocate: Number(v.disk_overallocate || 0),
    daemon_listen: Number(v.daemon_listen),
    daemon_sftp: Number(v.daemon_sftp),
  };
  if (v.internal_url) body.internal_url = v.internal_url;
  return body;
}

/** Where browsers reach the node: fqdn and the public port (443/80 behind a proxy, else daemon_listen). */
export function publicAddress(n) {
  if (!n.fqdn) return '';
  return `${n.scheme ?? 'https'}://${n.fqdn}:${n.public_port ?? n.daemon_listen ?? ''}`;
}

export async function render(root) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading nodes…'));
  const config = h('div', {});
  const location = h('select', { name: 'location_id' });
  const number = (name, value, attrs = {}) => h('input', { name, type: 'number', value, required: true, ...attrs });
  const form = h('form', { class: 'card form-grid', onsubmit: create },
    h('h2', {}, 'Add a node'),
    field('Name', h('input', { name: 'name', required: true, maxlength: 100, pattern: '[\\w .\\-]{1,100}' })),
    field('Description', h('input', { name: 'description', maxlength: 500 })),
    field('Location', location),
    field('Public host name (browsers reach it)', h('input', { name: 'fqdn', required: true, maxlength: 253, placeholder: 'node1.example.com' })),
    field('Scheme', h('select', { name: 'scheme' }, h('option', { value: 'https' }, 'https'), h('option', { value: 'http' }, 'http'))),
    field('Node API port (daemon_listen)', number('daemon_listen', '8080', { min: 1, max: 65535 })),
    field('SFTP port', number('daemon_sftp', '2022', { min: 1, max: 65535 })),
    h('label', { class: 'inline' }, h('input', { name: 'behind_proxy', type: 'checkbox' }), ' Behind a proxy (browsers use port 443/80)'),
    field('Internal URL (optional: where the panel calls it)', h('input', { name: 'internal_url', type: 'url', placeholder: 'http://10.0.0.5:8080' })),
    field('Memory (MiB)', number('memory', '4096', { min: 0 })),
    field('Memory overallocation (%)', number('memory_overallocate', '0', { min: -1 })),
    field('Disk (MiB)', number('disk', '20480', { min: 0 })),
    field('Disk overallocation (%)', number('disk_overallocate', '0', { min: -1 })),
    h('button', { type: 'submit', class: 'primary' }, 'Add node'));
  replace(root, adminNav('/admin/nodes'), h('h1', {}, 'Nodes'), status, list, config, form);
  await load();

  async function load() {
    try {
      const [nodes, locations] = await Promise.all([api.admin.nodes(), api.admin.locations()]);
      replace(location, ...(locations.length
        ? locations.map((l) => h('option', { value: String(l.id) }, l.long ? `${l.short} (${l.long})` : l.short))
        : [h('option', { value: '' }, 'default (created with the node)')]));
      replace(list, table(['Name', 'Location', 'Public address', 'Internal URL', ''], nodes.map((n) => [
        n.name,
        n.relationships?.location?.attributes?.short ?? '',
        h('code', {}, publicAddress(n)),
        h('code', {}, n.internal_url ?? ''),
        h('div', { class: 'actions' },
          h('button', { onclick: () => showConfig(n) }, 'Configuration'),
          h('button', { onclick: () => allocationsPanel(config, n) }, 'Allocations'),
          h('button', { class: 'danger', onclick: () => confirm(`Delete node ${n.name}?`) && run(status, () => api.admin.deleteNode(n.id), 'Node deleted.', load) }, 'Delete')),
      ])));
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load nodes: ${err.message}`));
    }
  }

  async function showConfig(node) {
    replace(config, h('p', { class: 'muted' }, 'Loading configuration…'));
    try {
      const text = JSON.stringify(await api.admin.nodeConfiguration(node.id), null, 2);
      replace(config, h('div', { class: 'card' },
        h('h2', {}, `Configuration of ${node.name}`),
        h('p', { class: 'muted' }, 'Save this as the node\'s config.yml (JSON is valid YAML). It holds the node\'s secret: keep it private.'),
        h('button', { onclick: () => navigator.clipboard?.writeText(text) }, 'Copy'),
        h('button', { onclick: () => replace(config) }, 'Hide'),
        h('pre', { class: 'yaml' }, text)));
    } catch (err) {
      replace(config, h('p', { class: 'message error' }, `Could not load the configuration: ${err.message}`));
    }
  }

  async function create(e) {
    e.preventDefault();
    const v = formValues(form);
    const done = await run(status, async () => {
      // A node needs a location (spec 04); a panel without any gets a "default" one.
      const locationId = v.location_id || (await api.admin.createLocation({ short: 'default', long: 'Default location' })).id;
      await api.admin.createNode(nodeBody(v, locationId));
    }, 'Node added.', load);
    if (done) form.reset();
  }
}
