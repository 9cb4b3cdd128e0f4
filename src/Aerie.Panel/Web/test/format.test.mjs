import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatUptime, rate } from '../src/format.js';

test('bytes use binary units', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(1024 ** 3), '1.0 GiB');
  assert.equal(formatBytes(-5), '0 B');
});

test('uptime is h:mm:ss with days when long', () => {
  assert.equal(formatUptime(0), '00:00:00');
  assert.equal(formatUptime(3_723_000), '01:02:03');
  assert.equal(formatUptime(90_061_000), '1d 01:01:01');
});

test('network rate is per second and 0 after a counter reset', () => {
  assert.equal(rate(1000, 3000, 2000), 1000);
  assert.equal(rate(null, 3000, 1000), 0);
  assert.equal(rate(5000, 100, 1000), 0);
});
