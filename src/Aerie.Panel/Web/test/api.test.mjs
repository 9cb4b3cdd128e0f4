import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, createdKey, csrfToken, errorMessage, itemsOf, listOf } from '../src/api.js';

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

test('error text comes from errors[0].detail', () => {
  const body = { errors: [{ code: 'ValidationException', status: '422', detail: 'The name field is required.' }, { detail: 'second' }] };
  assert.equal(errorMessage({ status: 422, body }), 'The name field is required.');
  assert.equal(errorMessage({ status: 404, body: { message: 'old shape' } }), 'The panel answered 404.');
  assert.equal(errorMessage({ status: 500, body: 'not json' }), 'The panel answered 500.');
  assert.match(errorMessage({ status: 429, body: null, retryAfter: '7' }), /7 seconds/);
});

test('Fractal lists give their items\' attributes; a created key joins identifier and secret', () => {
  assert.deepEqual(itemsOf({ object: 'list', data: [{ object: 'api_key', attributes: { identifier: 'ptlc_a' } }] }), [{ identifier: 'ptlc_a' }]);
  assert.deepEqual(itemsOf(null), []);
  const key = createdKey({ object: 'api_key', attributes: { identifier: 'ptlc_abcdefghijk', description: 'd' }, meta: { secret_token: 's'.repeat(32) } });
  assert.equal(key.token, 'ptlc_abcdefghijk' + 's'.repeat(32));
  assert.equal(key.description, 'd');
});
