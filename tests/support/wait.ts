import { getPrisma } from "@/lib/db/client";

/** Polls `check` every 100 ms until it holds; throws (naming `what`) after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits for the batch to reach one of `statuses`; the error says where it was stuck. */
export async function waitForBatch(batchId: string, statuses: string[], timeoutMs = 60_000) {
  const prisma = getPrisma();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const batch = await prisma.batch.findUniqueOrThrow({ where: { id: batchId } });
    if (statuses.includes(batch.status)) return batch;
    await new Promise((r) => setTimeout(r, 100));
  }
  const urls = await prisma.batchUrl.groupBy({ by: ["status"], where: { batchId }, _count: { _all: true } });
  const batch = await prisma.batch.findUniqueOrThrow({ where: { id: batchId } });
  throw new Error(
    `batch ${batchId} is ${batch.status}, not ${statuses.join("/")}; URLs ${JSON.stringify(urls.map((u) => [u.status, u._count._all]))}`,
  );
}
