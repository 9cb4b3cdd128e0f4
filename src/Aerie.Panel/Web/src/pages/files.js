// /server/{id}/files — the file manager on the client file routes (spec 04 §2.7): browse with breadcrumbs, sort,
// select many; open text files in CodeMirror and save with Ctrl-S; create, rename/move, copy, chmod, delete,
// compress/decompress, pull from a URL; upload (drag and drop or picker, a progress bar per file) and download by
// the node's signed URLs. Only the actions the viewer's permissions allow are offered (file-actions.js).
import { api } from '../api.js';
import { h, message, replace } from '../dom.js';
import { fileActions } from '../file-actions.js';
import { ask } from '../file-dialog.js';
import { isArchive, isFolder, isText, keepSelected, modeText, nextSort, parseMode, sortEntries } from '../file-list.js';
import { baseName, breadcrumbs, joinPath, moveItems, nameProblem, normalizePath, parentOf } from '../file-paths.js';
import { filesApi, percent, uploadFile } from '../files-api.js';
import { formatBytes } from '../format.js';

// Files uploaded at the same time; the rest wait their turn (each still gets its own fresh signed URL).
const ParallelUploads = 3;
const Columns = [['name', 'Name'], ['size', 'Size'], ['modified', 'Modified']];

export async function render(root, { id }) {
  const back = h('p', {}, h('a', { href: `/server/${encodeURIComponent(id)}` }, '← Console'));
  let server;
  try {
    server = await api.server(id);
  } catch (err) {
    replace(root, back, h('p', { class: 'message error' }, `Could not load the server: ${err.message}`));
    return undefined;
  }
  const can = fileActions(server.permissions);
  if (!can.list) {
    replace(root, back, h('h1', {}, 'Files'), h('p', { class: 'message error' }, 'You may not see this server\'s files.'));
    return undefined;
  }

  let dir = normalizePath(new URLSearchParams(location.search).get('dir') ?? '/');
  let entries = [];
  let selected = new Set();
  let sort = { key: 'name', direction: 'asc' };
  let editor = null;
  let loadGeneration = 0;

  const status = h('p', { class: 'message', role: 'alert' });
  const busy = h('div', { class: 'file-busy', hidden: true }, h('progress', {}), h('span', {}));
  const crumbs = h('nav', { class: 'breadcrumbs', 'aria-label': 'Folder' });
  const uploads = h('ul', { class: 'uploads' });
  const selectionBar = h('div', { class: 'file-selection', hidden: true });
  const tableBody = h('tbody');
  const selectAll = h('input', { type: 'checkbox', class: 'select-all', 'aria-label': 'Select all', onchange: () => selectEvery(selectAll.checked) });
  const head = h('tr', {},
    h('th', { class: 'check' }, selectAll),
    Columns.map(([key, label]) => h('th', { 'data-sort': key }, h('button', { type: 'button', class: 'link sort', 'data-sort': key, onclick: () => sortBy(key) }, label))),
    h('th', {}, 'Mode'),
    h('th', {}, ''));
  const table = h('table', { class: 'data files' }, h('thead', {}, head), tableBody);
  const picker = h('input', { type: 'file', multiple: true, class: 'upload-picker', hidden: true, onchange: () => { upload([...picker.files]); picker.value = ''; } });
  const toolbar = h('div', { class: 'file-toolbar' },
    can.createFile ? h('button', { type: 'button', class: 'new-file', onclick: newFile }, 'New file') : null,
    can.createFolder ? h('button', { type: 'button', class: 'new-folder', onclick: newFolder }, 'New folder') : null,
    can.upload ? h('button', { type: 'button', class: 'upload primary', onclick: () => picker.click() }, 'Upload') : null,
    can.upload ? picker : null,
    can.pull ? h('button', { type: 'button', class: 'pull', onclick: pull }, 'Pull from URL') : null);
  const browser = h('section', { class: 'file-browser' },
    crumbs, toolbar, selectionBar,
    can.upload ? h('p', { class: 'muted drop-hint' }, 'Drop files here to upload them to this folder.') : null,
    table);
  const editorBox = h('section', { class: 'file-editor card', hidden: true });

  replace(root, back, h('h1', {}, `Files of ${server.name ?? id}`), status, busy, uploads, browser, editorBox);

  if (can.upload) {
    browser.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types?.includes('Files')) return;
      e.preventDefault();
      browser.classList.add('dragging');
    });
    browser.addEventListener('dragleave', (e) => { if (!browser.contains(e.relatedTarget)) browser.classList.remove('dragging'); });
    browser.addEventListener('drop', (e) => {
      e.preventDefault();
      browser.classList.remove('dragging');
      upload([...(e.dataTransfer?.files ?? [])]);
    });
  }

  // Unsaved edits: warn before the tab closes, and before a link in the page leaves the editor (capture phase, so
  // it runs before the app's own link handler, which skips a prevented click).
  const beforeUnload = (e) => {
    if (!editor?.dirty()) return;
    e.preventDefault();
    e.returnValue = '';
  };
  const guardLinks = (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (!a || !editor?.dirty()) return;
    if (window.confirm('This file has unsaved changes. Leave without saving?')) {
      editor.markSaved(editor.text());
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  };
  window.addEventListener('beforeunload', beforeUnload);
  document.addEventListener('click', guardLinks, true);

  await load();

  return () => {
    window.removeEventListener('beforeunload', beforeUnload);
    document.removeEventListener('click', guardLinks, true);
    editor?.destroy();
  };

  // ---- listing ----

  async function go(path) {
    if (!closeEditor()) return;
    dir = normalizePath(path);
    selected = new Set();
    const url = new URL(location.href);
    if (dir === '/') url.searchParams.delete('dir');
    else url.searchParams.set('dir', dir);
    history.replaceState(null, '', url.pathname + url.search);
    await load();
  }

  async function load() {
    const mine = ++loadGeneration;
    renderCrumbs();
    try {
      const listed = await filesApi.list(id, dir);
      if (mine !== loadGeneration) return;
      entries = listed;
    } catch (err) {
      if (mine !== loadGeneration) return;
      entries = [];
      message(status, 'error', `Could not list ${dir}: ${err.message}`);
    }
    selected = keepSelected(selected, entries);
    renderRows();
  }

  function renderCrumbs() {
    const list = breadcrumbs(dir);
    replace(crumbs, list.map((c, i) => [
      i > 0 ? h('span', { class: 'muted' }, ' / ') : null,
      i === list.length - 1
        ? h('span', { class: 'crumb current', 'aria-current': 'page' }, c.name)
        : h('a', { class: 'crumb', href: link(c.path), onclick: (e) => { e.preventDefault(); go(c.path); } }, c.name),
    ]));
  }

  function link(path) {
    const base = `/server/${encodeURIComponent(id)}/files`;
    return path === '/' ? base : `${base}?dir=${encodeURIComponent(path)}`;
  }

  function sortBy(key) {
    sort = nextSort(sort, key);
    renderRows();
  }

  function selectEvery(on) {
    selected = on ? new Set(entries.map((e) => e.name)) : new Set();
    renderRows();
  }

  function renderRows() {
    for (const th of head.querySelectorAll('th[data-sort]')) {
      const key = th.getAttribute('data-sort');
      th.setAttribute('aria-sort', key === sort.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none');
    }
    const rows = sortEntries(entries, sort.key, sort.direction).map(row);
    if (dir !== '/') {
      rows.unshift(h('tr', { class: 'file-row parent' }, h('td', {}), h('td', { colspan: 5 },
        h('a', { href: link(parentOf(dir)), onclick: (e) => { e.preventDefault(); go(parentOf(dir)); } }, '.. (up one folder)'))));
    }
    replace(tableBody, rows.length ? rows : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'This folder is empty.')));
    selectAll.checked = entries.length > 0 && selected.size === entries.length;
    selectAll.indeterminate = selected.size > 0 && selected.size < entries.length;
    renderSelectionBar();
  }

  function row(entry) {
    const path = joinPath(dir, entry.name);
    const folder = isFolder(entry);
    const check = h('input', {
      type: 'checkbox', class: 'select', 'aria-label': `Select ${entry.name}`, checked: selected.has(entry.name),
      onchange: () => {
        if (check.checked) selected.add(entry.name);
        else selected.delete(entry.name);
        renderRows();
      },
    });
    let name;
    if (folder) {
      name = h('a', { class: 'file-name folder', href: link(path), onclick: (e) => { e.preventDefault(); go(path); } }, `${entry.name}/`);
    } else if (can.open && isText(entry)) {
      name = h('button', { type: 'button', class: 'link file-name', onclick: () => open(path) }, entry.name);
    } else if (can.download) {
      name = h('button', { type: 'button', class: 'link file-name', title: 'Download', onclick: () => download(path) }, entry.name);
    } else {
      name = h('span', { class: 'file-name' }, entry.name);
    }
    const modified = Date.parse(entry.modified_at ?? '');
    return h('tr', { class: `file-row${selected.has(entry.name) ? ' selected' : ''}`, 'data-name': entry.name, 'data-kind': folder ? 'folder' : 'file' },
      h('td', { class: 'check' }, check),
      h('td', {}, name, entry.is_symlink ? h('span', { class: 'badge' }, 'link') : null),
      h('td', { class: 'size' }, folder ? '' : formatBytes(entry.size)),
      h('td', { class: 'modified' }, Number.isNaN(modified) ? '' : new Date(modified).toLocaleString()),
      h('td', {}, h('code', {}, entry.mode ?? '')),
      h('td', {}, rowMenu(entry, path, folder)));
  }

  function rowMenu(entry, path, folder) {
    const items = [
      !folder && can.open && isText(entry) ? ['edit', can.edit ? 'Edit' : 'View', () => open(path)] : null,
      !folder && can.download ? ['download', 'Download', () => download(path)] : null,
      can.rename ? ['rename', 'Rename', () => rename(entry)] : null,
      can.move ? ['move', 'Move', () => move([entry.name])] : null,
      !folder && can.copy ? ['copy', 'Copy', () => work(`Copying ${entry.name}…`, () => filesApi.copy(id, path), `Copied ${entry.name}.`)] : null,
      can.chmod ? ['chmod', 'Permissions', () => chmod(entry)] : null,
      can.compress ? ['compress', 'Compress', () => compress([entry.name])] : null,
      can.decompress && isArchive(entry) ? ['decompress', 'Unpack', () => work(`Unpacking ${entry.name}…`, () => filesApi.decompress(id, dir, entry.name), `Unpacked ${entry.name}.`)] : null,
      can.remove ? ['delete', 'Delete', () => remove([entry.name]), 'danger'] : null,
    ].filter(Boolean);
    if (!items.length) return null;
    const menu = h('details', { class: 'row-menu' },
      h('summary', { 'aria-label': `Actions for ${entry.name}` }, '⋯'),
      h('div', { class: 'row-menu-items' }, items.map(([action, label, run, cls]) => h('button', {
        type: 'button', class: cls ?? '', 'data-action': action, onclick: () => { menu.open = false; run(); },
      }, label))));
    return menu;
  }

  function renderSelectionBar() {
    const names = [...selected];
    selectionBar.hidden = names.length === 0;
    replace(selectionBar,
      h('span', { class: 'selection-count' }, `${names.length} selected`),
      can.move ? h('button', { type: 'button', 'data-action': 'move', onclick: () => move(names) }, 'Move') : null,
      can.compress ? h('button', { type: 'button', 'data-action': 'compress', onclick: () => compress(names) }, 'Compress') : null,
      can.remove ? h('button', { type: 'button', class: 'danger', 'data-action': 'delete', onclick: () => remove(names) }, 'Delete') : null,
      h('button', { type: 'button', class: 'link', onclick: () => selectEvery(false) }, 'Clear'));
  }

  // ---- actions ----

  /** Runs one call with the busy bar shown, reports its outcome and reloads the folder. */
  async function work(label, call, done) {
    message(status);
    busy.hidden = false;
    busy.lastChild.textContent = label;
    try {
      const result = await call();
      message(status, 'success', typeof done === 'function' ? done(result) : done);
    } catch (err) {
      message(status, 'error', err.message);
    } finally {
      busy.hidden = true;
    }
    await load();
  }

  function exists(name) {
    return entries.some((e) => e.name === name);
  }

  async function newFile() {
    const answer = await ask({
      title: 'New file', confirm: 'Create',
      fields: [{ name: 'name', label: 'File name', check: (v) => nameProblem(v) ?? (exists(v) ? 'A file or folder of that name exists here.' : null) }],
    });
    if (answer) showEditor(joinPath(dir, answer.name), '', { isNew: true });
  }

  async function newFolder() {
    const answer = await ask({ title: 'New folder', confirm: 'Create', fields: [{ name: 'name', label: 'Folder name', check: nameProblem }] });
    if (answer) await work(`Creating ${answer.name}…`, () => filesApi.createFolder(id, dir, answer.name), `Created ${answer.name}/.`);
  }

  async function rename(entry) {
    const answer = await ask({ title: `Rename ${entry.name}`, confirm: 'Rename', fields: [{ name: 'name', label: 'New name', value: entry.name, check: nameProblem }] });
    if (!answer) return;
    const items = moveItems(dir, [entry.name], answer.name);
    if (items.length) await work(`Renaming ${entry.name}…`, () => filesApi.rename(id, items), `Renamed to ${answer.name}.`);
  }

  async function move(names) {
    const answer = await ask({
      title: names.length === 1 ? `Move ${names[0]}` : `Move ${names.length} items`, confirm: 'Move',
      text: 'The folder to move into, from the server root ("/plugins") or from here ("../old").',
      fields: [{ name: 'target', label: 'Folder', value: dir, check: (v) => (v.trim() === '' ? 'A folder is required.' : null) }],
    });
    if (!answer) return;
    const items = moveItems(dir, names, answer.target, { intoFolder: true });
    if (!items.length) {
      message(status, 'info', 'Nothing to move: that is where they are.');
      return;
    }
    await work(`Moving ${names.length} item${names.length === 1 ? '' : 's'}…`, () => filesApi.rename(id, items), `Moved to ${parentOf(items[0].to)}.`);
    selected = new Set();
  }

  async function chmod(entry) {
    const answer = await ask({
      title: `Permissions of ${entry.name}`, confirm: 'Change',
      fields: [{ name: 'mode', label: 'Mode (octal, e.g. 644)', value: modeText(entry), check: (v) => (parseMode(v) ? null : 'Three octal digits, at most 777.') }],
    });
    if (answer) {
      const mode = parseMode(answer.mode);
      await work(`Changing ${entry.name}…`, () => filesApi.chmod(id, dir, [{ file: entry.name, mode }]), `${entry.name} is now ${mode}.`);
    }
  }

  async function compress(names) {
    await work(`Compressing ${names.length} item${names.length === 1 ? '' : 's'}…`, () => filesApi.compress(id, dir, names),
      (archive) => `Created ${archive?.name ?? 'the archive'}.`);
    selected = new Set();
  }

  async function remove(names) {
    const answer = await ask({
      title: names.length === 1 ? `Delete ${names[0]}?` : `Delete ${names.length} items?`, confirm: 'Delete', danger: true,
      text: `${names.join(', ')} will be deleted for good${names.some((n) => entries.find((e) => e.name === n && isFolder(e))) ? ', folders with everything in them' : ''}.`,
    });
    if (!answer) return;
    await work('Deleting…', () => filesApi.remove(id, dir, names), `Deleted ${names.length} item${names.length === 1 ? '' : 's'}.`);
    selected = new Set();
  }

  async function pull() {
    const answer = await ask({
      title: 'Pull a file from a URL', confirm: 'Pull',
      text: 'The node downloads the file into this folder; large files take a while to appear.',
      fields: [
        { name: 'url', label: 'URL', placeholder: 'https://example.com/mod.jar', check: (v) => (/^https?:\/\/\S+$/i.test(v.trim()) ? null : 'An http or https URL is required.') },
        { name: 'filename', label: 'Save as (optional)', check: (v) => (v === '' ? null : nameProblem(v)) },
      ],
    });
    if (!answer) return;
    await work('Asking the node to pull the file…', () => filesApi.pull(id, dir, answer.url.trim(), answer.filename || undefined),
      'The node is downloading the file; reload the folder to see it.');
  }

  async function download(path) {
    message(status);
    try {
      const url = await filesApi.downloadUrl(id, path);
      // An anchor outside the document: the node answers as an attachment, so the page stays where it is.
      const a = h('a', { href: url, download: baseName(path) });
      a.click();
      message(status, 'info', `Downloading ${baseName(path)}…`);
    } catch (err) {
      message(status, 'error', err.message);
    }
  }

  async function upload(files) {
    if (!files.length) return;
    const target = dir;
    const queue = files.map((file) => {
      const bar = h('progress', { max: 100, value: 0 });
      const text = h('span', { class: 'upload-status' }, 'waiting');
      const item = h('li', { class: 'upload-item', 'data-file': file.name }, h('span', { class: 'upload-name' }, file.name), bar, text);
      uploads.append(item);
      return { file, bar, text, item };
    });
    let failed = 0;
    const next = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        job.text.textContent = 'uploading';
        try {
          await uploadFile(id, target, job.file, (loaded, total) => {
            job.bar.value = percent(loaded, total);
            job.text.textContent = `${percent(loaded, total)}%`;
          });
          job.item.classList.add('done');
          job.text.textContent = 'done';
        } catch (err) {
          failed++;
          job.item.classList.add('failed');
          job.text.textContent = err.message;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(ParallelUploads, files.length) }, next));
    if (failed) message(status, 'error', `${failed} of ${files.length} upload${files.length === 1 ? '' : 's'} failed.`);
    else message(status, 'success', `Uploaded ${files.length} file${files.length === 1 ? '' : 's'}.`);
    if (target === dir) await load();
  }

  // ---- editor ----

  async function open(path) {
    if (!closeEditor()) return;
    message(status);
    busy.hidden = false;
    busy.lastChild.textContent = `Opening ${baseName(path)}…`;
    let text;
    try {
      text = await filesApi.contents(id, path);
    } catch (err) {
      message(status, 'error', `Could not open ${baseName(path)}: ${err.message}`);
      return;
    } finally {
      busy.hidden = true;
    }
    showEditor(path, text, { isNew: false });
  }

  async function showEditor(path, text, { isNew }) {
    // Saving a new file needs file.create; replacing an existing one file.update too (file-actions.js).
    const mayWrite = isNew ? can.createFile : can.edit;
    // message() replaces the class list, so the hook class sits on a wrapper.
    const editorStatus = h('span', { class: 'message', role: 'status' });
    const dirtyMark = h('span', { class: 'badge dirty', hidden: !isNew }, 'unsaved');
    const save = mayWrite ? h('button', { type: 'button', class: 'primary save', onclick: () => saveNow() }, 'Save') : null;
    const body = h('div', { class: 'editor-body' });
    const close = h('button', { type: 'button', class: 'close', onclick: () => closeEditor() && load() }, 'Close');
    replace(editorBox,
      h('div', { class: 'editor-head' },
        h('strong', { class: 'editor-path' }, path), ' ', dirtyMark,
        mayWrite ? null : h('span', { class: 'badge' }, 'read-only'),
        h('span', { class: 'spacer' }),
        h('span', { class: 'editor-status' }, editorStatus), save, close),
      body);
    browser.hidden = true;
    editorBox.hidden = false;
    const { createEditor } = await import('../file-editor.js');
    editor = createEditor(body, {
      name: baseName(path), text, readOnly: !mayWrite,
      onSave: () => { if (mayWrite) saveNow(); },
      onChange: (dirty) => { dirtyMark.hidden = !dirty; },
    });
    editorBox.dataset.language = editor.language ?? 'text';
    if (isNew) editor.markSaved(null);
    editor.view.focus();

    async function saveNow() {
      const content = editor.text();
      save.disabled = true;
      message(editorStatus, 'info', 'Saving…');
      try {
        await filesApi.write(id, path, content);
        editor.markSaved(content);
        message(editorStatus, 'success', `Saved at ${new Date().toLocaleTimeString()}.`);
      } catch (err) {
        message(editorStatus, 'error', `Not saved: ${err.message}`);
      } finally {
        save.disabled = false;
      }
    }
  }

  /** Leaves the editor, asking first when there are unsaved changes; false when the user stays. */
  function closeEditor() {
    if (!editor) return true;
    if (editor.dirty() && !window.confirm('This file has unsaved changes. Close it without saving?')) return false;
    editor.destroy();
    editor = null;
    editorBox.hidden = true;
    replace(editorBox);
    browser.hidden = false;
    return true;
  }
}
