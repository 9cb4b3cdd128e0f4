// Paths of the file manager, always absolute from the server root ("/", "/world/region"): the panel and the node
// normalise again and refuse anything outside the root, so this only keeps the page's own view consistent.

/** "/a//b/./c/../d/" → "/a/b/d"; ".." never climbs above the root; backslashes are names, not separators. */
export function normalizePath(path) {
  const parts = [];
  for (const part of String(path ?? '').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** A name or a relative path under a folder; an absolute second argument stands on its own. */
export function joinPath(dir, name) {
  const tail = String(name ?? '');
  return normalizePath(tail.startsWith('/') ? tail : `${dir ?? '/'}/${tail}`);
}

export function parentOf(path) {
  const p = normalizePath(path);
  return p === '/' ? '/' : p.slice(0, p.lastIndexOf('/')) || '/';
}

export function baseName(path) {
  const p = normalizePath(path);
  return p === '/' ? '' : p.slice(p.lastIndexOf('/') + 1);
}

/** The links above the listing: the root first, then one per folder down to the current one. */
export function breadcrumbs(path) {
  const crumbs = [{ name: 'home', path: '/' }];
  let current = '';
  for (const part of normalizePath(path).split('/').filter(Boolean)) {
    current += `/${part}`;
    crumbs.push({ name: part, path: current });
  }
  return crumbs;
}

/** A name typed for a new file, folder or rename: one path component, not empty, not "." or "..". */
export function nameProblem(name) {
  const n = String(name ?? '');
  if (n.trim() === '') return 'A name is required.';
  if (n.includes('/')) return 'A name cannot contain "/".';
  if (n === '.' || n === '..') return 'That name is not allowed.';
  if (new TextEncoder().encode(n).length > 255) return 'A name is at most 255 bytes.';
  return null;
}

/**
 * The rename body items (spec 04 §2.7 `PUT /rename` with root "/") for a rename in place ("new.txt") or a move
 * ("../old/new.txt", "/backup/"): a target ending in "/" or naming a folder keeps the base name. Items whose
 * target equals their source are dropped.
 */
export function moveItems(dir, names, target, { intoFolder = false } = {}) {
  const into = intoFolder || String(target).endsWith('/') || names.length > 1;
  return names
    .map((name) => {
      const from = joinPath(dir, name);
      const to = into ? joinPath(joinPath(dir, target), name) : joinPath(dir, target);
      return { from, to };
    })
    .filter((item) => item.from !== item.to && item.to !== '/' && !item.to.startsWith(`${item.from}/`));
}
