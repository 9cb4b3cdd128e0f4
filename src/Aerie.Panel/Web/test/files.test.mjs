import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileActions } from '../src/file-actions.js';
import { languageFor } from '../src/file-languages.js';
import { isArchive, isText, keepSelected, modeText, nextSort, parseMode, sortEntries } from '../src/file-list.js';
import { baseName, breadcrumbs, joinPath, moveItems, nameProblem, normalizePath, parentOf } from '../src/file-paths.js';
import { matchRoute } from '../src/router.js';

const file = (name, size, modified, extra = {}) => ({ name, size, is_file: true, modified_at: modified, mimetype: 'text/plain; charset=utf-8', ...extra });
const folder = (name, modified) => ({ name, size: 4096, is_file: false, modified_at: modified, mimetype: 'inode/directory' });

test('the file manager has its route under the server', () => {
  assert.deepEqual(matchRoute('/server/1a2b3c4d/files'), { page: 'files', params: { id: '1a2b3c4d' }, public: undefined, admin: undefined });
  assert.equal(matchRoute('/server/1a2b3c4d/files/').page, 'files');
  assert.equal(matchRoute('/server/1a2b3c4d/files/x').page, 'not-found');
});

test('paths are normalised from the root and never climb above it', () => {
  assert.equal(normalizePath(''), '/');
  assert.equal(normalizePath('/'), '/');
  assert.equal(normalizePath('a//b/./c/'), '/a/b/c');
  assert.equal(normalizePath('/a/b/../c'), '/a/c');
  assert.equal(normalizePath('/../../etc'), '/etc');
  assert.equal(normalizePath('/with space /x'), '/with space /x', 'names are not trimmed (a trailing space is a valid name)');
  assert.equal(normalizePath('/a\\b'), '/a\\b');
});

test('joinPath puts a name or relative path under a folder; an absolute one stands alone', () => {
  assert.equal(joinPath('/', 'server.properties'), '/server.properties');
  assert.equal(joinPath('/world', 'level.dat'), '/world/level.dat');
  assert.equal(joinPath('/world/region', '../data/x'), '/world/data/x');
  assert.equal(joinPath('/world', '/plugins'), '/plugins');
  assert.equal(parentOf('/world/region'), '/world');
  assert.equal(parentOf('/world'), '/');
  assert.equal(parentOf('/'), '/');
  assert.equal(baseName('/world/level.dat'), 'level.dat');
  assert.equal(baseName('/'), '');
});

test('breadcrumbs lead from the root down to the current folder', () => {
  assert.deepEqual(breadcrumbs('/'), [{ name: 'home', path: '/' }]);
  assert.deepEqual(breadcrumbs('/world//region/'), [
    { name: 'home', path: '/' },
    { name: 'world', path: '/world' },
    { name: 'region', path: '/world/region' },
  ]);
});

test('a typed name is one path component', () => {
  assert.equal(nameProblem('ok.txt'), null);
  assert.equal(nameProblem('trailing '), null);
  assert.match(nameProblem(''), /required/);
  assert.match(nameProblem('   '), /required/);
  assert.match(nameProblem('a/b'), /"\/"/);
  assert.match(nameProblem('..'), /not allowed/);
  assert.match(nameProblem('é'.repeat(128)), /255 bytes/);
  assert.equal(nameProblem('é'.repeat(127)), null);
});

test('moveItems builds rename items for a rename, a move into a folder and several items', () => {
  assert.deepEqual(moveItems('/cfg', ['a.yml'], 'b.yml'), [{ from: '/cfg/a.yml', to: '/cfg/b.yml' }]);
  assert.deepEqual(moveItems('/cfg', ['a.yml'], '../old/a.yml'), [{ from: '/cfg/a.yml', to: '/old/a.yml' }]);
  assert.deepEqual(moveItems('/cfg', ['a.yml'], '/backup/'), [{ from: '/cfg/a.yml', to: '/backup/a.yml' }]);
  assert.deepEqual(moveItems('/cfg', ['a.yml', 'b'], '/backup', { intoFolder: true }), [
    { from: '/cfg/a.yml', to: '/backup/a.yml' },
    { from: '/cfg/b', to: '/backup/b' },
  ]);
  assert.deepEqual(moveItems('/cfg', ['a.yml'], '/cfg', { intoFolder: true }), [], 'moving into its own folder is nothing to do');
  assert.deepEqual(moveItems('/', ['world'], '/world/sub', { intoFolder: true }), [], 'a folder cannot go inside itself');
  assert.deepEqual(moveItems('/', ['x'], '..'), [], 'a target that is the root itself is dropped');
});

test('sorting keeps folders first in both directions and breaks ties by name', () => {
  const entries = [
    file('b.txt', 10, '2026-01-02T00:00:00+00:00'),
    folder('Zeta', '2026-01-01T00:00:00+00:00'),
    file('A.txt', 300, '2026-01-03T00:00:00+00:00'),
    folder('alpha', '2026-01-05T00:00:00+00:00'),
    file('c.txt', 10, '2026-01-04T00:00:00+00:00'),
  ];
  const names = (key, dir) => sortEntries(entries, key, dir).map((e) => e.name);
  assert.deepEqual(names('name', 'asc'), ['alpha', 'Zeta', 'A.txt', 'b.txt', 'c.txt']);
  assert.deepEqual(names('name', 'desc'), ['Zeta', 'alpha', 'c.txt', 'b.txt', 'A.txt']);
  assert.deepEqual(names('size', 'asc'), ['alpha', 'Zeta', 'b.txt', 'c.txt', 'A.txt']);
  assert.deepEqual(names('size', 'desc'), ['Zeta', 'alpha', 'A.txt', 'c.txt', 'b.txt']);
  assert.deepEqual(names('modified', 'desc'), ['alpha', 'Zeta', 'c.txt', 'A.txt', 'b.txt']);
  assert.deepEqual(names('modified', 'asc'), ['Zeta', 'alpha', 'b.txt', 'A.txt', 'c.txt']);
  assert.equal(entries[0].name, 'b.txt', 'the input is not reordered');
  assert.deepEqual(sortEntries([file('a', 1, 'not a date'), file('b', 1, '2026-01-01T00:00:00Z')], 'modified').map((e) => e.name), ['a', 'b']);
  assert.deepEqual(sortEntries(null), []);
});

test('clicking a column flips it; a new column starts ascending, modified newest first', () => {
  assert.deepEqual(nextSort({ key: 'name', direction: 'asc' }, 'name'), { key: 'name', direction: 'desc' });
  assert.deepEqual(nextSort({ key: 'name', direction: 'desc' }, 'name'), { key: 'name', direction: 'asc' });
  assert.deepEqual(nextSort({ key: 'name', direction: 'desc' }, 'size'), { key: 'size', direction: 'asc' });
  assert.deepEqual(nextSort({ key: 'name', direction: 'asc' }, 'modified'), { key: 'modified', direction: 'desc' });
});

test('archives are the formats the node unpacks, named so', () => {
  for (const name of ['w.zip', 'w.tar', 'w.tar.gz', 'W.TGZ', 'w.tar.bz2', 'w.tar.xz', 'w.tar.zst', 'w.rar', 'w.7z', 'log.gz', 'x.bz2', 'x.xz', 'x.zst']) {
    assert.equal(isArchive(file(name, 1)), true, name);
  }
  for (const name of ['world', 'zip', '.zip', 'x.jar', 'x.txt']) assert.equal(isArchive(file(name, 1)), false, name);
  assert.equal(isArchive(folder('backup.zip')), false, 'a folder is never an archive');
});

test('text files open in the editor by sniffed type or by a known name', () => {
  assert.equal(isText(file('notes', 1)), true);
  assert.equal(isText(file('a.json', 1, null, { mimetype: 'application/json' })), true);
  assert.equal(isText(file('server.properties', 1, null, { mimetype: 'application/octet-stream' })), true);
  assert.equal(isText(file('world.dat', 1, null, { mimetype: 'application/octet-stream' })), false);
  assert.equal(isText(folder('x.yml')), false);
});

test('syntax follows the extension', () => {
  assert.equal(languageFor('config.json'), 'json');
  assert.equal(languageFor('pack.mcmeta'), 'json');
  assert.equal(languageFor('/plugins/Essentials/config.yml'), 'yaml');
  assert.equal(languageFor('docker-compose.YAML'), 'yaml');
  assert.equal(languageFor('index.js'), 'javascript');
  assert.equal(languageFor('mod.ts'), 'typescript');
  assert.equal(languageFor('log4j2.xml'), 'xml');
  assert.equal(languageFor('server.properties'), 'properties');
  assert.equal(languageFor('settings.ini'), 'properties');
  assert.equal(languageFor('.env'), 'properties');
  assert.equal(languageFor('eula.txt'), 'properties');
  assert.equal(languageFor('Cargo.toml'), 'toml');
  assert.equal(languageFor('start.sh'), 'shell');
  assert.equal(languageFor('readme.txt'), null);
  assert.equal(languageFor('Makefile'), null);
  assert.equal(languageFor('json'), null, 'a bare word is not an extension');
  assert.equal(languageFor(''), null);
});

test('modes: shown from mode_bits, accepted as three octal digits up to 777', () => {
  assert.equal(modeText({ mode_bits: '644' }), '644');
  assert.equal(modeText({ mode_bits: '755' }), '755');
  assert.equal(modeText({ mode_bits: '0644' }), '644');
  assert.equal(modeText({ mode_bits: '4' }), '004');
  assert.equal(modeText({}), '');
  assert.equal(parseMode(' 755 '), '755');
  assert.equal(parseMode('777'), '777');
  assert.equal(parseMode('4755'), null);
  assert.equal(parseMode('800'), null);
  assert.equal(parseMode('64'), null);
  assert.equal(parseMode('rwx'), null);
});

test('a reload keeps only the selected names still listed', () => {
  const kept = keepSelected(new Set(['a', 'gone']), [file('a', 1), file('b', 1)]);
  assert.deepEqual([...kept], ['a']);
});

test('actions follow the permissions: none offered without their permission', () => {
  const none = fileActions([]);
  assert.ok(Object.values(none).every((v) => v === false), 'no permission, no action');
  const all = fileActions(['*']);
  assert.ok(Object.values(all).every((v) => v === true), '"*" offers everything');

  const reader = fileActions(['file.read']);
  assert.equal(reader.list, true);
  assert.equal(reader.open, false);
  assert.equal(reader.download, false);

  // Without file.update: new files and folders, but no saving over a file, no upload, rename or chmod.
  const creator = fileActions(['file.read', 'file.read-content', 'file.create']);
  assert.equal(creator.open, true);
  assert.equal(creator.download, true);
  assert.equal(creator.createFile, true);
  assert.equal(creator.createFolder, true);
  assert.equal(creator.pull, true);
  assert.equal(creator.edit, false);
  assert.equal(creator.upload, false);
  assert.equal(creator.rename, false);
  assert.equal(creator.chmod, false);
  assert.equal(creator.remove, false);
  assert.equal(creator.compress, false);
  assert.equal(creator.decompress, false);

  const editor = fileActions(['file.read', 'file.read-content', 'file.create', 'file.update']);
  assert.equal(editor.edit, true);
  assert.equal(editor.upload, true);
  assert.equal(editor.rename, true);
  assert.equal(fileActions(['file.read', 'file.create', 'file.update']).edit, false, 'editing needs the content');

  assert.equal(fileActions(['file.archive']).compress, true);
  assert.equal(fileActions(['file.archive']).decompress, false, 'unpacking writes files: file.create too');
  assert.equal(fileActions(['file.archive', 'file.create']).decompress, true);
  assert.equal(fileActions(['file.delete']).remove, true);
  assert.equal(fileActions(['admin.websocket.errors']).list, false);
});
