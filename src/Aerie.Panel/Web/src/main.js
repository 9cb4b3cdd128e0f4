// Entry point: session check, layout, client-side routing between pages.
import '@xterm/xterm/css/xterm.css';
import './app.css';
import { SIGNED_OUT_EVENT, api } from './api.js';
import { h, replace } from './dom.js';
import * as account from './pages/account.js';
import * as activity from './pages/activity.js';
import * as adminApiKeys from './pages/admin-api-keys.js';
import * as adminEggs from './pages/admin-eggs.js';
import * as adminNodes from './pages/admin-nodes.js';
import * as adminServers from './pages/admin-servers.js';
import * as adminUsers from './pages/admin-users.js';
import * as backups from './pages/backups.js';
import * as schedules from './pages/schedules.js';
import * as consolePage from './pages/console.js';
import * as files from './pages/files.js';
import * as login from './pages/login.js';
import * as network from './pages/network.js';
import * as servers from './pages/servers.js';
import * as startup from './pages/startup.js';
import * as subusers from './pages/subusers.js';
import { matchRoute } from './router.js';

const pages = {
  login, servers, console: consolePage, subusers, account, activity, startup, network, backups, schedules, files,
  'admin-users': adminUsers, 'admin-nodes': adminNodes, 'admin-servers': adminServers, 'admin-api-keys': adminApiKeys,
  'admin-eggs': adminEggs,
};

const app = document.getElementById('app');
let user = null;
let cleanup = null;
let generation = 0;

const ctx = {
  get user() { return user; },
  navigate,
  signedIn(u) { user = u; },
};

function navigate(path, { replace: replaceEntry = false } = {}) {
  if (replaceEntry) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

async function render() {
  const mine = ++generation;
  cleanup?.();
  cleanup = null;
  const route = matchRoute(location.pathname);
  if (!route.public && !user) {
    try {
      user = await api.account();
    } catch (err) {
      if (mine !== generation) return;
      if (err.status === 401) return navigate('/login', { replace: true });
      replace(app, h('main', { class: 'page' }, h('p', { class: 'message error' }, `The panel cannot be reached: ${err.message}`)));
      return;
    }
    user = user?.user ?? user;
  }
  if (mine !== generation) return;
  const main = h('main', { class: 'page' });
  replace(app, route.public ? null : header(), main);
  if (route.admin && !user?.admin) {
    replace(main, h('p', { class: 'message error' }, 'This page is for administrators.'));
    return;
  }
  const page = pages[route.page];
  if (!page) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/' }, 'Back to your servers')));
    return;
  }
  document.title = 'Aerie';
  const dispose = await page.render(main, route.params, ctx);
  // A page that finished loading after the user moved on is disposed at once.
  if (mine !== generation) dispose?.();
  else cleanup = dispose ?? null;
}

function header() {
  return h('header', { class: 'top' },
    h('a', { class: 'brand', href: '/' }, 'Aerie'),
    h('nav', {}, h('a', { href: '/' }, 'Servers'), user?.admin ? h('a', { href: '/admin/users' }, 'Admin') : null),
    h('span', { class: 'spacer' }),
    h('a', { href: '/account', class: 'muted', title: 'Account and API keys' }, user?.username ?? ''),
    h('button', { class: 'link', onclick: logout }, 'Sign out'));
}

async function logout() {
  try {
    await api.logout();
  } finally {
    user = null;
    navigate('/login', { replace: true });
  }
}

// Same-origin links navigate inside the app without a reload.
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!a || a.target || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/auth/')) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', render);
window.addEventListener(SIGNED_OUT_EVENT, () => {
  user = null;
  navigate('/login', { replace: true });
});
render();
