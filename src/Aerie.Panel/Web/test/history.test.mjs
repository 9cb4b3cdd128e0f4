import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandHistory } from '../src/history.js';

class MemoryStorage {
  map = new Map();
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
}

test('up and down walk the history and return to the draft', () => {
  const h = new CommandHistory('s1', new MemoryStorage());
  h.add('say one');
  h.add('say two');
  assert.equal(h.previous('typing'), 'say two');
  assert.equal(h.previous('say two'), 'say one');
  assert.equal(h.previous('say one'), 'say one');
  assert.equal(h.next(), 'say two');
  assert.equal(h.next(), 'typing');
});

test('history is per server and survives a reload', () => {
  const storage = new MemoryStorage();
  new CommandHistory('a', storage).add('list');
  assert.deepEqual(new CommandHistory('a', storage).entries, ['list']);
  assert.deepEqual(new CommandHistory('b', storage).entries, []);
});

test('consecutive duplicates and blanks are not stored; size is bounded', () => {
  const h = new CommandHistory('s', new MemoryStorage());
  h.add('list');
  h.add('list');
  h.add('   ');
  assert.deepEqual(h.entries, ['list']);
  for (let i = 0; i < 150; i++) h.add(`c${i}`);
  assert.equal(h.entries.length, 100);
  assert.equal(h.entries.at(-1), 'c149');
});

test('corrupt storage starts empty', () => {
  const storage = new MemoryStorage();
  storage.setItem('aerie.history.x', '{not json');
  assert.deepEqual(new CommandHistory('x', storage).entries, []);
});
