// Drives a running Aerie panel with the ecosystem's client libraries, unmodified, and prints one JSON
// object: for each step, what the library returned ({ok: true, value}) or what it threw
// ({ok: false, status, message}). The C# tests (CompatFlowTests) start the panel and a node, seed them,
// run one flow through `node flows.mjs <flow>` and assert on the steps; nothing here decides pass/fail.
//
// Inputs come from the environment: PANEL_URL, CLIENT_KEY, APP_KEY, SERVER (8-char identifier),
// SERVER_ID (integer id), NODE_ID, LOCATION_ID, NEST_ID, EGG_ID, SUBUSER_EMAIL, ALLOC_IP, ALLOC_PORT.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Nodeactyl = require('nodeactyl');
const { PteroApp, PteroClient } = require('@devnote-dev/pterojs');

const env = process.env;
const steps = {};

// Runs one library call and records its outcome under `name`; never throws, so later steps still run.
async function step(name, call) {
  try {
    const value = await call();
    steps[name] = { ok: true, value: plain(value) };
    return value;
  } catch (err) {
    steps[name] = { ok: false, status: statusOf(err), message: String(err?.message ?? err) };
    return undefined;
  }
}

// nodeactyl rejects with a bare status number; pterojs with error objects carrying the panel's errors[].
function statusOf(err) {
  if (typeof err === 'number') return err;
  return err?.status ?? err?.response?.status ?? err?.statusCode ?? null;
}

// Library objects hold back-references to their clients; keep only JSON-able data (Maps as objects).
function plain(value, depth = 0) {
  if (value === null || value === undefined || depth > 6) return value ?? null;
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v, depth + 1)]));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  if (typeof value === 'object') {
    if (typeof value.toJSON === 'function') return plain(value.toJSON(), depth + 1);
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'client' || k === 'requests' || typeof v === 'function') continue;
      out[k] = plain(v, depth + 1);
    }
    return out;
  }
  return value;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(200);
  }
  return false;
}

const flows = {
  async 'nodeactyl-client'() {
    const c = new Nodeactyl.NodeactylClient(env.PANEL_URL, env.CLIENT_KEY);
    const id = env.SERVER;
    await step('account', () => c.getAccountDetails());
    await step('permissions', () => c.getAccountPermissions());
    await step('servers', () => c.getAllServers());
    await step('page1', () => c.getServerPage(1));
    await step('details', () => c.getServerDetails(id));
    await step('statusBefore', () => c.getServerStatus(id));
    await step('start', () => c.startServer(id));
    await step('running', () => waitFor(async () => (await c.getServerStatus(id)) === 'running'));
    await step('command', () => c.sendServerCommand(id, 'say compat'));
    await step('usages', () => c.getServerUsages(id));
    await step('websocket', () => c.getConsoleWebSocket(id));
    await step('rename', () => c.renameServer(id, 'Renamed by nodeactyl'));
    await step('detailsAfterRename', () => c.getServerDetails(id));
    await step('subusersBefore', () => c.getSubUsers(id));
    await step('addSubuser', () => c.createSubUser(id, env.SUBUSER_EMAIL, ['control.console']));
    await step('subusersAfter', () => c.getSubUsers(id));
    await step('keysBefore', () => c.getApiKeys());
    const created = await step('createKey', () => c.createApiKey('made by nodeactyl', []));
    const ident = created?.attributes?.identifier;
    await step('deleteKey', () => c.deleteApiKey(ident));
    await step('keysAfter', () => c.getApiKeys());
    await step('stop', () => c.stopServer(id));
    await step('stopped', () => waitFor(async () => (await c.getServerStatus(id)) === 'offline'));
    await step('unknownServer', () => c.getServerDetails('ffffffff'));
  },

  async 'nodeactyl-application'() {
    const a = new Nodeactyl.NodeactylApplication(env.PANEL_URL, env.APP_KEY);
    await step('users', () => a.getAllUsers());
    const user = await step('createUser', () => a.createUser('billing@example.com', 'billinguser', 'Bill', 'Ing'));
    const uid = user?.attributes?.id;
    await step('userDetails', () => a.getUserDetails(uid));
    await step('userByEmail', () => a.getUserByEmail('billing@example.com'));
    await step('userByUsername', () => a.getUserByUsername('billinguser'));
    await step('updateUser', () => a.updateUserDetails(uid, 'billing2@example.com', 'billinguser', 'Bill', 'Ing', 'en', 'a-long-password-1'));
    await step('userAfterUpdate', () => a.getUserDetails(uid));
    const loc = await step('createLocation', () => a.createLocation('compat', 'Compat location'));
    const lid = loc?.attributes?.id;
    await step('locations', () => a.getAllLocations());
    await step('updateLocation', () => a.updateLocationDetails(lid, 'compat2', 'Renamed location'));
    await step('locationDetails', () => a.getLocationDetails(lid));
    await step('nodes', () => a.getAllNodes());
    await step('nodeDetails', () => a.getNodeDetails(env.NODE_ID));
    await step('nodeConfig', () => a.getNodeConfig(env.NODE_ID));
    const node = await step('createNode', () => a.createNode('compat-node', lid, 'compat.example.com', 1024, 10240));
    const nid = node?.attributes?.id;
    await step('createAllocations', () => a.createNodeAllocations(env.NODE_ID, env.ALLOC_IP, [String(env.ALLOC_PORT)]));
    const allocs = await step('allocations', () => a.getNodeAllocations(env.NODE_ID));
    const fresh = allocs?.data?.find((x) => String(x.attributes.port) === String(env.ALLOC_PORT));
    await step('deleteAllocation', () => a.deleteNodeAllocation(env.NODE_ID, fresh?.attributes?.id));
    await step('deleteNode', () => a.deleteNode(nid));
    await step('deleteLocationWithNodes', () => a.deleteLocation(env.LOCATION_ID));
    await step('deleteLocation', () => a.deleteLocation(lid));
    await step('nest', () => a.getNestDetails(env.EGG_ID));
    await step('servers', () => a.getAllServers());
    await step('serverDetails', () => a.getServerDetails(env.SERVER_ID));
    await step('suspend', () => a.suspendServer(env.SERVER_ID));
    await step('serverSuspended', () => a.getServerDetails(env.SERVER_ID));
    await step('unsuspend', () => a.unsuspendServer(env.SERVER_ID));
    await step('serverUnsuspended', () => a.getServerDetails(env.SERVER_ID));
    await step('deleteUserWithServers', () => a.deleteUser(env.OWNER_ID));
    await step('deleteUser', () => a.deleteUser(uid));
    await step('unknownUser', () => a.getUserDetails(999999));
  },

  async 'nodeactyl-create-server'() {
    const a = new Nodeactyl.NodeactylApplication(env.PANEL_URL, env.APP_KEY);
    const created = await step('create', () => a.createRawServer({
      name: 'Made by nodeactyl',
      user: Number(env.OWNER_ID),
      egg: Number(env.EGG_ID),
      docker_image: env.EGG_IMAGE,
      startup: env.EGG_STARTUP,
      limits: { memory: 256, swap: 0, disk: 1024, io: 500, cpu: 100 },
      feature_limits: { databases: 0, backups: 1, allocations: 1 },
      environment: { DL_VERSION: 'latest', STARTUP_CMD: 'unused' },
      allocation: { default: 1 },
      deploy: { locations: [Number(env.LOCATION_ID)], dedicated_ip: false, port_range: [] },
      skip_scripts: true,
      oom_disabled: true,
      start_on_completion: false,
    }));
    const sid = created?.attributes?.id;
    await step('details', () => a.getServerDetails(sid));
    await step('updateDetails', () => a.updateServerDetails(sid, 'Renamed', Number(env.OWNER_ID), 'ext-1', 'from compat'));
    await step('updateBuild', () => a.updateServerBuild(sid, created?.attributes?.allocation, 512, 0, 500, 50, 2048, null, 0, 2, 1));
    await step('afterUpdates', () => a.getServerDetails(sid));
    await step('delete', () => a.deleteServer(sid));
    await step('afterDelete', () => a.getServerDetails(sid));
  },

  async 'pterojs-client'() {
    const c = new PteroClient(env.PANEL_URL, env.CLIENT_KEY);
    const id = env.SERVER;
    await step('account', () => c.account.fetch());
    await step('servers', () => c.servers.fetch());
    const server = await step('server', () => c.servers.fetch(id, { force: true }));
    await step('resources', () => server.fetchResources());
    await step('start', () => server.setPowerState('start'));
    await step('running', () => waitFor(async () => (await server.fetchResources()).currentState === 'running'));
    await step('command', () => server.sendCommand('say pterojs'));
    await step('rename', () => server.rename('Renamed by pterojs'));
    await step('users', () => server.users.fetch());
    await step('addUser', () => server.users.add(env.SUBUSER_EMAIL, ['control.console', 'control.start']));
    await step('keys', () => c.account.fetchKeys());
    const key = await step('createKey', () => c.account.createKey('made by pterojs', []));
    await step('deleteKey', () => c.account.deleteKey(key?.identifier));
    await step('stop', () => server.setPowerState('stop'));
    await step('stopped', () => waitFor(async () => (await server.fetchResources()).currentState === 'offline'));
  },

  async 'pterojs-application'() {
    const a = new PteroApp(env.PANEL_URL, env.APP_KEY);
    await step('users', () => a.users.fetch());
    const user = await step('createUser', () => a.users.create({
      email: 'ptero@example.com', username: 'pterouser', firstname: 'Ptero', lastname: 'User',
    }));
    await step('queryUser', () => a.users.query('ptero@example.com', { filter: 'email' }));
    await step('user', () => a.users.fetch(user?.id, { force: true }));
    await step('deleteUser', () => a.users.delete(user?.id));
    await step('nodes', () => a.nodes.fetch());
    await step('node', () => a.nodes.fetch(Number(env.NODE_ID), { force: true }));
    await step('locations', () => a.locations.fetch());
    await step('allocations', () => a.allocations.fetch(Number(env.NODE_ID)));
    await step('nests', () => a.nests.fetch());
    await step('eggs', () => a.nests.eggs.fetch(Number(env.NEST_ID)));
    await step('servers', () => a.servers.fetch());
    await step('server', () => a.servers.fetch(Number(env.SERVER_ID), { force: true }));
    await step('suspend', () => a.servers.suspend(Number(env.SERVER_ID)));
    await step('unsuspend', () => a.servers.unsuspend(Number(env.SERVER_ID)));
  },
};

const name = process.argv[2];
if (!flows[name]) {
  console.error(`unknown flow '${name}'; flows: ${Object.keys(flows).join(', ')}`);
  process.exit(2);
}
await flows[name]();
process.stdout.write(JSON.stringify(steps));
