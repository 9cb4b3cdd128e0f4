import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpretCredentials } from '../src/credentials.js';

test('200 success reads the top-level shape and the data shape', () => {
  assert.deepEqual(interpretCredentials({ status: 200, body: { token: 't', socket: 'ws://n/ws' } }), { ok: true, token: 't', socket: 'ws://n/ws' });
  assert.deepEqual(interpretCredentials({ status: 200, body: { data: { token: 't2', socket: 'wss://n/ws' } } }), { ok: true, token: 't2', socket: 'wss://n/ws' });
});

test('200 unavailable body retries with a plain message', () => {
  const r = interpretCredentials({ status: 200, body: { unavailable: true, message: 'Server is not available on the assigned Wings node' } });
  assert.equal(r.ok, false);
  assert.equal(r.terminal, false);
  assert.equal(r.unavailable, true);
  assert.match(r.message, /not available on its node/);
});

test('400, 401, 403, 404, 409 are terminal', () => {
  for (const status of [400, 401, 403, 404, 409]) {
    const r = interpretCredentials({ status, body: { status, message: 'x' } });
    assert.equal(r.terminal, true, String(status));
    assert.ok(r.message.length > 10);
  }
  assert.match(interpretCredentials({ status: 409, body: {} }).message, /suspended/);
});

test('429 waits for Retry-After', () => {
  const r = interpretCredentials({ status: 429, body: {}, retryAfter: '7' });
  assert.equal(r.terminal, false);
  assert.equal(r.retryAfterMs, 7000);
  assert.match(r.message, /7 s/);
});

test('500 and 502 retry and explain', () => {
  assert.match(interpretCredentials({ status: 500, body: {} }).message, /node is not set up/);
  const r = interpretCredentials({ status: 502, body: { message: 'Failed to prepare websocket session: connection refused' } });
  assert.equal(r.terminal, false);
  assert.match(r.message, /cannot be reached \(connection refused\)/);
});

test('network failure retries', () => {
  assert.equal(interpretCredentials({ networkError: 'TypeError' }).terminal, false);
});
