// /server/{id}/activity — the server's activity log (needs activity.read).
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { activityList } from './activity-list.js';

export async function render(root, { id }) {
  replace(root,
    h('p', {}, h('a', { href: `/server/${encodeURIComponent(id)}` }, '← Console')),
    h('h1', {}, 'Activity'),
    activityList((page) => api.serverActivity(id, page)));
}
