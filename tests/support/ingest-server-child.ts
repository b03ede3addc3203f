// A minimal real server for the kill-and-restart test: the actual upload and batch-control route
// handlers behind node:http, plus the in-process workers, in a child process the test can SIGKILL.
import http from "node:http";
import { Readable } from "node:stream";
import { POST as batchAction } from "@/app/api/v1/batches/[id]/[action]/route";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const match = /^\/api\/v1\/batches\/([^/]+)\/([a-z]+)$/.exec(url.pathname);
  if (!match || req.method !== "POST") {
    res.writeHead(404).end();
    return;
  }
  const [, id, action] = match as unknown as [string, string, string];
  const request = new Request(url, {
    method: "POST",
    headers: req.headers as Record<string, string>,
    body: Readable.toWeb(req) as unknown as BodyInit,
    duplex: "half",
  } as RequestInit);
  const response =
    action === "files"
      ? await uploadFiles(request, { params: Promise.resolve({ id }) })
      : await batchAction(request, { params: Promise.resolve({ id, action }) });
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
});

void startWorkers(workerJobs).then(() => {
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.stdout.write(`READY ${typeof address === "object" && address ? address.port : 0}\n`);
  });
});
