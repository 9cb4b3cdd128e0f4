import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEnvironment } from '../src/pages/admin-servers.js';

test('environment lines become an object; values keep "=" and spaces', () => {
  assert.deepEqual(parseEnvironment('DEMO_MEMORY_MB=64\r\n\nJAVA_OPTS=-Xmx1G -Da=b\nnot a pair\n=novalue'), {
    DEMO_MEMORY_MB: '64',
    JAVA_OPTS: '-Xmx1G -Da=b',
  });
  assert.deepEqual(parseEnvironment(''), {});
});
