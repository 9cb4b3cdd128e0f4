// File name → the editor's syntax (a key that file-editor.js turns into a CodeMirror language). Pure, so the
// mapping is tested without a browser.

const ByExtension = new Map([
  ['json', 'json'], ['json5', 'json'], ['mcmeta', 'json'],
  ['yml', 'yaml'], ['yaml', 'yaml'],
  ['js', 'javascript'], ['mjs', 'javascript'], ['cjs', 'javascript'],
  ['ts', 'typescript'],
  ['xml', 'xml'], ['html', 'xml'], ['htm', 'xml'], ['svg', 'xml'],
  ['properties', 'properties'], ['ini', 'properties'], ['cfg', 'properties'], ['conf', 'properties'], ['env', 'properties'],
  ['toml', 'toml'],
  ['sh', 'shell'], ['bash', 'shell'],
  ['lua', 'lua'],
  ['py', 'python'],
]);

// Whole names seen on game servers that have no telling extension.
const ByName = new Map([
  ['.env', 'properties'], ['eula.txt', 'properties'],
]);

/** The language key for a file name, or null for plain text. */
export function languageFor(name) {
  const base = String(name ?? '').split('/').pop().toLowerCase();
  if (ByName.has(base)) return ByName.get(base);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 && !base.startsWith('.')) return null;
  return ByExtension.get(base.slice(dot + 1)) ?? null;
}
