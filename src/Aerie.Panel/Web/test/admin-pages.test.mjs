import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RESOURCES, keyBody, maskLabel } from '../src/pages/admin-api-keys.js';
import { nodeBody, publicAddress } from '../src/pages/admin-nodes.js';
import { userCreateBody, userPatch } from '../src/pages/admin-users.js';

test('a user PATCH sends the four required fields again, legacy accounts without a last name get the username', () => {
  const listed = { id: 7, email: 'a@example.test', username: 'ada', first_name: 'Ada', last_name: '', root_admin: false };
  assert.deepEqual(userPatch(listed, { root_admin: true }), { email: 'a@example.test', username: 'ada', first_name: 'Ada', last_name: 'ada', root_admin: true });
  assert.deepEqual(userPatch({ ...listed, last_name: 'Lovelace' }, { password: 'long enough' }).last_name, 'Lovelace');
});

test('a user create without a password leaves it out (the panel picks a random one)', () => {
  const v = { username: 'ada', email: 'a@example.test', first_name: 'Ada', last_name: 'L', password: '', root_admin: true };
  assert.deepEqual(userCreateBody(v), { username: 'ada', email: 'a@example.test', first_name: 'Ada', last_name: 'L', root_admin: true });
  assert.equal(userCreateBody({ ...v, password: 'long enough' }).password, 'long enough');
});

test('a node create body has spec 04 field names and numbers; internal_url only when given', () => {
  const v = { name: 'n1', description: '', fqdn: 'n1.example.com', scheme: 'https', behind_proxy: false, memory: '4096', memory_overallocate: '', disk: '100',
    disk_overallocate: '-1', daemon_listen: '8080', daemon_sftp: '2022', internal_url: '' };
  const body = nodeBody(v, '3');
  assert.deepEqual(JSON.parse(JSON.stringify(body)), { name: 'n1', location_id: 3, fqdn: 'n1.example.com', scheme: 'https', behind_proxy: false, memory: 4096,
    memory_overallocate: 0, disk: 100, disk_overallocate: -1, daemon_listen: 8080, daemon_sftp: 2022 });
  assert.equal(nodeBody({ ...v, internal_url: 'http://10.0.0.5:8080' }, 3).internal_url, 'http://10.0.0.5:8080');
  assert.equal(publicAddress({ fqdn: 'n1.example.com', scheme: 'https', daemon_listen: 8080, public_port: 443 }), 'https://n1.example.com:443');
});

test('an application key body carries every r_* mask and the allowed IPs as a list', () => {
  const v = { description: 'billing', allowed_ips: '10.0.0.1\n 10.1.0.0/16, ', r_users: '3', r_nodes: '1' };
  const body = keyBody(v);
  assert.deepEqual(body.allowed_ips, ['10.0.0.1', '10.1.0.0/16']);
  assert.equal(RESOURCES.length, 9);
  for (const [name] of RESOURCES) assert.equal(body[name], { r_users: 3, r_nodes: 1 }[name] ?? 0, name);
  assert.deepEqual([0, 1, 2, 3].map(maskLabel), ['none', 'read', 'write', 'read-write']);
});
