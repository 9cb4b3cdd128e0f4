// The console client over real TCP with the runtime's own WebSocket class (Node ≥ 22, or Node 20 with
// --experimental-websocket, which `npm test` passes).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ConsoleClient, ConnectionState } from '../src/console-client.js';
import { NodeSocketStandIn, waitFor } from './node-socket-stand-in.mjs';

let server;
let base;
let behaviour;

before(async () => {
  assert.ok(typeof globalThis.WebSocket === 'function', 'no global WebSocket: run with node --experimental-websocket (npm test does)');
  server = new NodeSocketStandIn();
  base = await server.listen((conn) => behaviour(conn));
});

after(() => server.close());

/** Daemon behaviour: accepts tokens "good-*", answers auth and replays two lines on "send logs". */
function daemon(conn) {
  conn.onFrame((f) => {
    if (f.event === 'auth') {
      if (String(f.args?.[0]).startsWith('good-')) conn.send('auth success');
      else conn.send('jwt error', ['jwt: exp claim is invalid']);
    }
    if (f.event === 'send logs') {
      conn.send('console output', ['line one']);
      conn.send('console output', ['\u001b[32mline two\u001b[0m']);
    }
  });
}

function makeClient(path) {
  let calls = 0;
  const client = new ConsoleClient({
    WebSocket: globalThis.WebSocket,
    getCredentials: async () => ({ ok: true, token: `good-${++calls}`, socket: `${base}${path}` }),
    backoff: { base: 20, max: 100 },
  });
  const lines = [];
  const terminal = [];
  client.on('console', (l) => lines.push(l));
  client.on('terminal', (m) => terminal.push(m));
  return { client, lines, terminal, calls: () => calls };
}

test('real socket: auth, logs, then a token refresh on the same connection', async () => {
  behaviour = daemon;
  const { client, lines, calls } = makeClient('/api/servers/a/ws');
  client.start();
  try {
    await waitFor(() => lines.length === 2, 'the replayed logs');
    assert.deepEqual(lines, ['line one', '\u001b[32mline two\u001b[0m']);
    const conn = server.connections.find((c) => c.url === '/api/servers/a/ws');
    conn.send('token expiring');
    await waitFor(() => conn.received.filter((f) => f.event === 'auth').length === 2, 'the second auth');
    assert.deepEqual(conn.received.filter((f) => f.event === 'auth').map((f) => f.args[0]), ['good-1', 'good-2']);
    assert.equal(calls(), 2);
    assert.equal(client.sendCommand('say hi'), true);
    await waitFor(() => conn.received.some((f) => f.event === 'send command'), 'the command');
  } finally {
    client.stop();
  }
});

test('real socket: close 4409 stops the console and it never reconnects', async () => {
  behaviour = (conn) => conn.onFrame((f) => { if (f.event === 'auth') conn.closeWith(4409, 'server is suspended'); });
  const { client, terminal } = makeClient('/api/servers/b/ws');
  client.start();
  await waitFor(() => terminal.length === 1, 'the terminal message');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(server.connections.filter((c) => c.url === '/api/servers/b/ws').length, 1);
  assert.equal(client.state, ConnectionState.stopped);
  assert.match(terminal[0], /suspended/);
});

test('real socket: a dropped connection reconnects and asks for logs again', async () => {
  behaviour = daemon;
  const { client, lines } = makeClient('/api/servers/c/ws');
  client.start();
  try {
    await waitFor(() => lines.length === 2, 'the first replay');
    server.connections.find((c) => c.url === '/api/servers/c/ws').socket.destroy();
    await waitFor(() => lines.length === 4, 'the replay after reconnecting');
    const mine = server.connections.filter((c) => c.url === '/api/servers/c/ws');
    assert.equal(mine.length, 2);
    assert.deepEqual(mine[1].received.map((f) => f.event), ['auth', 'send logs']);
  } finally {
    client.stop();
  }
});
