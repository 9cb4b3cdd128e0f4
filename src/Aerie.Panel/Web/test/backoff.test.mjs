import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '../src/backoff.js';

test('backoff doubles from base and caps at max (no jitter at random = 1)', () => {
  const delays = [0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, { base: 1000, max: 30000, random: () => 1 }));
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('backoff jitter keeps at least half the ceiling', () => {
  assert.equal(backoffDelay(3, { base: 1000, max: 30000, random: () => 0 }), 4000);
  for (let i = 0; i < 100; i++) {
    const d = backoffDelay(4, { base: 1000, max: 30000 });
    assert.ok(d >= 8000 && d <= 16000, String(d));
  }
});

test('backoff survives huge attempt counts', () => {
  assert.equal(backoffDelay(10_000, { base: 1000, max: 30000, random: () => 1 }), 30000);
});
