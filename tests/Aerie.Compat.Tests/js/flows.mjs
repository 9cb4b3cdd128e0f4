// Drives a running Aerie panel with the ecosystem's client libraries, unmodified, and prints one JSON
// object: for each step, what the library returned ({ok: true, value}) or what it threw
// ({ok: false, status, message, codes}). The C# tests start the panel and a node, seed them, run one flow
// through `node flows.mjs <flow>` and assert on the steps; nothing here decides pass/fail.
//
// Inputs come from the environment (CompatStack.Env plus what each test adds): PANEL_URL, CLIENT_KEY,
// APP_KEY, ADMIN_ID, NODE_ID, LOCATION_ID, NEST_ID, EGG_ID, EGG_IMAGE, EGG_STARTUP, ALLOC_IP, UNIQUE,
// SERVER (8-char identifier), SERVER_ID (integer id), SUBUSER_EMAIL, ALLOC_PORT, ALLOC_ID, USER_KEY (a plain user's
// client key), USER_PASSWORD, NEW_EMAIL, NEW_PASSWORD.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Nodeactyl = require('nodeactyl');
const { PteroApp, PteroClient, ServerBuilder } = require('@devnote-dev/pterojs');

// nodeactyl's PUT helper console.logs its errors, and its deprecated calls print warnings: keep stdout for the result.
console.log = (...args) => console.error(...args);

const env = process.env;
const steps = {};
const num = (name) => Number(env[name]);

// Runs one library call and records its outcome under `name`; never throws, so later steps still run.
async function step(name, call) {
  try {
    const value = await call();
    steps[name] = { ok: true, value: plain(value) };
    return value;
  } catch (err) {
    steps[name] = { ok: false, status: statusOf(err), message: String(err?.message ?? err), codes: err?.codes ?? null };
    return undefined;
  }
}

// nodeactyl rejects with the bare status number (parsed from axios's message); pterojs throws a PteroAPIError
// whose message lists "- <status>: <detail>" per entry of the panel's errors[] (4xx), or a RequestError
// "(code <status>)" for 5xx.
function statusOf(err) {
  if (typeof err === 'number') return Number.isNaN(err) ? null : err;
  const direct = err?.status ?? err?.response?.status ?? err?.statusCode;
  if (typeof direct === 'number') return direct;
  const text = String(err?.message ?? '');
  const m = text.match(/- (\d{3}):/) ?? text.match(/\(code (\d{3})\)/) ?? text.match(/status code (\d{3})/);
  return m ? Number(m[1]) : null;
}

// Library objects hold back-references to their clients; keep only JSON-able data (Maps as objects).
function plain(value, depth = 0) {
  if (value === null || value === undefined || depth > 8) return value ?? null;
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v, depth + 1)]));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  if (typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'client' || k === 'requests' || k === 'cache' || typeof v === 'function') continue;
      out[k] = plain(v, depth + 1);
    }
    return out;
  }
  return value;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls until `check` is true; returns the last value it saw (true, or what it got instead).
async function waitFor(check, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await check();
    if (last === true) return true;
    await sleep(400);
  }
  return last ?? false;
}

const nodeactylClient = (key = env.CLIENT_KEY) => new Nodeactyl.NodeactylClient(env.PANEL_URL, key);
const nodeactylApp = () => new Nodeactyl.NodeactylApplication(env.PANEL_URL, env.APP_KEY);
const pteroClient = (key = env.CLIENT_KEY) => new PteroClient(env.PANEL_URL, key);
const pteroApp = () => new PteroApp(env.PANEL_URL, env.APP_KEY);

const flows = {
  // ---- nodeactyl 3.3.0, Client API ----
  async 'nodeactyl-client-account'() {
    const c = nodeactylClient();
    await step('account', () => c.getAccountDetails());
    await step('permissions', () => c.getAccountPermissions());
  },

  async 'nodeactyl-client-servers'() {
    const c = nodeactylClient();
    await step('servers', () => c.getAllServers());
    await step('page1', () => c.getServerPage(1));
    await step('details', () => c.getServerDetails(env.SERVER));
    await step('usages', () => c.getServerUsages(env.SERVER));
    await step('status', () => c.getServerStatus(env.SERVER));
    await step('unknownServer', () => c.getServerDetails('ffffffff'));
    await step('badKey', () => nodeactylClient('ptlc_' + 'x'.repeat(43)).getAccountDetails());
  },

  async 'nodeactyl-client-power'() {
    const c = nodeactylClient();
    const id = env.SERVER;
    await step('statusBefore', () => c.getServerStatus(id));
    await step('start', () => c.startServer(id));
    const is = (wanted) => async () => { const s = await c.getServerStatus(id); return s === wanted || s; };
    await step('running', () => waitFor(is('running')));
    await step('command', () => c.sendServerCommand(id, 'say nodeactyl'));
    await step('usages', () => c.getServerUsages(id));
    await step('stop', () => c.stopServer(id));
    await step('stopped', () => waitFor(is('offline')));
    await step('kill', () => c.killServer(id));
    await step('commandOffline', () => c.sendServerCommand(id, 'say nobody'));
  },

  async 'nodeactyl-client-websocket'() {
    const c = nodeactylClient();
    await step('websocket', () => c.getConsoleWebSocket(env.SERVER));
  },

  async 'nodeactyl-client-rename'() {
    const c = nodeactylClient();
    await step('rename', () => c.renameServer(env.SERVER, `Renamed by nodeactyl ${env.UNIQUE}`));
    await step('details', () => c.getServerDetails(env.SERVER));
  },

  async 'nodeactyl-client-subusers'() {
    const c = nodeactylClient();
    await step('before', () => c.getSubUsers(env.SERVER));
    await step('add', () => c.createSubUser(env.SERVER, env.SUBUSER_EMAIL, ['control.console', 'control.start']));
    await step('after', () => c.getSubUsers(env.SERVER));
  },

  async 'nodeactyl-client-apikeys'() {
    const c = nodeactylClient();
    await step('before', () => c.getApiKeys());
    const created = await step('create', () => c.createApiKey(`nodeactyl ${env.UNIQUE}`, []));
    const ident = created?.attributes?.identifier;
    const full = ident && created?.meta?.secret_token ? ident + created.meta.secret_token : 'none';
    await step('useNewKey', () => nodeactylClient(full).getAccountDetails());
    await step('listed', () => c.getApiKeys());
    await step('delete', () => c.deleteApiKey(ident));
    await step('after', () => c.getApiKeys());
    await step('useDeletedKey', () => nodeactylClient(full).getAccountDetails());
  },

  // A plain user changes its e-mail and password (nodeactyl's PUT helper swallows errors, so only success is seen here).
  async 'nodeactyl-client-account-change'() {
    const c = nodeactylClient(env.USER_KEY);
    await step('email', () => c.updateEmail(env.NEW_EMAIL, env.USER_PASSWORD));
    await step('afterEmail', () => c.getAccountDetails());
    await step('password', () => c.updatePassword(env.NEW_PASSWORD, env.USER_PASSWORD));
    await step('keyStillWorks', () => c.getAccountDetails());
  },

  async 'nodeactyl-client-reinstall'() {
    const c = nodeactylClient();
    await step('reinstall', () => c.reInstallServer(env.SERVER));
  },

  // ---- nodeactyl 3.3.0, Application API ----
  async 'nodeactyl-app-users'() {
    const a = nodeactylApp();
    const email = `nodeactyl-${env.UNIQUE}@example.com`;
    const username = `nodeactyl${env.UNIQUE}`;
    await step('list', () => a.getAllUsers());
    const user = await step('create', () => a.createUser(email, username, 'Node', 'Actyl'));
    const uid = user?.attributes?.id;
    await step('details', () => a.getUserDetails(uid));
    await step('byEmail', () => a.getUserByEmail(email));
    await step('byUsername', () => a.getUserByUsername(username));
    await step('duplicate', () => a.createUser(email, `${username}b`, 'Node', 'Actyl'));
    await step('update', () => a.updateUserDetails(uid, `renamed-${email}`, username, 'Nodey', 'Actyl', 'en', 'a-long-password-1'));
    await step('afterUpdate', () => a.getUserDetails(uid));
    await step('delete', () => a.deleteUser(uid));
    await step('afterDelete', () => a.getUserDetails(uid));
  },

  async 'nodeactyl-app-locations'() {
    const a = nodeactylApp();
    const loc = await step('create', () => a.createLocation(`na-${env.UNIQUE}`, 'Made by nodeactyl'));
    const lid = loc?.attributes?.id;
    await step('list', () => a.getAllLocations());
    await step('update', () => a.updateLocationDetails(lid, `na2-${env.UNIQUE}`, 'Renamed by nodeactyl'));
    await step('details', () => a.getLocationDetails(lid));
    const node = await step('nodeInIt', () => a.createNode(`na-loc-${env.UNIQUE}`, lid, `na-loc-${env.UNIQUE}.example.com`, 1024, 1024));
    await step('deleteWithNodes', () => a.deleteLocation(lid));
    await step('deleteNode', () => a.deleteNode(node?.attributes?.id));
    await step('delete', () => a.deleteLocation(lid));
    await step('afterDelete', () => a.getLocationDetails(lid));
  },

  async 'nodeactyl-app-nodes'() {
    const a = nodeactylApp();
    await step('list', () => a.getAllNodes());
    await step('details', () => a.getNodeDetails(env.NODE_ID));
    await step('configuration', () => a.getNodeConfig(env.NODE_ID));
    const node = await step('create', () => a.createNode(`na-node-${env.UNIQUE}`, num('LOCATION_ID'), `na-${env.UNIQUE}.example.com`, 2048, 10240));
    const nid = node?.attributes?.id;
    await step('update', () => a.updateNodeDetails(nid, `na-node2-${env.UNIQUE}`, 'Updated by nodeactyl', num('LOCATION_ID'),
      `na-${env.UNIQUE}.example.com`, 'https', false, false, 4096, 0, 20480, 0, 100, 2022, 8080));
    await step('afterUpdate', () => a.getNodeDetails(nid));
    await step('delete', () => a.deleteNode(nid));
    await step('afterDelete', () => a.getNodeDetails(nid));
  },

  async 'nodeactyl-app-allocations'() {
    const a = nodeactylApp();
    await step('create', () => a.createNodeAllocations(env.NODE_ID, env.ALLOC_IP, [env.ALLOC_PORT]));
    const list = await step('list', () => a.getNodeAllocations(env.NODE_ID));
    const fresh = list?.data?.find((x) => String(x.attributes.port) === env.ALLOC_PORT);
    await step('delete', () => a.deleteNodeAllocation(env.NODE_ID, fresh?.attributes?.id));
    await step('deleteAssigned', () => a.deleteNodeAllocation(env.NODE_ID, env.ALLOC_ID));
    await step('afterDelete', () => a.getNodeAllocations(env.NODE_ID));
  },

  async 'nodeactyl-app-nest'() {
    const a = nodeactylApp();
    // getNestDetails(id) asks for /nests/1/eggs/{id}: the egg of nest 1.
    await step('egg', () => a.getNestDetails(env.EGG_ID));
    await step('unknownEgg', () => a.getNestDetails(999999));
  },

  async 'nodeactyl-app-servers'() {
    const a = nodeactylApp();
    await step('list', () => a.getAllServers());
    await step('details', () => a.getServerDetails(env.SERVER_ID));
    await step('suspend', () => a.suspendServer(env.SERVER_ID));
    await step('suspended', () => a.getServerDetails(env.SERVER_ID));
    await step('clientWhileSuspended', () => nodeactylClient().getServerUsages(env.SERVER));
    await step('unsuspend', () => a.unsuspendServer(env.SERVER_ID));
    await step('unsuspended', () => a.getServerDetails(env.SERVER_ID));
    await step('deleteOwner', () => a.deleteUser(env.OWNER_ID));
    await step('unknownServer', () => a.getServerDetails(999999));
  },

  async 'nodeactyl-app-reinstall'() {
    const a = nodeactylApp();
    await step('reinstall', () => a.reinstallServer(env.SERVER_ID));
    await step('unknown', () => a.reinstallServer(999999));
  },

  async 'nodeactyl-app-create-server'() {
    const a = nodeactylApp();
    // nodeactyl's own builder: its defaults (allocation.default 1 and deploy.locations [1], Minecraft env keys,
    // start_on_completion) with the values a host's egg needs.
    const builder = new Nodeactyl.ServerBuilder()
      .setServerName(`nodeactyl ${env.UNIQUE}`)
      .setServerOwner(num('ADMIN_ID'))
      .setServerEgg(num('EGG_ID'))
      .setServerDockerImage(env.EGG_IMAGE)
      .setServerStartup(env.EGG_STARTUP)
      .setServerRAM(256)
      .setServerDeployLocations([num('LOCATION_ID')])
      .setServerStartsWhenCompleted(false)
      .setServerSkipScripts(true);
    const created = await step('create', () => builder.createServer(a));
    const sid = created?.attributes?.id;
    await step('details', () => a.getServerDetails(sid));
    await step('updateDetails', () => a.updateServerDetails(sid, `renamed ${env.UNIQUE}`, num('ADMIN_ID'), `ext-${env.UNIQUE}`, 'from nodeactyl'));
    await step('updateBuild', () => a.updateServerBuild(sid, created?.attributes?.allocation, 512, 0, 500, 50, 2048, null, 0, 2, 1));
    await step('updateStartup', () => a.updateServerStartup(sid, env.EGG_STARTUP, { DEMO_PLAYERS: 'steve' }, num('EGG_ID'), env.EGG_IMAGE, true));
    await step('afterUpdates', () => a.getServerDetails(sid));
    await step('noNode', () => a.createRawServer({ ...builder.getServerObject(), name: 'nowhere', deploy: { locations: [999999], dedicated_ip: false, port_range: [] } }));
    await step('delete', () => a.deleteServer(sid));
    await step('afterDelete', () => a.getServerDetails(sid));
  },

  // ---- @devnote-dev/pterojs 2.2.2, Client API ----
  async 'pterojs-client-account'() {
    const c = pteroClient();
    await step('account', () => c.account.fetch());
    await step('permissions', () => c.fetchPermissions());
  },

  async 'pterojs-client-servers'() {
    const c = pteroClient();
    await step('list', () => c.servers.fetch());
    await step('listWithIncludes', () => c.servers.fetch({ include: ['egg', 'subusers'] }));
    const server = await step('server', () => c.servers.fetch(env.SERVER, { force: true }));
    await step('resources', () => server.fetchResources());
    await step('unknownServer', () => c.servers.fetch('ffffffff', { force: true }));
  },

  async 'pterojs-client-power'() {
    const c = pteroClient();
    const server = await step('server', () => c.servers.fetch(env.SERVER, { force: true }));
    const is = (wanted) => async () => { const s = (await server.fetchResources()).currentState; return s === wanted || s; };
    await step('start', () => server.setPowerState('start'));
    await step('running', () => waitFor(is('running')));
    await step('command', () => server.sendCommand('say pterojs'));
    await step('resources', () => server.fetchResources());
    const before = (await server.fetchResources()).resources.uptime;
    await step('restart', () => server.setPowerState('restart'));
    // Running again with a fresh uptime: the restart happened (the state alone may not have changed yet).
    await step('runningAgain', () => waitFor(async () => {
      const r = await server.fetchResources();
      return (r.currentState === 'running' && r.resources.uptime < before) || `${r.currentState} ${r.resources.uptime}ms (before ${before}ms)`;
    }));
    await step('stop', () => server.setPowerState('stop'));
    await step('stopped', () => waitFor(is('offline')));
  },

  async 'pterojs-client-console'() {
    const c = pteroClient();
    const shard = c.addSocketServer(env.SERVER);
    const errors = [];
    const output = [];
    const statuses = [];
    shard.on('error', (e) => errors.push(String(e)));
    shard.on('serverOutput', (line) => output.push(line));
    shard.on('statusUpdate', (s) => statuses.push(s));
    await step('credentials', () => c.ws.getAuth(env.SERVER));
    const authed = new Promise((res) => shard.once('authSuccess', () => res(true)));
    await step('connect', () => shard.connect());
    await step('authSuccess', () => Promise.race([authed, sleep(10000).then(() => Promise.reject(new Error(`no auth success; errors: ${errors.join('; ')}`)))]));
    // request('setState') resolves on the next status event, which may be the one the node sends after auth:
    // the statuses seen so far tell whether the game really started.
    await step('start', () => Promise.race([shard.request('setState', 'start'), sleep(10000).then(() => Promise.reject(new Error('no status event')))]));
    await step('running', () => waitFor(async () => statuses.includes('running') || statuses.join(','), 30000));
    shard.send('send command', ['say from pterojs socket']);
    await step('echo', () => waitFor(async () => output.some((l) => l.includes('from pterojs socket')) || output.slice(-3).join(' | '), 10000));
    const before = statuses.length;
    shard.send('set state', ['stop']);
    await step('stopped', () => waitFor(async () => statuses.slice(before).includes('offline') || statuses.join(','), 30000));
    await step('statuses', () => statuses);
    await step('errors', () => errors);
    c.disconnect();
  },

  async 'pterojs-client-rename'() {
    const c = pteroClient();
    const server = await step('server', () => c.servers.fetch(env.SERVER, { force: true }));
    await step('rename', () => server.rename(`Renamed by pterojs ${env.UNIQUE}`));
    await step('after', () => c.servers.fetch(env.SERVER, { force: true }));
  },

  async 'pterojs-client-subusers'() {
    const c = pteroClient();
    const server = await step('server', () => c.servers.fetch(env.SERVER, { force: true }));
    await step('before', () => server.users.fetch());
    const added = await step('add', () => server.users.add(env.SUBUSER_EMAIL, ['control.console', 'control.start']));
    await step('get', () => server.users.fetch(added?.uuid, { force: true }));
    await step('setPermissions', () => server.users.setPermissions(added?.uuid, ['control.console', 'control.stop', 'file.read']));
    await step('afterUpdate', () => server.users.fetch());
    await step('remove', () => server.users.remove(added?.uuid));
    await step('afterRemove', () => server.users.fetch());
  },

  async 'pterojs-client-apikeys'() {
    const c = pteroClient();
    await step('before', () => c.account.fetchKeys());
    const key = await step('create', () => c.account.createKey(`pterojs ${env.UNIQUE}`, ['127.0.0.1']));
    await step('useNewKey', () => pteroClient((key?.identifier ?? '') + (key?.token ?? '')).account.fetch());
    await step('listed', () => c.account.fetchKeys());
    await step('delete', () => c.account.deleteKey(key?.identifier));
    await step('after', () => c.account.fetchKeys());
    await step('badIp', () => c.account.createKey('bad ip', ['not-an-ip']));
  },

  async 'pterojs-client-account-change'() {
    const c = pteroClient(env.USER_KEY);
    await step('account', () => c.account.fetch());
    await step('email', async () => (await c.account.updateEmail(env.NEW_EMAIL, env.USER_PASSWORD)).email);
    await step('wrongPassword', () => c.account.updateEmail(`x${env.NEW_EMAIL}`, 'not-the-password'));
    await step('password', async () => { await c.account.updatePassword(env.USER_PASSWORD, env.NEW_PASSWORD); return true; });
    await step('wrongCurrent', () => c.account.updatePassword('not-the-password', 'another-long-password'));
    await step('activities', () => c.account.fetchActivities());
  },

  async 'pterojs-client-settings'() {
    const c = pteroClient();
    const server = await step('server', () => c.servers.fetch(env.SERVER, { force: true }));
    await step('dockerImage', () => server.setDockerImage(env.EGG_IMAGE));
    await step('notTheEggs', () => server.setDockerImage('evil/image:latest'));
    await step('reinstall', () => server.reinstall());
  },

  // ---- @devnote-dev/pterojs 2.2.2, Application API ----
  async 'pterojs-app-users'() {
    const a = pteroApp();
    const email = `ptero-${env.UNIQUE}@example.com`;
    await step('list', () => a.users.fetch());
    const user = await step('create', () => a.users.create({
      email, username: `ptero${env.UNIQUE}`, firstname: 'Ptero', lastname: 'Js', externalId: `ptero-${env.UNIQUE}`,
    }));
    await step('query', () => a.users.query(email, { filter: 'email' }));
    await step('get', () => a.users.fetch(user?.id, { force: true }));
    await step('external', () => a.users.fetch(`ptero-${env.UNIQUE}`, { force: true }));
    // As an array: the Dict keeps the panel's order, a plain object would re-sort integer keys.
    await step('sorted', async () => [...(await a.users.fetch({ sort: '-id', perPage: 2, page: 1 })).values()]);
    await step('update', () => a.users.update(user?.id, { firstname: 'Pterry' }));
    await step('invalid', () => a.users.create({ email: 'not-an-email', username: `x${env.UNIQUE}`, firstname: 'X', lastname: 'Y' }));
    await step('delete', () => a.users.delete(user?.id));
    await step('afterDelete', () => a.users.fetch(user?.id, { force: true }));
  },

  async 'pterojs-app-nodes'() {
    const a = pteroApp();
    await step('list', () => a.nodes.fetch());
    await step('get', () => a.nodes.fetch(num('NODE_ID'), { force: true }));
    await step('withLocation', () => a.nodes.fetch(num('NODE_ID'), { force: true, include: ['location', 'allocations'] }));
    await step('configuration', () => a.nodes.getConfig(num('NODE_ID')));
    await step('query', () => a.nodes.query('local', { filter: 'name' }));
  },

  async 'pterojs-app-locations'() {
    const a = pteroApp();
    await step('list', () => a.locations.fetch());
    const loc = await step('create', () => a.locations.create(`pj-${env.UNIQUE}`, 'Made by pterojs'));
    await step('get', () => a.locations.fetch(loc?.id, { force: true }));
    await step('update', () => a.locations.update(loc?.id, { short: `pj2-${env.UNIQUE}`, long: 'Renamed by pterojs' }));
    await step('query', () => a.locations.query(`pj2-${env.UNIQUE}`, { filter: 'short' }));
    await step('delete', () => a.locations.delete(loc?.id));
  },

  async 'pterojs-app-allocations'() {
    const a = pteroApp();
    await step('before', () => a.allocations.fetch(num('NODE_ID'), { force: true }));
    await step('create', () => a.allocations.create(num('NODE_ID'), env.ALLOC_IP, [env.ALLOC_PORT]));
    const all = await step('after', () => a.allocations.fetch(num('NODE_ID'), { force: true }));
    const fresh = all ? [...all.values()].find((x) => String(x.port) === env.ALLOC_PORT) : undefined;
    await step('available', () => a.allocations.fetchAvailable(num('NODE_ID'), false));
    await step('delete', () => a.allocations.delete(num('NODE_ID'), fresh?.id));
    await step('afterDelete', () => a.allocations.fetch(num('NODE_ID'), { force: true }));
  },

  async 'pterojs-app-nests'() {
    const a = pteroApp();
    await step('list', () => a.nests.fetch());
    await step('get', () => a.nests.fetch(num('NEST_ID')));
    await step('eggs', () => a.nests.eggs.fetch(num('NEST_ID')));
    await step('egg', () => a.nests.eggs.fetch(num('NEST_ID'), num('EGG_ID'), { force: true, include: ['variables'] }));
  },

  async 'pterojs-app-servers'() {
    const a = pteroApp();
    await step('list', () => a.servers.fetch());
    await step('get', () => a.servers.fetch(num('SERVER_ID'), { force: true }));
    await step('query', () => a.servers.query(env.SERVER, { filter: 'identifier' }));
    await step('suspend', () => a.servers.suspend(num('SERVER_ID')));
    await step('suspended', () => a.servers.fetch(num('SERVER_ID'), { force: true }));
    await step('unsuspend', () => a.servers.unsuspend(num('SERVER_ID')));
    await step('unsuspended', () => a.servers.fetch(num('SERVER_ID'), { force: true }));
  },

  async 'pterojs-app-node-lifecycle'() {
    const a = pteroApp();
    const node = await step('create', () => a.nodes.create({
      name: `pj-node-${env.UNIQUE}`, description: 'Made by pterojs', locationId: num('LOCATION_ID'), public: true,
      fqdn: `pj-${env.UNIQUE}.example.com`, scheme: 'https', behindProxy: false, memory: 2048, memoryOverallocate: 0,
      disk: 10240, diskOverallocate: 0, daemonBase: '/var/lib/pterodactyl/volumes', daemonSftp: 2022, daemonListen: 8080,
      maintenanceMode: false, uploadSize: 100,
    }));
    // pterojs sends the requirements as a JSON body on the GET (Laravel reads a JSON body on any method).
    await step('deployable', () => a.nodes.fetchDeployable({ memory: 1024, disk: 1024, locationIds: [num('LOCATION_ID')] }));
    // More memory than the new node has (aerie up's node has no limit). pterojs names the locations `locationIds`,
    // which Pterodactyl ignores as well (every location).
    await step('tooBigForNew', () => a.nodes.fetchDeployable({ memory: 4096, disk: 1024 }));
    await step('delete', () => a.nodes.delete(node?.id));
    await step('afterDelete', () => a.nodes.fetch(node?.id, { force: true }));
  },

  async 'pterojs-app-server-updates'() {
    const a = pteroApp();
    const id = num('SERVER_ID');
    await step('details', () => a.servers.updateDetails(id, { name: `pj renamed ${env.UNIQUE}`, externalId: `pjx-${env.UNIQUE}` }));
    await step('startup', () => a.servers.updateStartup(id, { environment: { DEMO_PLAYERS: 'notch', DEMO_MEMORY_MB: '48' } }));
    await step('reinstall', () => a.servers.reinstall(id));
    await step('forceDelete', () => a.servers.delete(id, true));
    await step('afterDelete', () => a.servers.fetch(id, { force: true }));
  },

  async 'pterojs-app-create-server'() {
    const a = pteroApp();
    // pterojs's builder always sends an empty deploy beside the chosen allocation.default.
    const options = new ServerBuilder()
      .setName(`pterojs ${env.UNIQUE}`)
      .setUser(num('ADMIN_ID'))
      .setEgg(num('EGG_ID'))
      .setDockerImage(env.EGG_IMAGE)
      .setStartup(env.EGG_STARTUP)
      .setVariable('DEMO_PLAYERS', 'alex,steve')
      .setSkipScripts(true)
      .setAllocation({ default: num('ALLOC_ID') })
      .setExternalId(`pj-${env.UNIQUE}`)
      .build();
    const created = await step('create', () => a.servers.create(options));
    await step('external', () => a.servers.fetch(`pj-${env.UNIQUE}`, { force: true }));
    await step('updateBuild', () => a.servers.updateBuild(created?.id, { limits: { memory: 512 } }));
    await step('delete', () => a.servers.delete(created?.id));
    await step('afterDelete', () => a.servers.fetch(created?.id, { force: true }));
  },
};

const name = process.argv[2];
if (!flows[name]) {
  console.error(`unknown flow '${name}'; flows: ${Object.keys(flows).join(', ')}`);
  process.exit(2);
}
await flows[name]();
process.stdout.write(JSON.stringify(steps));
// A socket or keep-alive agent left open must not keep the process (and the test) waiting.
process.exit(0);
