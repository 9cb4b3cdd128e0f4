// /server/{id}/users (and /admin/servers/{uuid}/users) — subusers through the client API, spec 04 §2.6. The panel
// applies the granter check; administrators hold every permission, so they use this page for any server.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { grants } from '../permissions.js';
import { renderSubusers } from './subuser-editor.js';

export async function render(root, { id }, ctx) {
  let server;
  try {
    server = await api.server(id);
  } catch (err) {
    replace(root, h('p', { class: 'message error' }, `Could not load the server: ${err.message}`));
    return;
  }
  // api.server() gives the spec 04 attributes with meta.user_permissions as `permissions` (serverOf in api.js).
  const attributes = server;
  const held = server.permissions;
  const fromAdmin = location.pathname.startsWith('/admin/');
  await renderSubusers(root, {
    server: attributes.identifier ?? attributes.uuid ?? id,
    title: `Subusers of ${attributes.name ?? id}`,
    back: fromAdmin ? { href: '/admin/servers', label: 'Servers' } : { href: `/server/${encodeURIComponent(id)}`, label: 'Console' },
    can: { create: grants(held, 'user.create'), update: grants(held, 'user.update'), delete: grants(held, 'user.delete') },
    mayGrant: (p) => grants(held, p),
    self: ctx?.user?.uuid ?? null,
  });
}
