/**
 * Starts the e2e photo host (tests/support/photo-host-server.ts) in its own process on 127.0.0.1 and
 * prints `PHOTO_HOST_URL=<origin>` once it listens.
 *   npx tsx tests/support/photo-host-server-cli.ts --port 3198
 */
import { parseArgs } from "node:util";
import { startPhotoHostServer } from "./photo-host-server";

const { values } = parseArgs({ options: { port: { type: "string" } } });
void startPhotoHostServer(Number(values.port ?? process.env.PHOTO_HOST_PORT ?? 0)).then((server) => {
  console.log(`PHOTO_HOST_URL=${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
});
