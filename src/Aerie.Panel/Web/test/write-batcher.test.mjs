import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WriteBatcher } from '../src/write-batcher.js';

test('lines pushed within a frame are written once', () => {
  const writes = [];
  const frames = [];
  const b = new WriteBatcher((t) => writes.push(t), { schedule: (fn) => frames.push(fn) });
  b.push('a\r\n');
  b.push('b\r\n');
  assert.equal(frames.length, 1);
  frames.shift()();
  assert.deepEqual(writes, ['a\r\nb\r\n']);
  b.push('c\r\n');
  frames.shift()();
  assert.deepEqual(writes, ['a\r\nb\r\n', 'c\r\n']);
});

test('a flood keeps only the newest lines and says how many were skipped', () => {
  const writes = [];
  const frames = [];
  const b = new WriteBatcher((t) => writes.push(t), { schedule: (fn) => frames.push(fn), maxPending: 3 });
  for (let i = 1; i <= 10; i++) b.push(`${i}\r\n`);
  assert.equal(b.pending, 3);
  frames.shift()();
  assert.match(writes[0], /7 lines skipped/);
  assert.ok(writes[0].endsWith('8\r\n9\r\n10\r\n'));
});
