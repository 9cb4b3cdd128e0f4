import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRoute } from '../src/router.js';
import { stateOf } from '../src/pages/backups.js';

test('the Backups page has its route', () => {
  assert.deepEqual(matchRoute('/server/1a2b3c4d/backups'), { page: 'backups', params: { id: '1a2b3c4d' }, public: undefined, admin: undefined });
  assert.equal(matchRoute('/server/1a2b3c4d/backups/x').page, 'not-found');
});

test('stateOf follows spec 07 §1: pending until completed, then successful or failed', () => {
  assert.equal(stateOf({ completed_at: null, is_successful: false }), 'Pending');
  assert.equal(stateOf({ completed_at: '2026-12-01T21:00:00+00:00', is_successful: true }), 'Successful');
  assert.equal(stateOf({ completed_at: '2026-12-01T21:00:00+00:00', is_successful: false }), 'Failed');
});
