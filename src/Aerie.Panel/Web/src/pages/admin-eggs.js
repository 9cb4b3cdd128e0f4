import { eggsApi } from '../eggs-api.js';
import { exportFileName } from '../egg-files.js';
import { formValues, h, message, replace } from '../dom.js';
import { adminNav, field, run, table } from './admin-common.js';

// Nests and eggs: list, import (file upload or paste, any format of spec 05 §1), export in both formats, delete.
export async function render(root) {
  const status = h('p', { class: 'message', role: 'alert' });
  const list = h('div', { class: 'nests' }, h('p', { class: 'muted' }, 'Loading nests…'));
  const nestSelect = h('select', { name: 'nest', required: true });
  const importForm = h('form', { class: 'card form-grid egg-import', onsubmit: importEgg },
    h('h2', {}, 'Import an egg'),
    h('p', { class: 'muted' }, 'Pterodactyl (PTDL_v1, PTDL_v2) or Pelican (PLCN_v1–v3) eggs, JSON or YAML. An egg with the same uuid in that nest is updated.'),
    field('Nest', nestSelect),
    field('Egg file', h('input', { name: 'file', type: 'file', accept: '.json,.yaml,.yml,application/json,application/yaml' })),
    field('…or paste it', h('textarea', { name: 'text', rows: 8, spellcheck: 'false' })),
    h('button', { type: 'submit', class: 'primary' }, 'Import'));
  const nestForm = h('form', { class: 'card form-grid nest-create', onsubmit: createNest },
    h('h2', {}, 'Add a nest'),
    field('Name', h('input', { name: 'name', required: true, maxlength: 191 })),
    field('Description', h('input', { name: 'description' })),
    h('button', { type: 'submit', class: 'primary' }, 'Add nest'));
  replace(root, adminNav('/admin/eggs'), h('h1', {}, 'Nests & eggs'), status, list, importForm, nestForm);
  await load();

  async function load() {
    try {
      const nests = await eggsApi.nests();
      replace(nestSelect, nests.map((n) => h('option', { value: String(n.id) }, n.name)));
      const sections = [];
      for (const nest of nests) {
        const eggs = await eggsApi.eggs(nest.id);
        sections.push(h('section', { class: 'nest', 'data-nest': String(nest.id) },
          h('h2', {}, nest.name),
          nest.description ? h('p', { class: 'muted' }, nest.description) : null,
          table(['Egg', 'Author', 'Default image', ''], eggs.map((egg) => [
            h('span', { class: 'egg-name' }, egg.name),
            egg.author ?? '',
            h('code', {}, egg.docker_image ?? ''),
            h('div', { class: 'actions' },
              h('button', { onclick: () => download(nest.id, egg, 'json') }, 'Export JSON'),
              h('button', { onclick: () => download(nest.id, egg, 'yaml') }, 'Export YAML'),
              h('button', { class: 'danger', onclick: () => confirm(`Delete egg ${egg.name}?`) && run(status, () => eggsApi.deleteEgg(nest.id, egg.id), 'Egg deleted.', load) }, 'Delete')),
          ]))));
      }
      replace(list, sections.length ? sections : h('p', { class: 'muted' }, 'No nests yet: add one below, then import eggs into it.'));
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load nests: ${err.message}`));
    }
  }

  async function download(nest, egg, format) {
    try {
      const text = await eggsApi.exportEgg(nest, egg.id, format);
      const url = URL.createObjectURL(new Blob([text], { type: format === 'yaml' ? 'application/yaml' : 'application/json' }));
      const a = h('a', { href: url, download: exportFileName(egg.name, format) });
      // Not attached to the page: main.js's same-origin link handler would turn the click into a navigation.
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      message(status, 'error', err.message);
    }
  }

  async function importEgg(e) {
    e.preventDefault();
    const v = formValues(importForm);
    const file = importForm.querySelector('input[name=file]').files?.[0];
    const text = file ? await file.text() : String(v.text ?? '');
    if (!text.trim()) {
      message(status, 'error', 'Choose an egg file or paste one.');
      return;
    }
    if (await run(status, () => eggsApi.importEgg(v.nest, text, file?.name ?? ''), 'Egg imported.', load)) importForm.reset();
  }

  async function createNest(e) {
    e.preventDefault();
    const v = formValues(nestForm);
    if (await run(status, () => eggsApi.createNest(v.name, v.description || undefined), 'Nest added.', load)) nestForm.reset();
  }
}
