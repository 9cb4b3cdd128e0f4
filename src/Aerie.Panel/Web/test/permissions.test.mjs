import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grants, groupPermissions, powerPermissions } from '../src/permissions.js';

test('star grants everything but admin permissions', () => {
  assert.equal(grants(['*'], 'control.start'), true);
  assert.equal(grants(['*'], 'admin.websocket.errors'), false);
  assert.equal(grants(['*', 'admin.websocket.errors'], 'admin.websocket.errors'), true);
});

test('a subuser gets exactly the listed permissions', () => {
  const p = powerPermissions(['websocket.connect', 'control.start']);
  assert.deepEqual(p, { start: true, stop: false, restart: false, kill: false, command: false });
  assert.deepEqual(powerPermissions(['control.stop', 'control.console']), { start: false, stop: true, restart: false, kill: true, command: true });
  assert.equal(grants(undefined, 'control.start'), false);
});

test('permissions are grouped by prefix', () => {
  const groups = groupPermissions(['control.start', 'control.stop', 'file.read']);
  assert.deepEqual([...groups.keys()], ['control', 'file']);
  assert.deepEqual(groups.get('control'), ['control.start', 'control.stop']);
});
