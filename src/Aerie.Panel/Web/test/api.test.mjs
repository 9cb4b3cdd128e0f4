import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, csrfToken, listOf } from '../src/api.js';

test('the CSRF token is read from the aerie_csrf cookie only', () => {
  assert.equal(csrfToken('session=abc; aerie_csrf=t%2Bk%3D; other=1'), 't+k=');
  assert.equal(csrfToken('aerie_csrf=a=b'), 'a=b');
  assert.equal(csrfToken('x_aerie_csrf=no; session=s'), '');
  assert.equal(csrfToken(''), '');
});

test('lists are read from {data:[...]} or a bare array', () => {
  assert.deepEqual(listOf({ data: [1, 2] }), [1, 2]);
  assert.deepEqual(listOf([3]), [3]);
  assert.deepEqual(listOf({ nope: true }), []);
  assert.deepEqual(listOf(null), []);
});

test('the login checkpoint sends the confirmation token with a code or a recovery token', async () => {
  const sent = [];
  const saved = { fetch: globalThis.fetch, document: globalThis.document };
  globalThis.document = { cookie: 'aerie_csrf=t1' };
  globalThis.fetch = async (path, init) => {
    sent.push({ path, method: init.method, body: JSON.parse(init.body) });
    return new Response(JSON.stringify({ complete: true, user: { username: 'u' } }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  try {
    const answer = await api.checkpoint('tok', { code: '123456' });
    await api.checkpoint('tok', { recoveryToken: 'AbCdEfGhIj' });
    assert.equal(answer.user.username, 'u');
    assert.deepEqual(sent, [
      { path: '/auth/login/checkpoint', method: 'POST', body: { confirmation_token: 'tok', authentication_code: '123456' } },
      { path: '/auth/login/checkpoint', method: 'POST', body: { confirmation_token: 'tok', recovery_token: 'AbCdEfGhIj' } },
    ]);
  } finally {
    globalThis.fetch = saved.fetch;
    globalThis.document = saved.document;
  }
});
