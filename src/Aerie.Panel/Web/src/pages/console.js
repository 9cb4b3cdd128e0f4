// The server console page: terminal, command line, power buttons, status badge and live stats.
import { api } from '../api.js';
import { ConnectionState, ConsoleClient } from '../console-client.js';
import { interpretCredentials } from '../credentials.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatUptime, rate } from '../format.js';
import { CommandHistory } from '../history.js';
import { Permission, grants, powerPermissions } from '../permissions.js';
import { Sparkline } from '../stats-chart.js';
import { createConsoleTerminal } from '../terminal.js';

const RENAME = 'settings.rename';

const ACTIONS = [
  { action: 'start', label: 'Start', permission: Permission.controlStart },
  { action: 'restart', label: 'Restart', permission: Permission.controlRestart },
  { action: 'stop', label: 'Stop', permission: Permission.controlStop },
  { action: 'kill', label: 'Kill', permission: Permission.controlStop },
];

// Which power actions make sense in which server state.
const ALLOWED_IN = {
  start: ['offline'],
  restart: ['offline', 'starting', 'running'],
  stop: ['starting', 'running'],
  kill: ['starting', 'running', 'stopping'],
};

export async function render(root, { id }) {
  let server;
  try {
    server = await api.server(id);
  } catch (err) {
    replace(root, h('p', { class: 'message error' }, err.status === 404 ? 'This server does not exist, or you no longer have access to it.' : `Could not load the server: ${err.message}`));
    return undefined;
  }
  const perms = powerPermissions(server.permissions);
  let serverState = 'offline';
  const title = h('span', { class: 'server-title' }, server.name ?? server.identifier);

  const badge = h('span', { class: 'badge offline' }, 'offline');
  const connection = h('span', { class: 'connection' }, 'connecting…');
  const banner = h('div', { class: 'banner hidden', role: 'status' });
  const buttons = Object.fromEntries(ACTIONS.map(({ action, label, permission }) => [action, h('button', {
    class: `power ${action}`,
    title: perms[action] ? label : `You need the ${permission} permission`,
    onclick: () => { if (!client.setPower(action)) showBanner('warning', 'Not connected; the action was not sent.'); },
  }, label)]));
  const termBox = h('div', { class: 'terminal' });
  const search = h('input', { type: 'search', class: 'search', placeholder: 'Search console (Enter / Shift+Enter)', maxlength: 200, onkeydown: onSearchKey });
  const command = h('input', {
    class: 'command',
    placeholder: perms.command ? 'Type a command and press Enter' : 'You do not have permission to send commands',
    disabled: !perms.command,
    maxlength: 2000,
    autocomplete: 'off',
    spellcheck: 'false',
    onkeydown: onCommandKey,
  });
  const stats = statsPanel();

  replace(root,
    h('div', { class: 'console-head' },
      h('div', {},
        h('h1', {}, title, ' ', badge),
        h('div', { class: 'muted' }, h('code', {}, server.identifier ?? ''), server.node ? ` · node ${server.node}` : '', ' · ', connection)),
      h('div', { class: 'power-buttons' }, Object.values(buttons)),
    ),
    h('p', { class: 'server-links' },
      grants(server.permissions, Permission.userRead) ? h('a', { href: `/server/${encodeURIComponent(id)}/users` }, 'Manage subusers') : null, ' ',
      grants(server.permissions, Permission.activityRead) ? h('a', { href: `/server/${encodeURIComponent(id)}/activity` }, 'Activity') : null, ' ',
      grants(server.permissions, 'startup.read') ? h('a', { href: `/server/${encodeURIComponent(id)}/startup` }, 'Startup') : null,
      grants(server.permissions, Permission.allocationRead) ? h('a', { href: `/server/${encodeURIComponent(id)}/network` }, 'Network') : null, ' ',
      grants(server.permissions, Permission.backupRead) ? h('a', { href: `/server/${encodeURIComponent(id)}/backups` }, 'Backups') : null, ' ',
      grants(server.permissions, 'file.read') ? h('a', { href: `/server/${encodeURIComponent(id)}/files` }, 'Files') : null, ' ',
      grants(server.permissions, Permission.scheduleRead) ? h('a', { href: `/server/${encodeURIComponent(id)}/schedules` }, 'Schedules') : null),
    banner,
    h('div', { class: 'console-body' },
      h('div', { class: 'console-main' }, h('div', { class: 'console-tools' }, search), termBox, command),
      stats.element),
    grants(server.permissions, RENAME) ? renameForm() : null);

  const terminal = createConsoleTerminal(termBox);
  const history = new CommandHistory(server.uuid ?? id, safeStorage());
  let lastCredentialStatus = null;
  const client = new ConsoleClient({
    WebSocket,
    getCredentials: async () => {
      try {
        const answer = await api.websocket(server.uuid ?? id);
        lastCredentialStatus = answer.status;
        return interpretCredentials(answer);
      } catch (err) {
        return interpretCredentials({ networkError: String(err) });
      }
    },
  });

  client.on('console', (line) => terminal.writeLine(line));
  client.on('status', (state) => { serverState = state; refresh(); });
  client.on('stats', (s) => stats.update(s));
  client.on('replay', () => terminal.separator('reconnected, recent output follows'));
  client.on('notice', ({ level, text }) => { showBanner(level, text); terminal.notice(text, level); });
  client.on('terminal', (text) => {
    showBanner('error', text, lastCredentialStatus === 401 ? h('a', { href: '/login' }, 'Sign in') : null);
    terminal.notice(text, 'error');
  });
  client.on('state', ({ state, detail }) => {
    connection.textContent = describeConnection(state, detail);
    connection.className = `connection ${state}`;
    if (state === ConnectionState.connected) hideBanner();
    refresh();
  });
  refresh();
  client.start();

  return () => {
    client.stop();
    terminal.dispose();
  };

  function refresh() {
    badge.textContent = serverState;
    badge.className = `badge ${serverState}`;
    const connected = client.state === ConnectionState.connected;
    for (const { action } of ACTIONS) {
      buttons[action].disabled = !perms[action] || !connected || !ALLOWED_IN[action].includes(serverState);
    }
    command.disabled = !perms.command || client.state === ConnectionState.stopped;
  }

  /** Settings → rename (spec 04 POST …/settings/rename), for holders of settings.rename. */
  function renameForm() {
    const name = h('input', { name: 'server-name', value: server.name ?? '', maxlength: 191, required: true, autocomplete: 'off' });
    const status = h('span', { class: 'muted', role: 'status' });
    return h('form', {
      class: 'card rename',
      onsubmit: async (e) => {
        e.preventDefault();
        status.textContent = 'Saving…';
        try {
          await api.renameServer(server.uuid ?? id, name.value);
          server.name = name.value.trim();
          title.textContent = server.name;
          status.textContent = 'Saved.';
        } catch (err) {
          status.textContent = err.message;
        }
      },
    }, h('h2', {}, 'Settings'), h('label', {}, 'Server name ', name), ' ', h('button', { type: 'submit' }, 'Rename'), ' ', status);
  }

  function showBanner(level, text, action = null) {
    banner.className = `banner ${level}`;
    replace(banner, text, action ? [' ', action] : null);
  }

  function hideBanner() {
    banner.className = 'banner hidden';
    banner.textContent = '';
  }

  function onCommandKey(e) {
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      command.value = history.previous(command.value);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      command.value = history.next();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const line = command.value;
      if (!line.trim()) return;
      if (client.sendCommand(line)) {
        history.add(line);
        command.value = '';
      } else {
        showBanner('warning', 'Not connected; the command was not sent.');
      }
    }
  }

  function onSearchKey(e) {
    if (e.key === 'Enter') {
      e.preventDefault();
      const found = e.shiftKey ? terminal.findPrevious(search.value) : terminal.findNext(search.value);
      search.classList.toggle('not-found', Boolean(search.value) && !found);
    } else if (e.key === 'Escape') {
      search.value = '';
      search.classList.remove('not-found');
      terminal.clearSearch();
    }
  }
}

function describeConnection(state, detail) {
  switch (state) {
    case ConnectionState.connecting: return 'connecting…';
    case ConnectionState.authenticating: return 'signing in to the node…';
    case ConnectionState.connected: return 'connected';
    case ConnectionState.waiting: return `disconnected, retrying in ${Math.ceil((detail?.delayMs ?? 0) / 1000)} s`;
    case ConnectionState.stopped: return 'disconnected';
    default: return state;
  }
}

function safeStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** CPU, memory, network and uptime tiles; every value comes from a "stats" event. */
function statsPanel() {
  const tile = (label, colour, max) => {
    const value = h('div', { class: 'stat-value' }, '—');
    const canvas = h('canvas', { class: 'spark' });
    return { value, chart: new Sparkline(canvas, { colour, max }), element: h('div', { class: 'stat card' }, h('div', { class: 'stat-label' }, label), value, canvas) };
  };
  const cpu = tile('CPU', '#6cb6ff', 100);
  const memory = tile('Memory', '#7fd67f');
  const network = tile('Network', '#d08ee8');
  const uptime = h('div', { class: 'stat-value' }, '—');
  let last = null;

  return {
    element: h('aside', { class: 'stats' }, cpu.element, memory.element, network.element,
      h('div', { class: 'stat card' }, h('div', { class: 'stat-label' }, 'Uptime'), uptime)),
    update(s) {
      const now = performance.now();
      const cpuValue = Number(s.cpu_absolute) || 0;
      cpu.value.textContent = `${cpuValue.toFixed(1)} %`;
      cpu.chart.push(cpuValue);
      const limit = Number(s.memory_limit_bytes) || 0;
      memory.value.textContent = `${formatBytes(s.memory_bytes)}${limit > 0 ? ` / ${formatBytes(limit)}` : ''}`;
      memory.chart.push(Number(s.memory_bytes) || 0);
      const rx = Number(s.network?.rx_bytes) || 0;
      const tx = Number(s.network?.tx_bytes) || 0;
      const elapsed = last ? now - last.at : 0;
      const rxRate = rate(last?.rx, rx, elapsed);
      const txRate = rate(last?.tx, tx, elapsed);
      network.value.textContent = `↓ ${formatBytes(rxRate)}/s  ↑ ${formatBytes(txRate)}/s`;
      network.chart.push(rxRate + txRate);
      uptime.textContent = s.state === 'offline' ? 'offline' : formatUptime(s.uptime);
      last = { at: now, rx, tx };
    },
  };
}
