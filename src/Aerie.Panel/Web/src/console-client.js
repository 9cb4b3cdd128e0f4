// The console socket client (spec 02): fetch credentials, connect, authenticate, keep the token fresh,
// reconnect with backoff on unexpected closes and stop for good when told to. No DOM here, so it runs
// under `node --test` with an injected WebSocket.
//
// Steps: connect() → credentials → new socket → "auth" → first "auth success" → "send logs"
//        "token expiring"/"token expired" → credentials again → "auth" on the same socket
//        close → terminal code? stop : backoff, connect() again
import { backoffDelay } from './backoff.js';
import { CloseCodes, Events, JwtErrors, encodeFrame, parseFrame, stripErrorPrefix } from './protocol.js';

export const ConnectionState = Object.freeze({
  idle: 'idle',
  connecting: 'connecting',
  authenticating: 'authenticating',
  connected: 'connected',
  waiting: 'waiting',
  stopped: 'stopped',
});

const OPEN = 1;
// A refresh triggered by jwt errors is not repeated faster than this, so a node that keeps refusing
// our tokens cannot make us hammer the credentials endpoint.
const MIN_REFRESH_GAP_MS = 5000;

export class ConsoleClient {
  #opts;
  #listeners = new Map();
  #socket = null;
  #attempt = 0;
  #timer = null;
  #stopped = true;
  #state = ConnectionState.idle;
  #authedOnce = false;
  #everConnected = false;
  #refreshing = false;
  #lastRefresh = -Infinity;

  /**
   * @param {object} opts
   * @param {() => Promise<object>} opts.getCredentials resolves to interpretCredentials()'s result
   * @param {new (url: string) => WebSocket} opts.WebSocket
   * @param {{base?: number, max?: number}} [opts.backoff]
   * @param {() => number} [opts.random] @param {() => number} [opts.now]
   * @param {typeof setTimeout} [opts.setTimeout] @param {typeof clearTimeout} [opts.clearTimeout]
   */
  constructor(opts) {
    this.#opts = {
      random: Math.random,
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id),
      backoff: {},
      ...opts,
    };
  }

  get state() { return this.#state; }

  /** Subscribes to: state, console, status, stats, notice, replay, terminal. Returns an unsubscribe function. */
  on(name, fn) {
    if (!this.#listeners.has(name)) this.#listeners.set(name, new Set());
    this.#listeners.get(name).add(fn);
    return () => this.#listeners.get(name)?.delete(fn);
  }

  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#attempt = 0;
    this.#connect();
  }

  /** Closes the socket and stops every timer; nothing is emitted afterwards. */
  stop() {
    this.#stopped = true;
    this.#clearTimer();
    this.#closeSocket(CloseCodes.normal, 'console closed');
    this.#setState(ConnectionState.stopped);
  }

  sendCommand(line) {
    return this.#send(Events.sendCommand, [line]);
  }

  setPower(action) {
    return this.#send(Events.setState, [action]);
  }

  requestStats() {
    return this.#send(Events.sendStats);
  }

  #emit(name, value) {
    for (const fn of this.#listeners.get(name) ?? []) fn(value);
  }

  #setState(state, detail) {
    this.#state = state;
    this.#emit('state', { state, detail });
  }

  #notice(level, text) {
    this.#emit('notice', { level, text });
  }

  #send(event, args) {
    if (this.#state !== ConnectionState.connected || this.#socket?.readyState !== OPEN) return false;
    this.#socket.send(encodeFrame(event, args));
    return true;
  }

  async #connect() {
    if (this.#stopped) return;
    this.#setState(ConnectionState.connecting);
    const credentials = await this.#fetchCredentials();
    if (this.#stopped) return;
    if (!credentials.ok) {
      if (credentials.terminal) return this.#terminate(credentials.message);
      this.#notice('warning', credentials.message);
      return this.#scheduleReconnect(credentials.retryAfterMs ?? 0);
    }
    this.#authedOnce = false;
    let socket;
    try {
      socket = new this.#opts.WebSocket(credentials.socket);
    } catch {
      this.#notice('warning', 'The console address from the panel is not valid. Retrying…');
      return this.#scheduleReconnect(0);
    }
    this.#socket = socket;
    this.#setState(ConnectionState.authenticating);
    // Handlers ignore events from a socket we already replaced or closed.
    socket.onopen = () => { if (socket === this.#socket) socket.send(encodeFrame(Events.auth, [credentials.token])); };
    socket.onmessage = (e) => { if (socket === this.#socket) this.#onFrame(parseFrame(e.data)); };
    socket.onclose = (e) => { if (socket === this.#socket) this.#onClose(e); };
    socket.onerror = () => { /* a close event always follows */ };
  }

  async #fetchCredentials() {
    try {
      return await this.#opts.getCredentials();
    } catch {
      return { ok: false, terminal: false, message: 'Cannot reach the panel. Retrying…' };
    }
  }

  #onFrame(frame) {
    if (!frame) return;
    const [first = ''] = frame.args;
    switch (frame.event) {
      case Events.authSuccess:
        if (!this.#authedOnce) {
          this.#authedOnce = true;
          this.#attempt = 0;
          if (this.#everConnected) this.#emit('replay');
          this.#everConnected = true;
          this.#setState(ConnectionState.connected);
          this.#socket.send(encodeFrame(Events.sendLogs));
        }
        return;
      case Events.tokenExpiring:
      case Events.tokenExpired:
        this.#refresh(false);
        return;
      case Events.jwtError:
        this.#onJwtError(stripErrorPrefix(first));
        return;
      case Events.daemonError:
        this.#notice('error', `The node reported an error: ${stripErrorPrefix(first)}`);
        return;
      case Events.throttled:
        this.#notice('warning', first === 'global'
          ? 'You are sending requests too quickly; the node dropped some. Slow down for a moment.'
          : `You are sending "${first}" requests too quickly; the node dropped some. Slow down for a moment.`);
        return;
      case Events.status:
        this.#emit('status', first);
        return;
      case Events.stats:
        this.#onStats(first);
        return;
      case Events.consoleOutput:
      case Events.installOutput:
      case Events.transferLogs:
      case Events.daemonMessage:
        this.#emit('console', first);
        return;
      case Events.installStarted:
        this.#notice('info', 'Installation started.');
        return;
      case Events.installCompleted:
        this.#notice('info', 'Installation finished.');
        return;
      case Events.deleted:
        this.#terminate('This server was deleted.');
        return;
      default:
    }
  }

  #onStats(json) {
    try {
      const stats = JSON.parse(json);
      if (stats && typeof stats === 'object') this.#emit('stats', stats);
    } catch {
      // a malformed stats frame is skipped; the next one comes within a second
    }
  }

  #onJwtError(text) {
    const known = {
      [JwtErrors.expInvalid]: 'Your console session expired; renewing it…',
      [JwtErrors.denylisted]: 'Your console access was revoked or changed; checking it again…',
      [JwtErrors.missingConnect]: 'Your console permission was removed; checking it again…',
      [JwtErrors.noJwt]: 'The console was not signed in; signing in again…',
      [JwtErrors.serverMismatch]: 'The console credentials were for another server; fetching new ones…',
    };
    this.#notice('warning', known[text] ?? `The node refused the console credentials (${text}); fetching new ones…`);
    this.#refresh(true);
  }

  /** Fetches new credentials and re-authenticates on the open socket (the console keeps running). */
  async #refresh(fromError) {
    const now = this.#opts.now();
    if (this.#refreshing || (fromError && now - this.#lastRefresh < MIN_REFRESH_GAP_MS)) return;
    this.#refreshing = true;
    this.#lastRefresh = now;
    const socket = this.#socket;
    try {
      const credentials = await this.#fetchCredentials();
      if (this.#stopped || socket !== this.#socket) return;
      if (credentials.ok) {
        if (socket.readyState === OPEN) socket.send(encodeFrame(Events.auth, [credentials.token]));
        return;
      }
      if (credentials.terminal) return this.#terminate(credentials.message);
      // A passing failure: start over through the reconnect path, which retries with backoff.
      this.#notice('warning', credentials.message);
      this.#closeSocket(CloseCodes.normal, 'refreshing credentials');
      this.#scheduleReconnect(credentials.retryAfterMs ?? 0);
    } finally {
      this.#refreshing = false;
    }
  }

  #onClose(event) {
    this.#socket = null;
    if (this.#stopped) return;
    const code = event?.code ?? 1006;
    const reason = event?.reason ?? '';
    if (code === CloseCodes.suspended) return this.#terminate('This server is suspended. Contact an administrator.');
    if (code === CloseCodes.goingAway && reason === 'server deleted') return this.#terminate('This server was deleted.');
    if (code === CloseCodes.tooBig) this.#notice('warning', 'The node closed the console because a message was too large.');
    this.#scheduleReconnect(0);
  }

  #scheduleReconnect(minimumMs) {
    if (this.#stopped) return;
    const delay = Math.max(minimumMs, backoffDelay(this.#attempt++, { ...this.#opts.backoff, random: this.#opts.random }));
    this.#setState(ConnectionState.waiting, { delayMs: delay });
    this.#clearTimer();
    this.#timer = this.#opts.setTimeout(() => {
      this.#timer = null;
      this.#connect();
    }, delay);
  }

  #terminate(message) {
    this.#stopped = true;
    this.#clearTimer();
    this.#closeSocket(CloseCodes.normal, 'console stopped');
    this.#setState(ConnectionState.stopped, { message });
    this.#emit('terminal', message);
  }

  #closeSocket(code, reason) {
    const socket = this.#socket;
    this.#socket = null;
    if (socket && socket.readyState <= OPEN) {
      try { socket.close(code, reason); } catch { /* already closing */ }
    }
  }

  #clearTimer() {
    if (this.#timer !== null) this.#opts.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
