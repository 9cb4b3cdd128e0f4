// Bundles src/main.js (and the CSS it imports) into dist/assets/ with content-hashed names, then
// writes dist/index.html pointing at them. The panel embeds dist/ into its assembly at build time.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });

const result = await esbuild.build({
  entryPoints: [join(here, 'src/main.js')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  // Source maps only on request (AERIE_WEB_SOURCEMAP=1): they would triple what the panel embeds.
  sourcemap: process.env.AERIE_WEB_SOURCEMAP === '1' ? 'linked' : false,
  entryNames: '[name]-[hash]',
  // Code loaded on demand (the file manager's CodeMirror editor) goes into chunks beside main, fetched by the
  // dynamic import() that needs it, so pages without an editor do not download it.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  outdir: join(dist, 'assets'),
  metafile: true,
  legalComments: 'external',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs);
const find = (ext) => {
  const file = outputs.find((o) => o.endsWith(ext) && basename(o).startsWith('main-'));
  if (!file) throw new Error(`esbuild produced no ${ext} file`);
  return `/assets/${basename(file)}`;
};
const html = readFileSync(join(here, 'src/index.html'), 'utf8')
  .replace('{{script}}', find('.js'))
  .replace('{{style}}', find('.css'));
writeFileSync(join(dist, 'index.html'), html);
console.log(`built ${outputs.length} files into dist/`);
