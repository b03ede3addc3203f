/**
 * Starts the fake Vercel Blob API (tests/support/fake-vercel-blob-server.ts) in its own process on
 * 127.0.0.1 with a fixed port and read-write token (the e2e app is started with the same token), and
 * prints `VERCEL_BLOB_API_URL=<url>` once it listens.
 *   npx tsx tests/support/fake-vercel-blob-server-cli.ts --port 3238 --token vercel_blob_rw_fakestore_e2e
 */
import { parseArgs } from "node:util";
import { startFakeVercelBlobServer } from "./fake-vercel-blob-server";

const { values } = parseArgs({ options: { port: { type: "string" }, token: { type: "string" } } });
void startFakeVercelBlobServer({ port: Number(values.port ?? 0), token: values.token }).then((server) => {
  console.log(`VERCEL_BLOB_API_URL=${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
});
