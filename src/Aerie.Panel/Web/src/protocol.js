// Wire names of the console socket (spec 02). Clients match these exactly.
export const Events = Object.freeze({
  auth: 'auth',
  sendLogs: 'send logs',
  sendStats: 'send stats',
  sendCommand: 'send command',
  setState: 'set state',
  authSuccess: 'auth success',
  status: 'status',
  consoleOutput: 'console output',
  stats: 'stats',
  tokenExpiring: 'token expiring',
  tokenExpired: 'token expired',
  jwtError: 'jwt error',
  daemonError: 'daemon error',
  installOutput: 'install output',
  installStarted: 'install started',
  installCompleted: 'install completed',
  daemonMessage: 'daemon message',
  backupCompleted: 'backup completed',
  backupRestoreCompleted: 'backup restore completed',
  transferLogs: 'transfer logs',
  transferStatus: 'transfer status',
  deleted: 'deleted',
  throttled: 'throttled',
});

export const CloseCodes = Object.freeze({ normal: 1000, goingAway: 1001, tooBig: 1009, suspended: 4409 });

export const JwtErrors = Object.freeze({
  noJwt: 'jwt: no jwt present',
  expInvalid: 'jwt: exp claim is invalid',
  denylisted: 'jwt: created too far in past (denylist)',
  missingConnect: 'jwt: missing connect permission',
  serverMismatch: 'jwt: server uuid mismatch',
});

/** Encodes one frame: {"event":"name","args":[...]}, args omitted when empty. */
export function encodeFrame(event, args = []) {
  return JSON.stringify(args.length ? { event, args: args.map(String) } : { event });
}

/** Parses one inbound frame; returns null for anything that is not {"event":string,...}. */
export function parseFrame(data) {
  if (typeof data !== 'string') return null;
  let value;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || typeof value.event !== 'string') return null;
  const args = Array.isArray(value.args) ? value.args.map((a) => (a == null ? '' : String(a))) : [];
  return { event: value.event, args };
}

/** Strips the node's "Error Event [<uuid>]: " prefix so people read only the reason. */
export function stripErrorPrefix(text) {
  return String(text ?? '').replace(/^Error Event \[[^\]]*\]:\s*/, '');
}
