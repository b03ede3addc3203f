// Child process of `npm run bench:urls`: turns a generated N-line URL list (BENCH_LIST_LINES,
// streamed, never held) into a URL batch with the real createUrlBatchFromList (streamed parse + bulk
// inserts, autoStart off: nothing is fetched, and no name is resolved) and prints its time and peak
// memory as JSON. Run with `--conditions=react-server`: lib/batches/url-list is Next-server code
// ("server-only"), which that condition lets a plain Node process load.
import fs from "node:fs";
import { Readable } from "node:stream";
import { createUrlBatchFromList } from "@/lib/batches/url-list/create-url-batch";
import { getPrisma } from "@/lib/db/client";

const LINES = Number(process.env.BENCH_LIST_LINES ?? 1_000_000);

function* listLines(): Generator<string> {
  yield "url,sku,name\n";
  for (let i = 0; i < LINES; i++)
    yield `https://cdn.example.com/colecao/VD24-${String(i).padStart(7, "0")}_01.jpg,VD24-${String(i).padStart(7, "0")},\n`;
}

async function main() {
  const prisma = getPrisma();
  const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
  const started = performance.now();
  const result = await createUrlBatchFromList(
    { id: admin.id, email: admin.email, name: admin.name, role: admin.role },
    {
      name: "bench: 1M list",
      autoStart: false,
      chunkSize: 2000,
      list: Readable.from(listLines()),
      fileName: "lista.csv",
    },
  );
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;
  process.stdout.write(
    `${JSON.stringify({ lines: LINES, accepted: result.accepted, chunks: await prisma.batchChunk.count({ where: { batchId: result.batch.id } }), seconds, peakRss: hwm, peakHeap })}\n`,
  );
  await prisma.$disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
