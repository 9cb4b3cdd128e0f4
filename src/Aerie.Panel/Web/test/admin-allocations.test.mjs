import assert from 'node:assert/strict';
import test from 'node:test';
import { portList } from '../src/pages/admin-allocations.js';

test('portList splits ports and ranges on commas and spaces', () => {
  assert.deepEqual(portList('25565, 25570-25580  27015'), ['25565', '25570-25580', '27015']);
  assert.deepEqual(portList(' '), []);
});
