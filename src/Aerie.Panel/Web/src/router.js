// Path → page. Only these paths are UI routes; the server falls back to index.html for the same set.

const routes = [
  { pattern: /^\/login\/?$/, page: 'login', public: true },
  { pattern: /^\/$/, page: 'servers' },
  { pattern: /^\/account\/?$/, page: 'account' },
  { pattern: /^\/server\/([^/]+)\/?$/, page: 'console', params: ['id'] },
  { pattern: /^\/server\/([^/]+)\/users\/?$/, page: 'subusers', params: ['id'] },
  { pattern: /^\/server\/([^/]+)\/activity\/?$/, page: 'activity', params: ['id'] },
  { pattern: /^\/server\/([^/]+)\/startup\/?$/, page: 'startup', params: ['id'] },
  { pattern: /^\/server\/([^/]+)\/network\/?$/, page: 'network', params: ['id'] },
  { pattern: /^\/server\/([^/]+)\/backups\/?$/, page: 'backups', params: ['id'] },
  { pattern: /^\/server\/([^/]+)\/files\/?$/, page: 'files', params: ['id'] },
  { pattern: /^\/server\/([^/]+)\/schedules\/?$/, page: 'schedules', params: ['id'] },
  { pattern: /^\/admin\/?$/, page: 'admin-users', admin: true },
  { pattern: /^\/admin\/users\/?$/, page: 'admin-users', admin: true },
  { pattern: /^\/admin\/nodes\/?$/, page: 'admin-nodes', admin: true },
  { pattern: /^\/admin\/servers\/?$/, page: 'admin-servers', admin: true },
  { pattern: /^\/admin\/eggs\/?$/, page: 'admin-eggs', admin: true },
  { pattern: /^\/admin\/api-keys\/?$/, page: 'admin-api-keys', admin: true },
  // An administrator's way in from the server list: the same page and client routes (admins hold every permission).
  { pattern: /^\/admin\/servers\/([^/]+)\/users\/?$/, page: 'subusers', admin: true, params: ['id'] },
];

/** @returns {{page: string, params: Record<string,string>, public?: boolean, admin?: boolean}} */
export function matchRoute(pathname) {
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params = {};
    (route.params ?? []).forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1]); });
    return { page: route.page, params, public: route.public, admin: route.admin };
  }
  return { page: 'not-found', params: {} };
}
