// In-process stand-in for the browser's WebSocket: Node 20 has no WebSocket client and the node daemon
// is built elsewhere, so the tests drive the socket's side of the protocol by hand through this double.
export class WebSocketStandIn {
  static instances = [];

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.closedWith = null;
    WebSocketStandIn.instances.push(this);
  }

  static reset() { WebSocketStandIn.instances = []; }

  static get last() { return WebSocketStandIn.instances.at(-1); }

  send(data) {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000, reason = '') {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  // --- the "server" side ---
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(event, args) {
    this.onmessage?.({ data: JSON.stringify(args ? { event, args } : { event }) });
  }

  receiveRaw(data) {
    this.onmessage?.({ data });
  }

  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

/** A manual clock for setTimeout: tests fire timers explicitly instead of sleeping. */
export class ManualTimers {
  timers = [];
  #id = 0;

  setTimeout = (fn, ms) => {
    const id = ++this.#id;
    this.timers.push({ id, fn, ms });
    return id;
  };

  clearTimeout = (id) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };

  /** Runs the earliest pending timer and returns its delay. */
  fireNext() {
    const next = this.timers.shift();
    if (!next) throw new Error('no timer pending');
    next.fn();
    return next.ms;
  }
}

/** Lets pending promise continuations run (credential fetches resolve asynchronously). */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
