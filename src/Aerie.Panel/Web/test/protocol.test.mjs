import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeFrame, parseFrame, stripErrorPrefix } from '../src/protocol.js';

test('encodeFrame omits empty args and stringifies args', () => {
  assert.equal(encodeFrame('send logs'), '{"event":"send logs"}');
  assert.equal(encodeFrame('send command', ['say hi']), '{"event":"send command","args":["say hi"]}');
});

test('parseFrame reads event and string args', () => {
  assert.deepEqual(parseFrame('{"event":"status","args":["running"]}'), { event: 'status', args: ['running'] });
  assert.deepEqual(parseFrame('{"event":"auth success"}'), { event: 'auth success', args: [] });
  assert.deepEqual(parseFrame('{"event":"x","args":[null]}'), { event: 'x', args: [''] });
});

test('parseFrame rejects what is not a frame', () => {
  for (const bad of ['not json', '[]', '{"args":["a"]}', '{"event":5}', 'null']) assert.equal(parseFrame(bad), null, bad);
  assert.equal(parseFrame(new ArrayBuffer(2)), null);
});

test('stripErrorPrefix removes the node error prefix only', () => {
  assert.equal(stripErrorPrefix('Error Event [0c5a-uuid]: server is running'), 'server is running');
  assert.equal(stripErrorPrefix('plain text'), 'plain text');
});
