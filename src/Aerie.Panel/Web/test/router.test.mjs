import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRoute } from '../src/router.js';

test('UI paths map to pages with parameters', () => {
  assert.equal(matchRoute('/').page, 'servers');
  assert.equal(matchRoute('/login').public, true);
  assert.equal(matchRoute('/account').page, 'account');
  assert.deepEqual(matchRoute('/server/1a2b3c4d').params, { id: '1a2b3c4d' });
  assert.equal(matchRoute('/server/1a2b3c4d/users').page, 'subusers');
  assert.equal(matchRoute('/admin/nodes').admin, true);
  assert.deepEqual(matchRoute('/server/1a2b3c4d/activity'), { page: 'activity', params: { id: '1a2b3c4d' }, public: undefined, admin: undefined });
  assert.deepEqual(matchRoute('/server/1a2b3c4d/network'), { page: 'network', params: { id: '1a2b3c4d' }, public: undefined, admin: undefined });
  assert.deepEqual(matchRoute('/admin/servers/u-1/users'), { page: 'subusers', params: { id: 'u-1' }, public: undefined, admin: true });
  assert.deepEqual(matchRoute('/admin/eggs'), { page: 'admin-eggs', params: {}, public: undefined, admin: true });
});

test('unknown paths are not found', () => {
  assert.equal(matchRoute('/api/client').page, 'not-found');
  assert.equal(matchRoute('/server/a/b/c').page, 'not-found');
});
