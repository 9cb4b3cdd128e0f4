import { api } from '../api.js';
import { formValues, h, replace } from '../dom.js';
import { adminNav, field, run, table } from './admin-common.js';

export async function render(root) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading nodes…'));
  const config = h('div', {});
  const form = h('form', { class: 'card form-grid', onsubmit: create },
    h('h2', {}, 'Add a node'),
    field('Name', h('input', { name: 'name', required: true, maxlength: 100 })),
    field('Internal URL (the panel calls it)', h('input', { name: 'internalUrl', type: 'url', required: true, placeholder: 'http://10.0.0.5:8080' })),
    field('Public scheme', h('select', { name: 'publicScheme' }, h('option', { value: 'https' }, 'https'), h('option', { value: 'http' }, 'http'))),
    field('Public host (browsers reach it)', h('input', { name: 'publicHost', required: true, maxlength: 255, placeholder: 'node1.example.com' })),
    field('Public port', h('input', { name: 'publicPort', type: 'number', min: 1, max: 65535, value: '443', required: true })),
    h('button', { type: 'submit', class: 'primary' }, 'Add node'));
  replace(root, adminNav('/admin/nodes'), h('h1', {}, 'Nodes'), status, list, config, form);
  await load();

  async function load() {
    try {
      const nodes = await api.admin.nodes();
      replace(list, table(['Name', 'Internal URL', 'Public address', ''], nodes.map((n) => [
        n.name,
        h('code', {}, n.internalUrl ?? ''),
        h('code', {}, n.publicHost ? `${n.publicScheme ?? 'https'}://${n.publicHost}:${n.publicPort ?? ''}` : ''),
        h('div', { class: 'actions' },
          h('button', { onclick: () => showConfig(n) }, 'Configuration'),
          h('button', { class: 'danger', onclick: () => confirm(`Delete node ${n.name}?`) && run(status, () => api.admin.deleteNode(n.id), 'Node deleted.', load) }, 'Delete')),
      ])));
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load nodes: ${err.message}`));
    }
  }

  async function showConfig(node) {
    replace(config, h('p', { class: 'muted' }, 'Loading configuration…'));
    try {
      const yaml = await api.admin.nodeConfiguration(node.id);
      const pre = h('pre', { class: 'yaml' }, String(yaml));
      replace(config, h('div', { class: 'card' },
        h('h2', {}, `Configuration of ${node.name}`),
        h('p', { class: 'muted' }, 'Save this as the node\'s config.yml. It holds the node\'s secret: keep it private.'),
        h('button', { onclick: () => navigator.clipboard?.writeText(String(yaml)) }, 'Copy'),
        h('button', { onclick: () => replace(config) }, 'Hide'),
        pre));
    } catch (err) {
      replace(config, h('p', { class: 'message error' }, `Could not load the configuration: ${err.message}`));
    }
  }

  async function create(e) {
    e.preventDefault();
    const v = formValues(form);
    const body = { name: v.name, internalUrl: v.internalUrl, publicScheme: v.publicScheme, publicHost: v.publicHost, publicPort: Number(v.publicPort) };
    if (await run(status, () => api.admin.createNode(body), 'Node added.', load)) form.reset();
  }
}
