// Egg files in the admin UI: which content type an upload or a paste is sent with (the panel picks its parser
// from it, spec 05 §1), and the name a download is saved under.

/** application/json or application/yaml, from the file name when it has a known extension, else from the text. */
export function eggContentType(name, text) {
  const lower = String(name ?? '').toLowerCase();
  if (lower.endsWith('.json')) return 'application/json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'application/yaml';
  return String(text ?? '').trimStart().startsWith('{') ? 'application/json' : 'application/yaml';
}

/** egg-<name>.json / .yaml, the name reduced to lower-case letters, digits and dashes. */
export function exportFileName(eggName, format) {
  const slug = String(eggName ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'egg';
  return `egg-${slug}.${format === 'yaml' ? 'yaml' : 'json'}`;
}
