// A node's allocations on the admin node page (spec 05 §8, spec 04 §3.3): add an IP (or CIDR /25-/32) with ports and
// ranges, list them with the server holding each, delete a free one. The panel applies every rule; this only asks.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field, run, table } from './admin-common.js';

/** "25565, 25570-25580" → ["25565", "25570-25580"] */
export function portList(text) {
  return String(text ?? '').split(/[\s,]+/).map((p) => p.trim()).filter(Boolean);
}

export async function allocationsPanel(container, node) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading allocations…'));
  const ip = h('input', { name: 'ip', required: true, maxlength: 253, placeholder: '0.0.0.0, 203.0.113.7 or 203.0.113.0/28' });
  const ports = h('input', { name: 'ports', required: true, placeholder: '25565, 25570-25580' });
  const alias = h('input', { name: 'alias', maxlength: 191, placeholder: 'play.example.com (optional)' });
  const form = h('form', {
    class: 'form-grid allocation-add',
    onsubmit: async (e) => {
      e.preventDefault();
      const body = { ip: ip.value.trim(), ports: portList(ports.value) };
      if (alias.value.trim()) body.alias = alias.value.trim();
      if (await run(status, () => api.admin.createAllocations(node.id, body), 'Allocations added.', load)) form.reset();
    },
  },
  field('IP address or CIDR', ip),
  field('Ports (1025-65535; ranges of up to 1000)', ports),
  field('Alias', alias),
  h('button', { type: 'submit', class: 'primary' }, 'Add allocations'));

  replace(container, h('div', { class: 'card node-allocations' },
    h('h2', {}, `Allocations of ${node.name}`),
    h('button', { onclick: () => replace(container) }, 'Hide'),
    status, form, list));
  await load();

  async function load() {
    try {
      const allocations = await api.admin.nodeAllocations(node.id);
      replace(list, allocations.length
        ? table(['Address', 'Alias', 'Server', 'Notes', ''], allocations.map((a) => {
          const server = a.relationships?.server?.attributes ?? null;
          return [
            h('code', {}, `${a.ip}:${a.port}`),
            a.alias ?? '',
            server ? server.name : (a.assigned ? 'assigned' : h('span', { class: 'muted' }, 'free')),
            a.notes ?? '',
            a.assigned ? '' : h('button', { class: 'danger', onclick: () => run(status, () => api.admin.deleteAllocation(node.id, a.id), 'Allocation deleted.', load) }, 'Delete'),
          ];
        }))
        : h('p', { class: 'muted' }, 'No allocations yet.'));
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load allocations: ${err.message}`));
    }
  }
}
