// A minimal RFC 6455 server over real TCP that plays the node daemon's side of the console socket.
// The real daemon is built elsewhere and Node ships no WebSocket server, so this stands in for it;
// the client side under test is the runtime's real WebSocket class.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export class NodeSocketStandIn {
  connections = [];
  #http = createServer((_req, res) => { res.writeHead(404); res.end(); });

  /** @param {(conn: StandInConnection) => void} onConnection */
  async listen(onConnection) {
    this.#http.on('upgrade', (req, socket) => {
      const accept = createHash('sha1').update(req.headers['sec-websocket-key'] + GUID).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      const conn = new StandInConnection(socket, req.url);
      this.connections.push(conn);
      onConnection(conn);
    });
    await new Promise((resolve) => this.#http.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${this.#http.address().port}`;
  }

  async close() {
    for (const c of this.connections) c.socket.destroy();
    await new Promise((resolve) => this.#http.close(resolve));
  }
}

export class StandInConnection {
  received = [];
  #buffer = Buffer.alloc(0);
  #handlers = [];

  constructor(socket, url) {
    this.socket = socket;
    this.url = url;
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('error', () => {});
  }

  /** Called with each parsed inbound frame {event,args}. */
  onFrame(fn) { this.#handlers.push(fn); }

  send(event, args) {
    this.#write(0x1, Buffer.from(JSON.stringify(args ? { event, args } : { event })));
  }

  closeWith(code, reason = '') {
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    this.#write(0x8, payload);
    this.socket.end();
  }

  #write(opcode, payload) {
    let header;
    if (payload.length < 126) header = Buffer.from([0x80 | opcode, payload.length]);
    else {
      header = Buffer.alloc(4);
      header[0] = 0x80 | opcode;
      header[1] = 126;
      header.writeUInt16BE(payload.length, 2);
    }
    this.socket.write(Buffer.concat([header, payload]));
  }

  #onData(chunk) {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= 2) {
      const opcode = this.#buffer[0] & 0x0f;
      let length = this.#buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.#buffer.length < 4) return;
        length = this.#buffer.readUInt16BE(2);
        offset = 4;
      }
      if (this.#buffer.length < offset + 4 + length) return;
      const mask = this.#buffer.subarray(offset, offset + 4);
      const data = Buffer.from(this.#buffer.subarray(offset + 4, offset + 4 + length)).map((b, i) => b ^ mask[i % 4]);
      this.#buffer = this.#buffer.subarray(offset + 4 + length);
      if (opcode === 0x8) {
        this.socket.end();
        return;
      }
      if (opcode !== 0x1) continue;
      const frame = JSON.parse(data.toString('utf8'));
      this.received.push(frame);
      for (const fn of this.#handlers) fn(frame);
    }
  }
}

/** Polls until predicate() is truthy; fails after timeoutMs. */
export async function waitFor(predicate, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
