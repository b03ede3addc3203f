// Ingestion comes first: while photos are being ingested (an image job queued, running or just
// finished), an AI run analyses at most AI_CONCURRENCY_WHILE_INGESTING photos at once; once
// ingestion is quiet it goes back to AI_WORKER_CONCURRENCY. Through the real worker loop and the
// real `openai` client against the fake server; the image job is a real pg-boss job.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as startRun } from "@/app/api/v1/ai/runs/route";
import { aiRunHandler } from "@/lib/ai/runs/ai-run-handler";
import { isIngestBusy } from "@/lib/ai/runs/ingest-priority";
import { getPrisma } from "@/lib/db/client";
import { processImageJob } from "@/lib/images/process-image-job";
import { sendJob } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { addKeys, jsonRequest, params, seedPhoto, seedScope, waitForRun } from "./runs-support";

const LATENCY_MS = 300;
const fake = await vi.hoisted(async () => {
  const { startAiTestServer } = await import("./runs-support");
  return startAiTestServer({ AI_WORKER_CONCURRENCY: "8", AI_CONCURRENCY_WHILE_INGESTING: "1" });
});

let headers: Record<string, string>;

beforeAll(async () => {
  await startWorkers({ handlers: [aiRunHandler] });
});
afterAll(async () => {
  await stopWorkers();
  await fake.close();
});
beforeEach(async () => {
  await truncateAllTables();
  await getPrisma().$executeRaw`DELETE FROM pgboss.job WHERE "name" = ${processImageJob.name}`;
  fake.requests.length = 0;
  fake.setBehaviour({ keys: {}, faults: {}, latencyMs: LATENCY_MS });
  headers = (await apiTokenFor("EDITOR")).headers;
});

async function startRunOf(name: string, count: number): Promise<string> {
  const scope = await seedScope(name);
  const photos = [];
  for (let i = 0; i < count; i++) photos.push(await seedPhoto(`${name}-${String(i).padStart(4, "0")}_01.jpg`, scope));
  const response = await startRun(
    jsonRequest(headers, "/api/v1/ai/runs", { selection: { imageIds: photos.map((p) => p.id) }, fields: ["cor"] }),
    params({}),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

type Chat = { at: number };
/** The most requests the provider had at once when each of `arrivals` came in. */
const mostAtOnce = (chats: Chat[], arrivals: Chat[] = chats, latencyMs = LATENCY_MS) =>
  Math.max(...arrivals.map((r) => chats.filter((o) => o.at <= r.at && o.at + latencyMs > r.at).length));

/** Runs `count` photos through a run and returns the most requests the provider had at once. */
async function runAndCountInFlight(name: string, count: number): Promise<number> {
  const runId = await startRunOf(name, count);
  expect(await waitForRun(runId)).toMatchObject({ status: "COMPLETED", succeeded: count });
  const chats = fake.chatRequests();
  fake.requests.length = 0;
  return mostAtOnce(chats);
}

/** The answer isIngestBusy caches for up to a second: wait until it says `busy`. */
async function untilIngestIs(busy: boolean) {
  await expect.poll(isIngestBusy, { timeout: 5_000, interval: 200 }).toBe(busy);
}

describe("an AI run beside ingestion", () => {
  it("takes one photo at a time while an image job waits, and several once ingestion is quiet", async () => {
    await addKeys("sk-test-priority-aaaaaaaaaaaa");
    await ensureQueue(processImageJob);
    // A photo waiting for the image workers (none run in this test, so it stays queued).
    const jobId = await sendJob(processImageJob.name, { imageId: crypto.randomUUID() });
    await untilIngestIs(true);
    expect(await runAndCountInFlight("PRIO", 8)).toBe(1);

    // A job finished a moment ago still counts (uploads come with short gaps between photos) ...
    await getPrisma().$executeRaw`
      UPDATE pgboss.job SET "state" = 'completed', "completed_on" = now() WHERE "id" = ${jobId}::uuid`;
    expect(await isIngestBusy()).toBe(true);
    // ... one finished more than 3 s ago does not: the run goes at its full width again (up to 8 at
    // once; on a loaded host the 8 photos' preparation may not all overlap).
    await getPrisma().$executeRaw`
      UPDATE pgboss.job SET "completed_on" = now() - interval '10 seconds' WHERE "id" = ${jobId}::uuid`;
    await untilIngestIs(false);
    expect(await runAndCountInFlight("FREE", 8)).toBeGreaterThan(2);
  });

  it("photos already claimed when an ingest begins wait for their call: one at the provider after the switch", async () => {
    const [keyId] = await addKeys("sk-test-priority-bbbbbbbbbbbb");
    // 240/min (one call every 250 ms) at 600 ms a call: of the 8 photos claimed, ~2 are at the
    // provider and the rest wait for their lease when the upload arrives.
    await getPrisma().aiProviderKey.update({ where: { id: keyId }, data: { requestsPerMinute: 240 } });
    fake.setBehaviour({ latencyMs: 600 });
    await ensureQueue(processImageJob);
    await untilIngestIs(false);
    const runId = await startRunOf("SWITCH", 16);
    await expect.poll(() => fake.chatRequests().length, { timeout: 10_000, interval: 20 }).toBeGreaterThan(1);
    await sendJob(processImageJob.name, { imageId: crypto.randomUUID() });
    const switchedAt = Date.now();
    expect(await waitForRun(runId)).toMatchObject({ status: "COMPLETED", succeeded: 16 });
    const chats = fake.chatRequests();
    // A call that passed the gate before the switch arrives within the cached answer's age (250 ms)
    // plus one lease spacing (250 ms); every later one waited for the provider to be free.
    const after = chats.filter((r) => r.at > switchedAt + 250 + 250 + 100);
    expect(after.length).toBeGreaterThan(5);
    expect(mostAtOnce(chats, after, 600)).toBe(1);
  });
});
