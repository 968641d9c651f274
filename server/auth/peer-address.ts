import { Server, type IncomingMessage } from "node:http";

/*
 * The socket address of each request, for the per-IP login limit (throttle.ts `clientIp`).
 *
 * `next start` gives route handlers and server actions no socket, and keeps a client's own
 * `X-Forwarded-For` (it adds the socket address only when the header is absent), so the headers alone
 * cannot tell who connected. installPeerAddressHeader() (called from instrumentation.ts, in the
 * server's process) stamps every incoming request with PEER_ADDRESS_HEADER = the socket's address,
 * overwriting whatever a client sent under that name, before Next.js sees the request.
 */

export const PEER_ADDRESS_HEADER = "x-mobilo-peer-address";

const globalForPeer = globalThis as typeof globalThis & { __mobiloPeerAddress?: boolean };

/** Whether the header is stamped by this process (otherwise a client could have written it). */
export function peerAddressInstalled(): boolean {
  return globalForPeer.__mobiloPeerAddress === true;
}

function stamp(request: IncomingMessage): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[PEER_ADDRESS_HEADER] = address;
  else delete request.headers[PEER_ADDRESS_HEADER];
}

export function installPeerAddressHeader(): void {
  if (globalForPeer.__mobiloPeerAddress) return;
  globalForPeer.__mobiloPeerAddress = true;
  const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  function patchedEmit(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") stamp(args[0] as IncomingMessage);
    return emit.call(this, event, ...args);
  }
  Object.defineProperty(Server.prototype, "emit", { value: patchedEmit, writable: true, configurable: true });
}
