import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filesApi, percent, uploadError, uploadFile, uploadTarget } from '../src/files-api.js';

/** Runs fn with fetch answered by answer(path, init) and the calls recorded. */
async function withFetch(answer, fn) {
  const calls = [];
  const saved = { fetch: globalThis.fetch, document: globalThis.document, window: globalThis.window };
  globalThis.document = { cookie: 'aerie_csrf=tok' };
  globalThis.window = { dispatchEvent: () => true };
  globalThis.fetch = async (path, init = {}) => {
    calls.push({ path, method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body });
    return answer(path, init);
  };
  try {
    await fn(calls);
  } finally {
    Object.assign(globalThis, saved);
  }
}

const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

test('the upload target appends the folder to the signed URL, encoded', () => {
  assert.equal(uploadTarget('http://node:8080/upload/file?token=abc', '/'), 'http://node:8080/upload/file?token=abc&directory=%2F');
  assert.equal(uploadTarget('http://node:8080/upload/file?token=abc', '/my world/a&b'), 'http://node:8080/upload/file?token=abc&directory=%2Fmy%20world%2Fa%26b');
  assert.equal(uploadTarget('http://node/upload/file', '/x'), 'http://node/upload/file?directory=%2Fx');
});

test('percent is bounded and an empty file is complete', () => {
  assert.equal(percent(0, 100), 0);
  assert.equal(percent(50, 200), 25);
  assert.equal(percent(300, 200), 100);
  assert.equal(percent(0, 0), 100);
});

test('a node upload error shows the node\'s text', () => {
  assert.equal(uploadError(400, '{"error":"File big.bin is larger than the maximum file upload size of 1 MB.","request_id":"r"}'),
    'File big.bin is larger than the maximum file upload size of 1 MB.');
  assert.equal(uploadError(404, 'not json'), 'The node answered 404.');
  assert.equal(uploadError(0, ''), 'The node could not be reached.');
});

test('the file routes are called with spec 04 §2.7 paths and bodies', async () => {
  await withFetch((path) => (path.includes('/compress') ? json({ object: 'file_object', attributes: { name: 'archive.tar.gz' } })
    : path.includes('/list') ? json({ object: 'list', data: [{ object: 'file_object', attributes: { name: 'a' } }] })
      : path.includes('/download') || path.includes('/upload') ? json({ object: 'signed_url', attributes: { url: 'http://n/x?token=t' } })
        : new Response(null, { status: 204 })), async (calls) => {
    assert.deepEqual(await filesApi.list('s1', '/my dir'), [{ name: 'a' }]);
    await filesApi.rename('s1', [{ from: '/a', to: '/b/a', extra: 1 }]);
    await filesApi.remove('s1', '/d', ['x', 'y']);
    await filesApi.createFolder('s1', '/d', 'new');
    assert.deepEqual(await filesApi.compress('s1', '/d', ['x']), { name: 'archive.tar.gz' });
    await filesApi.decompress('s1', '/d', 'x.zip');
    await filesApi.chmod('s1', '/d', [{ file: 'x', mode: '755' }]);
    await filesApi.copy('s1', '/d/x');
    await filesApi.pull('s1', '/d', 'https://e.test/f.jar');
    await filesApi.pull('s1', '/d', 'https://e.test/f.jar', 'g.jar');
    assert.equal(await filesApi.downloadUrl('s1', '/d/x'), 'http://n/x?token=t');
    assert.equal(await filesApi.uploadUrl('s1'), 'http://n/x?token=t');
    const b = '/api/client/servers/s1/files';
    const seen = calls.map((c) => [c.method, c.path, c.body === undefined ? undefined : JSON.parse(c.body)]);
    assert.deepEqual(seen, [
      ['GET', `${b}/list?directory=%2Fmy%20dir`, undefined],
      ['PUT', `${b}/rename`, { root: '/', files: [{ from: '/a', to: '/b/a' }] }],
      ['POST', `${b}/delete`, { root: '/d', files: ['x', 'y'] }],
      ['POST', `${b}/create-folder`, { root: '/d', name: 'new' }],
      ['POST', `${b}/compress`, { root: '/d', files: ['x'] }],
      ['POST', `${b}/decompress`, { root: '/d', file: 'x.zip' }],
      ['POST', `${b}/chmod`, { root: '/d', files: [{ file: 'x', mode: '755' }] }],
      ['POST', `${b}/copy`, { location: '/d/x' }],
      ['POST', `${b}/pull`, { url: 'https://e.test/f.jar', directory: '/d', use_header: true }],
      ['POST', `${b}/pull`, { url: 'https://e.test/f.jar', directory: '/d', filename: 'g.jar' }],
      ['GET', `${b}/download?file=%2Fd%2Fx`, undefined],
      ['GET', `${b}/upload`, undefined],
    ]);
    for (const c of calls.filter((x) => x.method !== 'GET')) assert.equal(c.headers['X-CSRF-Token'], 'tok', c.path);
  });
});

test('contents come back as raw text; write sends the raw body with the CSRF header', async () => {
  await withFetch((path) => (path.includes('/contents') ? new Response('{"a": 1}', { status: 200, headers: { 'Content-Type': 'text/plain' } })
    : new Response(null, { status: 204 })), async (calls) => {
    assert.equal(await filesApi.contents('s1', '/cfg/a.json'), '{"a": 1}');
    await filesApi.write('s1', '/cfg/a.json', 'new text\n');
    assert.equal(calls[0].path, '/api/client/servers/s1/files/contents?file=%2Fcfg%2Fa.json');
    assert.equal(calls[1].path, '/api/client/servers/s1/files/write?file=%2Fcfg%2Fa.json');
    assert.equal(calls[1].method, 'POST');
    assert.equal(calls[1].body, 'new text\n');
    assert.equal(calls[1].headers['X-CSRF-Token'], 'tok');
  });
});

test('a file over the edit limit fails with the panel\'s message', async () => {
  const detail = 'The file you are attempting to open is too large to view in the file editor.';
  await withFetch(() => json({ errors: [{ code: 'FileSizeTooLargeException', status: '400', detail }] }, 400), async () => {
    await assert.rejects(filesApi.contents('s1', '/big.log'), (err) => err.status === 400 && err.message === detail);
    await assert.rejects(filesApi.write('s1', '/big.log', 'x'), (err) => err.message === detail);
  });
});

test('each upload gets a fresh signed URL and posts one multipart "files" part with progress', async () => {
  const sent = [];
  class StandInXhr {
    constructor() { this.upload = {}; this.status = 0; this.responseText = ''; }
    open(method, url) { this.method = method; this.url = url; }
    send(form) {
      sent.push({ method: this.method, url: this.url, parts: [...form.entries()] });
      this.upload.onprogress?.({ loaded: 2, total: 4, lengthComputable: true });
      const refused = this.url.includes('token=t2');
      this.status = refused ? 400 : 200;
      this.responseText = refused ? '{"error":"There is not enough disk space available to perform that action."}' : '';
      queueMicrotask(() => this.onload());
    }
  }
  let n = 0;
  const saved = globalThis.XMLHttpRequest;
  globalThis.XMLHttpRequest = StandInXhr;
  try {
    await withFetch(() => json({ object: 'signed_url', attributes: { url: `http://node:8080/upload/file?token=t${++n}` } }), async (calls) => {
      const progress = [];
      await uploadFile('s1', '/mods', new File(['abcd'], 'a.jar'), (loaded, total) => progress.push([loaded, total]));
      await assert.rejects(uploadFile('s1', '/mods', new File(['xy'], 'b.jar'), () => {}), /not enough disk space/);
      assert.deepEqual(calls.map((c) => c.path), ['/api/client/servers/s1/files/upload', '/api/client/servers/s1/files/upload'],
        'one signed URL per file (tokens are single use), the folder added once, by the uploader');
      assert.deepEqual(sent.map((s) => [s.method, s.url]), [
        ['POST', 'http://node:8080/upload/file?token=t1&directory=%2Fmods'],
        ['POST', 'http://node:8080/upload/file?token=t2&directory=%2Fmods'],
      ]);
      assert.deepEqual(sent[0].parts.map(([name, value]) => [name, value.name]), [['files', 'a.jar']]);
      assert.deepEqual(progress, [[2, 4], [4, 4]]);
    });
  } finally {
    globalThis.XMLHttpRequest = saved;
  }
});
