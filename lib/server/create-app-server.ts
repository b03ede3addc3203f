import http from "node:http";
import type { Socket } from "node:net";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip";
import { getLogger } from "@/lib/log/logger";
import { resolveClientIp } from "./resolve-client-ip";

const log = getLogger("SYSTEM");

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/**
 * node:http in front of Next.js's request handler. Next.js only fills X-Forwarded-For from the
 * socket when the client sent none, so behind it the app cannot tell a forged header from a real
 * one; here each request gets CLIENT_IP_HEADER set from the socket (or from the trusted proxy hops
 * when TRUST_PROXY ≥ 1), replacing whatever the client sent under that name. That header set is
 * the only work added to a request.
 */
export function createAppServer(handler: RequestHandler, options: { trustProxy: number }): http.Server {
  const server = http.createServer((req, res) => {
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], options.trustProxy);
    if (ip) req.headers[CLIENT_IP_HEADER] = ip;
    else delete req.headers[CLIENT_IP_HEADER];
    handler(req, res).catch((error: unknown) => {
      log.error(
        { action: "REQUEST_FAILED", url: req.url, err: error instanceof Error ? error.message : String(error) },
        "Falha ao atender a requisição",
      );
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  // Upgraded connections (the dev server's HMR websocket) are no longer the HTTP server's to
  // close, yet they keep server.close() waiting: every socket is remembered (once per connection,
  // not per request) so closeAppServer can end what is left.
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  openSockets.set(server, sockets);
  return server;
}

const openSockets = new WeakMap<http.Server, Set<Socket>>();

/**
 * Stops accepting connections and closes idle keep-alive ones; requests in flight get `drainMs`
 * to finish, then whatever is still open (upgraded websockets included) is closed.
 */
export async function closeAppServer(server: http.Server, drainMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    closed.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), drainMs))),
  ]);
  clearTimeout(timer);
  if (!drained) {
    server.closeAllConnections();
    for (const socket of openSockets.get(server) ?? []) socket.destroy();
  }
  await closed;
}
