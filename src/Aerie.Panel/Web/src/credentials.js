// Turns an answer of GET /api/client/servers/{id}/websocket (spec 01) into what the console does next.
// ok: connect with token+socket. Otherwise `terminal` says whether to stop reconnecting for good.

const plain = {
  400: 'This console link is missing the server identifier.',
  401: 'Your session has ended. Please sign in again.',
  403: "You do not have permission to open this server's console.",
  404: 'This server does not exist, or you no longer have access to it.',
  409: 'This server is suspended. Contact an administrator.',
  419: 'Your security token is out of date. Reload the page.',
};

/** @param {{status:number, body:any, retryAfter?:string|null}|{networkError:string}} answer */
export function interpretCredentials(answer) {
  if ('networkError' in answer) {
    return { ok: false, terminal: false, message: 'Cannot reach the panel. Retrying…' };
  }
  const { status, body, retryAfter } = answer;
  const serverMessage = (body && typeof body === 'object' && typeof body.message === 'string') ? body.message : '';
  if (status === 200) {
    if (body && body.unavailable) {
      return {
        ok: false,
        terminal: false,
        unavailable: true,
        message: 'This server is not available on its node right now (the node does not know it yet). Retrying…',
      };
    }
    const token = body?.token ?? body?.data?.token;
    const socket = body?.socket ?? body?.data?.socket;
    if (typeof token === 'string' && typeof socket === 'string') return { ok: true, token, socket };
    return { ok: false, terminal: false, message: 'The panel sent console credentials that could not be read. Retrying…' };
  }
  if (plain[status]) return { ok: false, terminal: true, status, message: plain[status] };
  if (status === 429) {
    const seconds = Number.parseInt(retryAfter ?? '', 10);
    const wait = Number.isFinite(seconds) && seconds > 0 ? seconds : 5;
    return { ok: false, terminal: false, status, retryAfterMs: wait * 1000, message: `Too many connection attempts. Retrying in ${wait} s…` };
  }
  if (status === 500) {
    return { ok: false, terminal: false, status, message: "This server's node is not set up on the panel. An administrator must fix it. Retrying…" };
  }
  if (status === 502) {
    const reason = serverMessage.replace(/^Failed to prepare websocket session:\s*/, '');
    return { ok: false, terminal: false, status, message: `The server's node cannot be reached${reason ? ` (${reason})` : ''}. Retrying…` };
  }
  return { ok: false, terminal: false, status, message: `The panel answered ${status}${serverMessage ? `: ${serverMessage}` : ''}. Retrying…` };
}
