// What the listing shows and how it orders it, from spec 04 `file_object` attributes
// (name, mode, mode_bits, size, is_file, is_symlink, mimetype, created_at, modified_at).
import { languageFor } from './file-languages.js';

export const SortKeys = Object.freeze(['name', 'size', 'modified']);

function byName(a, b) {
  const x = String(a.name ?? '');
  const y = String(b.name ?? '');
  const lx = x.toLowerCase();
  const ly = y.toLowerCase();
  if (lx !== ly) return lx < ly ? -1 : 1;
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

function time(entry) {
  const t = Date.parse(entry.modified_at ?? '');
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Folders always before files (whatever the direction), then by the key; ties by name, so the order is total and
 * the same on every render. Returns a new array.
 */
export function sortEntries(entries, key = 'name', direction = 'asc') {
  const sign = direction === 'desc' ? -1 : 1;
  const compare = {
    name: byName,
    size: (a, b) => (Number(a.size) || 0) - (Number(b.size) || 0),
    modified: (a, b) => time(a) - time(b),
  }[key] ?? byName;
  return [...(entries ?? [])].sort((a, b) => {
    const folders = Number(isFolder(b)) - Number(isFolder(a));
    if (folders !== 0) return folders;
    return sign * compare(a, b) || sign * byName(a, b);
  });
}

/** Clicking the current sort key flips its direction; another key starts ascending (newest-first for modified). */
export function nextSort(current, key) {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'modified' ? 'desc' : 'asc' };
}

export function isFolder(entry) {
  return entry?.is_file === false;
}

const ArchiveSuffixes = ['.tar.gz', '.tgz', '.tar.bz2', '.tbz2', '.tar.xz', '.txz', '.tar.zst', '.tar', '.zip', '.rar', '.7z',
  '.gz', '.bz2', '.xz', '.zst'];

/** The formats spec 06 §3 unpacks, by name (the node detects by content too, so this only decides what is offered). */
export function isArchive(entry) {
  if (!entry || isFolder(entry)) return false;
  const name = String(entry.name ?? '').toLowerCase();
  return ArchiveSuffixes.some((suffix) => name.endsWith(suffix) && name.length > suffix.length);
}

const TextMimes = ['json', 'xml', 'javascript', 'yaml', 'x-empty', 'x-sh', 'toml'];

/** Worth opening in the editor: a file the node sniffed as text, or one whose name the editor colours. */
export function isText(entry) {
  if (!entry || isFolder(entry)) return false;
  const mime = String(entry.mimetype ?? '').toLowerCase();
  if (mime.startsWith('text/') || TextMimes.some((m) => mime.includes(m))) return true;
  return languageFor(entry.name) !== null;
}

/** "644" from mode_bits, for the chmod field; a missing value reads as empty. */
export function modeText(entry) {
  const bits = String(entry?.mode_bits ?? '');
  return /^[0-7]{1,4}$/.test(bits) ? bits.slice(-3).padStart(3, '0') : '';
}

/** A chmod value as the node accepts it (spec 06: octal, at most 777), else null. */
export function parseMode(text) {
  const t = String(text ?? '').trim();
  return /^[0-7]{3}$/.test(t) ? t : null;
}

/** Keeps only the selected names still listed (after a reload some may have gone). */
export function keepSelected(selected, entries) {
  const names = new Set((entries ?? []).map((e) => e.name));
  return new Set([...selected].filter((n) => names.has(n)));
}
