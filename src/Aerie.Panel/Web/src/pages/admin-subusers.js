// /admin/servers/{uuid}/users — subusers through the administration API (no granter check).
import { renderSubusers } from './subuser-editor.js';

export async function render(root, { uuid }) {
  await renderSubusers(root, {
    base: `/api/application/servers/${encodeURIComponent(uuid)}`,
    title: 'Subusers',
    back: { href: '/admin/servers', label: 'Servers' },
    can: { create: true, update: true, delete: true },
    mayGrant: () => true,
  });
}
