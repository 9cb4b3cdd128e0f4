import { api } from '../api.js';
import { h, replace } from '../dom.js';

export async function render(root) {
  replace(root, h('p', { class: 'muted' }, 'Loading servers…'));
  let servers;
  try {
    servers = await api.servers();
  } catch (err) {
    replace(root, h('p', { class: 'message error' }, `Could not load your servers: ${err.message}`));
    return;
  }
  const cards = servers.map((s) => h('a', { class: 'card server-card', href: `/server/${s.identifier ?? s.uuid}` },
    h('div', { class: 'server-name' }, s.name ?? s.identifier),
    h('div', { class: 'muted' }, s.description ?? ''),
    h('div', { class: 'server-meta' },
      h('code', {}, s.identifier ?? ''),
      s.node ? h('span', {}, `node ${s.node}`) : null,
      s.is_suspended ? h('span', { class: 'badge suspended' }, 'suspended') : null,
      s.status && s.status !== 'suspended' ? h('span', { class: 'badge' }, s.status) : null,
      s.server_owner === false ? h('span', { class: 'badge' }, 'subuser') : null)));
  replace(root,
    h('h1', {}, 'Your servers'),
    cards.length ? h('div', { class: 'server-grid' }, cards) : h('p', { class: 'muted' }, 'You have no servers yet.'));
}
