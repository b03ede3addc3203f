import net from "node:net";

/**
 * A TCP listener that only counts connections (and closes them): the SSRF tests point blocked URLs
 * at one on a loopback address/port that is not allow-listed, and assert it was never reached.
 */
export type CanaryServer = { host: string; port: number; connections: () => number; close: () => Promise<void> };

export async function startCanaryServer(host = "127.0.0.1", listenPort = 0): Promise<CanaryServer> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, host, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    host,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
