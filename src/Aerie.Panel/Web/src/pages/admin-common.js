import { h, message } from '../dom.js';

export function adminNav(current) {
  const link = (href, label) => h('a', { href, class: current === href ? 'active' : null }, label);
  return h('nav', { class: 'subnav' }, link('/admin/users', 'Users'), link('/admin/nodes', 'Nodes'), link('/admin/servers', 'Servers'), link('/admin/eggs', 'Nests & eggs'), link('/admin/api-keys', 'API keys'));
}

/** headers: string[]; rows: (Node|string)[][] */
export function table(headers, rows) {
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.length ? rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))) : h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, 'Nothing here yet.'))));
}

/** Runs an admin action, reporting progress and errors in `status`, then reloads. */
export async function run(status, fn, done, reload) {
  message(status, 'info', 'Working…');
  try {
    await fn();
    message(status, 'success', done);
    await reload();
    return true;
  } catch (err) {
    message(status, 'error', err.message);
    return false;
  }
}

export const field = (label, input) => h('label', {}, label, input);
