import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csrfToken, errorMessage, listOf } from '../src/api.js';

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

test('error text comes from errors[0].detail', () => {
  const body = { errors: [{ code: 'ValidationException', status: '422', detail: 'The name field is required.' }, { detail: 'second' }] };
  assert.equal(errorMessage({ status: 422, body }), 'The name field is required.');
  assert.equal(errorMessage({ status: 404, body: { message: 'old shape' } }), 'The panel answered 404.');
  assert.equal(errorMessage({ status: 500, body: 'not json' }), 'The panel answered 500.');
  assert.match(errorMessage({ status: 429, body: null, retryAfter: '7' }), /7 seconds/);
});
