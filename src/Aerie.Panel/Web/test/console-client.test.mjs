import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { ConsoleClient, ConnectionState } from '../src/console-client.js';
import { ManualTimers, WebSocketStandIn, settle } from './websocket-stand-in.mjs';

const ok = (n) => ({ ok: true, token: `token-${n}`, socket: `ws://node.test/api/servers/u/ws#${n}` });

/** A client with scripted credential answers (default: a fresh token each call). */
function makeClient({ answers = [], now = () => 0 } = {}) {
  const timers = new ManualTimers();
  let calls = 0;
  const record = { notices: [], states: [], terminal: [], console: [], stats: [], status: [], replays: 0 };
  const client = new ConsoleClient({
    WebSocket: WebSocketStandIn,
    getCredentials: async () => {
      calls++;
      return answers.length ? answers.shift() : ok(calls);
    },
    random: () => 1,
    now,
    backoff: { base: 1000, max: 30000 },
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
  });
  client.on('notice', (n) => record.notices.push(n));
  client.on('state', (s) => record.states.push(s.state));
  client.on('terminal', (m) => record.terminal.push(m));
  client.on('console', (l) => record.console.push(l));
  client.on('stats', (s) => record.stats.push(s));
  client.on('status', (s) => record.status.push(s));
  client.on('replay', () => record.replays++);
  return { client, timers, record, calls: () => calls };
}

async function connect(client) {
  client.start();
  await settle();
  const socket = WebSocketStandIn.last;
  socket.open();
  socket.receive('auth success');
  socket.receive('status', ['running']);
  return socket;
}

beforeEach(() => WebSocketStandIn.reset());

test('authenticates with the token, then asks for logs after the first auth success only', async () => {
  const { client, record } = makeClient();
  const socket = await connect(client);
  assert.deepEqual(socket.sent, [{ event: 'auth', args: ['token-1'] }, { event: 'send logs' }]);
  assert.equal(client.state, ConnectionState.connected);
  assert.deepEqual(record.status, ['running']);
  socket.receive('auth success');
  assert.equal(socket.sent.length, 2);
});

test('token expiring re-fetches credentials and re-auths on the same socket', async () => {
  const { client, calls } = makeClient();
  const socket = await connect(client);
  socket.receive('token expiring');
  await settle();
  assert.equal(calls(), 2);
  assert.deepEqual(socket.sent.at(-1), { event: 'auth', args: ['token-2'] });
  assert.equal(WebSocketStandIn.instances.length, 1);
  socket.receive('auth success');
  assert.equal(socket.sent.filter((f) => f.event === 'send logs').length, 1);
});

test('token expired re-auths too and the console keeps working', async () => {
  const { client } = makeClient();
  const socket = await connect(client);
  socket.receive('token expired');
  await settle();
  assert.deepEqual(socket.sent.at(-1), { event: 'auth', args: ['token-2'] });
  socket.receive('auth success');
  assert.equal(client.sendCommand('say hi'), true);
  assert.deepEqual(socket.sent.at(-1), { event: 'send command', args: ['say hi'] });
});

test('unexpected close reconnects with growing backoff and resets after success', async () => {
  const { client, timers } = makeClient();
  const first = await connect(client);
  first.drop(1006);
  assert.equal(client.state, ConnectionState.waiting);
  assert.equal(timers.timers[0].ms, 1000);
  timers.fireNext();
  await settle();
  WebSocketStandIn.last.drop(1006);
  assert.equal(timers.timers[0].ms, 2000);
  timers.fireNext();
  await settle();
  WebSocketStandIn.last.drop(1006);
  assert.equal(timers.timers[0].ms, 4000);
  timers.fireNext();
  await settle();
  const socket = WebSocketStandIn.last;
  socket.open();
  socket.receive('auth success');
  socket.drop(1011);
  assert.equal(timers.timers[0].ms, 1000);
});

test('a reconnect announces a replay and asks for logs again', async () => {
  const { client, timers, record } = makeClient();
  const first = await connect(client);
  first.drop(1006);
  timers.fireNext();
  await settle();
  const second = WebSocketStandIn.last;
  second.open();
  second.receive('auth success');
  assert.equal(record.replays, 1);
  assert.deepEqual(second.sent, [{ event: 'auth', args: ['token-2'] }, { event: 'send logs' }]);
});

test('close 4409 stops for good with a plain message', async () => {
  const { client, timers, record } = makeClient();
  const socket = await connect(client);
  socket.drop(4409, 'server is suspended');
  assert.equal(client.state, ConnectionState.stopped);
  assert.equal(timers.timers.length, 0);
  assert.match(record.terminal[0], /suspended/);
});

test('terminal credential answers stop reconnecting', async () => {
  for (const status of [403, 404, 409]) {
    WebSocketStandIn.reset();
    const { client, timers, record } = makeClient({ answers: [{ ok: false, terminal: true, status, message: `m${status}` }] });
    client.start();
    await settle();
    assert.equal(WebSocketStandIn.instances.length, 0);
    assert.equal(timers.timers.length, 0);
    assert.deepEqual(record.terminal, [`m${status}`]);
  }
});

test('a terminal answer during token refresh closes the console', async () => {
  const { client, record } = makeClient({ answers: [ok(1), { ok: false, terminal: true, message: 'gone' }] });
  const socket = await connect(client);
  socket.receive('token expiring');
  await settle();
  assert.deepEqual(record.terminal, ['gone']);
  assert.equal(socket.closedWith.code, 1000);
});

test('passing credential failures wait (Retry-After honoured) then retry', async () => {
  const { client, timers, record } = makeClient({
    answers: [{ ok: false, terminal: false, retryAfterMs: 9000, message: 'slow down' }, ok(7)],
  });
  client.start();
  await settle();
  assert.equal(timers.timers[0].ms, 9000);
  assert.equal(record.notices[0].text, 'slow down');
  timers.fireNext();
  await settle();
  assert.equal(WebSocketStandIn.last.url, ok(7).socket);
});

test('jwt error refreshes credentials, but not more often than every 5 s', async () => {
  let clock = 0;
  const { client, calls, record } = makeClient({ now: () => clock });
  const socket = await connect(client);
  clock = 10_000;
  socket.receive('jwt error', ['jwt: created too far in past (denylist)']);
  await settle();
  assert.equal(calls(), 2);
  assert.match(record.notices[0].text, /revoked or changed/);
  socket.receive('jwt error', ['jwt: created too far in past (denylist)']);
  await settle();
  assert.equal(calls(), 2);
});

test('daemon error and throttled become plain notices', async () => {
  const { client, record } = makeClient();
  const socket = await connect(client);
  socket.receive('daemon error', ['Error Event [abc]: server is running']);
  socket.receive('throttled', ['send command']);
  assert.equal(record.notices[0].text, 'The node reported an error: server is running');
  assert.match(record.notices[1].text, /"send command" requests too quickly/);
});

test('console lines and stats are forwarded; bad frames are ignored', async () => {
  const { client, record } = makeClient();
  const socket = await connect(client);
  socket.receive('console output', ['hello']);
  socket.receiveRaw('garbage');
  socket.receive('stats', ['{"cpu_absolute":12.5,"memory_bytes":10}']);
  socket.receive('stats', ['{broken']);
  assert.deepEqual(record.console, ['hello']);
  assert.deepEqual(record.stats, [{ cpu_absolute: 12.5, memory_bytes: 10 }]);
});

test('commands and power actions are refused until authenticated', async () => {
  const { client } = makeClient();
  client.start();
  await settle();
  const socket = WebSocketStandIn.last;
  socket.open();
  assert.equal(client.setPower('start'), false);
  socket.receive('auth success');
  assert.equal(client.setPower('start'), true);
  assert.deepEqual(socket.sent.at(-1), { event: 'set state', args: ['start'] });
});

test('stop closes the socket and cancels a pending reconnect', async () => {
  const { client, timers } = makeClient();
  const socket = await connect(client);
  socket.drop(1006);
  assert.equal(timers.timers.length, 1);
  client.stop();
  assert.equal(timers.timers.length, 0);
  assert.equal(client.state, ConnectionState.stopped);
});

test('deleted event stops for good', async () => {
  const { client, record } = makeClient();
  const socket = await connect(client);
  socket.receive('deleted');
  socket.drop(1001, 'server deleted');
  assert.deepEqual(record.terminal, ['This server was deleted.']);
});
