import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activityPage, api, subuserApi } from '../src/api.js';
import { details } from '../src/pages/activity-list.js';

/** Runs fn with fetch answering `answer` and recording each request. */
async function withFetch(answer, fn) {
  const sent = [];
  const saved = { fetch: globalThis.fetch, document: globalThis.document };
  globalThis.document = { cookie: 'aerie_csrf=t1' };
  globalThis.fetch = async (path, init) => {
    sent.push({ path, method: init.method, body: init.body === undefined ? undefined : JSON.parse(init.body), csrf: init.headers['X-CSRF-Token'] });
    return answer === null
      ? new Response(null, { status: 204 })
      : new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  try {
    return { result: await fn(), sent };
  } finally {
    globalThis.fetch = saved.fetch;
    globalThis.document = saved.document;
  }
}

test('email and password changes use the spec 04 routes and field names', async () => {
  const { sent } = await withFetch(null, async () => {
    await api.changeEmail('new@example.test', 'pw');
    await api.changePassword('old', 'new password', 'new password');
  });
  assert.deepEqual(sent, [
    { path: '/api/client/account/email', method: 'PUT', body: { email: 'new@example.test', password: 'pw' }, csrf: 't1' },
    { path: '/api/client/account/password', method: 'PUT', body: { current_password: 'old', password: 'new password', password_confirmation: 'new password' }, csrf: 't1' },
  ]);
});

test('an activity page gives each entry its attributes and its actor, and the pagination', async () => {
  const body = {
    object: 'list',
    data: [
      { object: 'activity_log', attributes: { event: 'user:account.email-changed', relationships: { actor: { object: 'user', attributes: { username: 'ann' } } } } },
      { object: 'activity_log', attributes: { event: 'server:power.start', relationships: { actor: { object: 'null_resource', attributes: null } } } },
    ],
    meta: { pagination: { current_page: 2, total_pages: 3 } },
  };
  const { result, sent } = await withFetch(body, () => api.serverActivity('1a2b3c4d', 2));
  assert.equal(sent[0].path, '/api/client/servers/1a2b3c4d/activity?include=actor&page=2');
  assert.deepEqual(result.entries.map((e) => [e.event, e.actor?.username ?? null]), [['user:account.email-changed', 'ann'], ['server:power.start', null]]);
  assert.deepEqual(result.pagination, { current_page: 2, total_pages: 3 });
  assert.deepEqual(activityPage(null), { entries: [], pagination: { current_page: 1, total_pages: 1 } });
});

test('activity details leave out the counts that accompany arrays', () => {
  assert.equal(details({ files: ['a', 'b'], files_count: 2, ip: '[hidden]', n: 3 }), 'files: a, b; ip: [hidden]; n: 3');
  assert.equal(details({ retry_count: 4 }), 'retry_count: 4');
  assert.equal(details(null), '');
});

test('subusers are addressed by server and user UUID and read from server_subuser items', async () => {
  const item = { object: 'server_subuser', attributes: { uuid: 'u-1', email: 'a@b.c', permissions: ['websocket.connect'] } };
  const calls = subuserApi('1a2b3c4d');
  const listed = await withFetch({ object: 'list', data: [item] }, () => calls.list());
  assert.deepEqual(listed.result, [item.attributes]);
  assert.equal(listed.sent[0].path, '/api/client/servers/1a2b3c4d/users');
  const added = await withFetch(item, () => calls.add('a@b.c', ['control.console']));
  assert.deepEqual(added.result, item.attributes);
  assert.deepEqual(added.sent[0].body, { email: 'a@b.c', permissions: ['control.console'] });
  const updated = await withFetch(item, () => calls.update('u-1', []));
  assert.deepEqual([updated.sent[0].method, updated.sent[0].path], ['POST', '/api/client/servers/1a2b3c4d/users/u-1']);
  const removed = await withFetch(null, () => calls.remove('u-1'));
  assert.deepEqual([removed.sent[0].method, removed.sent[0].path], ['DELETE', '/api/client/servers/1a2b3c4d/users/u-1']);
});
