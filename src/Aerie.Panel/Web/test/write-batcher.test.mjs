import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WriteBatcher } from '../src/write-batcher.js';

/** A batcher whose frames and write completions the test runs by hand. */
function makeBatcher(maxPending) {
  const writes = [];
  const frames = [];
  const b = new WriteBatcher((text, done) => writes.push({ text, done }), { schedule: (fn) => frames.push(fn), maxPending });
  return { b, writes, frames };
}

test('lines pushed within a frame are written once', () => {
  const { b, writes, frames } = makeBatcher();
  b.push('a\r\n');
  b.push('b\r\n');
  assert.equal(frames.length, 1);
  frames.shift()();
  assert.deepEqual(writes.map((w) => w.text), ['a\r\nb\r\n']);
});

test('the next batch waits until the terminal finished the previous one', () => {
  const { b, writes, frames } = makeBatcher();
  b.push('a\r\n');
  frames.shift()();
  b.push('b\r\n');
  b.push('c\r\n');
  assert.equal(frames.length, 0, 'no frame requested while a write is in flight');
  writes[0].done();
  assert.equal(frames.length, 1);
  frames.shift()();
  assert.deepEqual(writes.map((w) => w.text), ['a\r\n', 'b\r\nc\r\n']);
  writes[1].done();
  assert.equal(frames.length, 0, 'nothing pending, nothing scheduled');
});

test('a flood keeps only the newest lines and says how many were skipped', () => {
  const { b, writes, frames } = makeBatcher(3);
  for (let i = 1; i <= 10; i++) b.push(`${i}\r\n`);
  assert.equal(b.pending, 3);
  frames.shift()();
  assert.match(writes[0].text, /7 lines skipped/);
  assert.ok(writes[0].text.endsWith('8\r\n9\r\n10\r\n'));
});

test('while the terminal is busy, pending lines stay bounded', () => {
  const { b, writes, frames } = makeBatcher(100);
  b.push('first\r\n');
  frames.shift()();
  for (let i = 0; i < 100_000; i++) b.push(`${i}\r\n`);
  assert.equal(b.pending, 100);
  writes[0].done();
  frames.shift()();
  assert.match(writes[1].text, /99900 lines skipped/);
});
