// A paginated activity log (spec 04 activity_log entries), for the account page and a server's activity page.
import { h, replace } from '../dom.js';
import { table } from './admin-common.js';

/**
 * @param {(page: number) => Promise<{entries: object[], pagination: {current_page: number, total_pages: number}}>} load
 * @returns {HTMLElement} the list; it loads its first page at once
 */
export function activityList(load) {
  const root = h('div', { class: 'activity' }, h('p', { class: 'muted' }, 'Loading activity…'));
  show(1);
  return root;

  async function show(page) {
    try {
      const { entries, pagination } = await load(page);
      const current = pagination.current_page ?? page;
      const pages = pagination.total_pages ?? 1;
      replace(root,
        table(['When', 'Event', 'By', 'From', 'Details'], entries.map((e) => [
          when(e.timestamp),
          h('code', {}, e.event ?? ''),
          e.actor ? (e.actor.username ?? e.actor.email ?? '') : 'system',
          `${e.ip ?? ''}${e.is_api ? ' (API)' : ''}`.trim(),
          details(e.properties),
        ])),
        pages > 1 ? h('p', { class: 'pager' },
          h('button', { disabled: current <= 1, onclick: () => show(current - 1) }, '← Newer'),
          ` Page ${current} of ${pages} `,
          h('button', { disabled: current >= pages, onclick: () => show(current + 1) }, 'Older →')) : null);
    } catch (err) {
      replace(root, h('p', { class: 'message error' }, `Could not load the activity: ${err.message}`));
    }
  }
}

/** The properties as short text; the `<key>_count` companions of arrays are left out (the array is shown). */
export function details(properties) {
  if (!properties || typeof properties !== 'object') return '';
  return Object.entries(properties)
    .filter(([key]) => !(key.endsWith('_count') && Array.isArray(properties[key.slice(0, -'_count'.length)])))
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('; ');
}

function when(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value ?? '') : date.toLocaleString();
}
