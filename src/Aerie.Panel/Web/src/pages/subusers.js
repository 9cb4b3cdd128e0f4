// /server/{id}/users — subusers through the client API (the panel applies the granter check).
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { grants } from '../permissions.js';
import { renderSubusers } from './subuser-editor.js';

export async function render(root, { id }) {
  let server;
  try {
    server = await api.server(id);
  } catch (err) {
    replace(root, h('p', { class: 'message error' }, `Could not load the server: ${err.message}`));
    return;
  }
  const held = server.permissions ?? [];
  await renderSubusers(root, {
    base: `/api/client/servers/${encodeURIComponent(server.uuid ?? id)}`,
    title: `Subusers of ${server.name ?? id}`,
    back: { href: `/server/${encodeURIComponent(id)}`, label: 'Console' },
    can: { create: grants(held, 'user.create'), update: grants(held, 'user.update'), delete: grants(held, 'user.delete') },
    mayGrant: (p) => grants(held, p),
  });
}
