// The run engine against key faults: rotation on 401, Retry-After on 429, every key invalid
// (pause, resume), and a hung connection (timeout, retry, failure) — through the real `openai`
// client and the fake server's request log.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as resumeRun } from "@/app/api/v1/ai/runs/[id]/resume/route";
import { updateAiKey } from "@/lib/ai/keys/manage-keys";
import { aiRunHandler } from "@/lib/ai/runs/ai-run-handler";
import { createAiRun } from "@/lib/ai/runs/create-run";
import { recoverStalledRuns } from "@/lib/ai/runs/recover-stalled-runs";
import { getPrisma } from "@/lib/db/client";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { createTestUser } from "../../support/users";
import { addKeys, jsonRequest, params, seedPhoto, seedScope, waitForRun } from "./runs-support";

const fake = await vi.hoisted(async () => {
  const { startAiTestServer } = await import("./runs-support");
  return startAiTestServer();
});

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
let auth: Auth;

async function photos(scopeName: string, names: string[]) {
  const scope = await seedScope(scopeName);
  const out = [];
  for (const name of names) out.push(await seedPhoto(name, scope));
  return out;
}

const run = (imageIds: string[]) =>
  createAiRun(auth.user as never, {
    selection: { imageIds },
    fields: ["cor", "tipo"],
    overwriteManual: false,
    mode: "now",
  });

beforeAll(async () => {
  await startWorkers({ handlers: [aiRunHandler] });
});
afterAll(async () => {
  await stopWorkers();
  await fake.close();
});
beforeEach(async () => {
  await truncateAllTables();
  fake.requests.length = 0;
  fake.setBehaviour({ keys: {}, faults: {}, latencyMs: 0 });
  auth = await apiTokenFor("EDITOR");
});

describe("key rotation and pacing in a run", () => {
  it("401 on one of two keys: that key is marked INVALID and the run finishes on the other", async () => {
    const [bad, good] = await addKeys("sk-invalid-runs-0000000000000001", "sk-test-runs-good-000000000001");
    const ps = await photos("A", ["A1.jpg", "A2.jpg", "A3.jpg", "A4.jpg"]);
    const started = await run(ps.map((p) => p.id));
    const ended = await waitForRun(started.id);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 4, failed: 0 });
    const badKey = await getPrisma().aiProviderKey.findUniqueOrThrow({ where: { id: bad! } });
    expect(badKey.status).toBe("INVALID");
    expect(badKey.invalidReason).toBeTruthy();
    const chat = fake.chatRequests();
    expect(chat.filter((r) => r.apiKey === "sk-invalid-runs-0000000000000001").length).toBeGreaterThanOrEqual(1);
    expect(chat.filter((r) => r.apiKey === "sk-test-runs-good-000000000001" && r.status === 200)).toHaveLength(4);
    // Each attempt, the 401 too, is an AiCall row.
    expect(
      await getPrisma().aiCall.count({ where: { runId: started.id, ok: false, errorKind: "auth" } }),
    ).toBeGreaterThanOrEqual(1);
    expect(await getPrisma().aiRunItem.count({ where: { runId: started.id, keyId: good! } })).toBe(4);
  });

  it("429 with Retry-After: 3 — no request on that key within 3 s, then the run completes", async () => {
    const secret = "sk-test-runs-limited-00000001";
    await addKeys(secret);
    fake.setBehaviour({ keys: { [secret]: { kind: "status", status: 429, retryAfterSeconds: 3, times: 1 } } });
    // One photo: its retry is the only request that could come after the 429, so the log is exact.
    const ps = await photos("B", ["B1.jpg"]);
    const started = await run(ps.map((p) => p.id));
    const ended = await waitForRun(started.id);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 1 });
    const onKey = fake.chatRequests().filter((r) => r.apiKey === secret);
    expect(onKey.map((r) => r.status)).toEqual([429, 200]);
    expect(onKey[1]!.at - onKey[0]!.at).toBeGreaterThanOrEqual(3000);
    // The key was cooled down for the Retry-After; the 429 was one attempt of the photo, not its failure.
    expect(await getPrisma().aiCall.count({ where: { runId: started.id, errorKind: "rate_limit" } })).toBe(1);
    expect(await getPrisma().aiRunItem.findFirstOrThrow({ where: { runId: started.id } })).toMatchObject({
      status: "SUCCEEDED",
      attempts: 2,
    });
  });

  it("every key invalid: the run pauses with a clear message, photos stay pending; re-enabled and resumed it completes", async () => {
    const secret = "sk-test-runs-revoked-0000001";
    const [keyId] = await addKeys(secret);
    fake.setBehaviour({ keys: { [secret]: { kind: "status", status: 401, code: "invalid_api_key" } } });
    const ps = await photos("C", ["C1.jpg", "C2.jpg", "C3.jpg"]);
    const started = await run(ps.map((p) => p.id));
    const paused = await waitForRun(started.id, ["PAUSED", "COMPLETED", "FAILED"]);
    expect(paused.status).toBe("PAUSED");
    expect(paused.pauseReason).toMatch(/^Nenhuma chave de IA utilizável/);
    await expect
      .poll(() => getPrisma().aiRunItem.count({ where: { runId: started.id, status: "PENDING" } }), { timeout: 10_000 })
      .toBe(3);
    expect(paused.failed).toBe(0);
    expect(
      await getPrisma().aiRunItem.count({ where: { runId: started.id, errorCode: "AI_NO_KEYS" } }),
    ).toBeGreaterThan(0);

    // An admin fixes the key; the run is resumed from the runs page (API) and completes.
    fake.setBehaviour({ keys: {} });
    const admin = await createTestUser("ADMIN");
    await updateAiKey({ id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" }, keyId!, {
      status: "ACTIVE",
    });
    const resumed = await resumeRun(
      jsonRequest(auth.headers, `/api/v1/ai/runs/${started.id}/resume`, {}),
      params({ id: started.id }),
    );
    expect(resumed.status).toBe(200);
    expect(await waitForRun(started.id, ["COMPLETED"])).toMatchObject({ succeeded: 3, failed: 0, pauseReason: null });
    expect(await getPrisma().aiRunItem.count({ where: { runId: started.id, errorCode: { not: null } } })).toBe(0);
    const again = await resumeRun(
      jsonRequest(auth.headers, `/api/v1/ai/runs/${started.id}/resume`, {}),
      params({ id: started.id }),
    );
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ details: { code: "AI_RUN_NOT_PAUSED" } });
  });

  it("a paused run resumes by itself once a key is back (maintenance task)", async () => {
    const secret = "sk-test-runs-revoked-0000002";
    const [keyId] = await addKeys(secret);
    fake.setBehaviour({ keys: { [secret]: { kind: "status", status: 403 } } });
    const ps = await photos("D", ["D1.jpg"]);
    const started = await run(ps.map((p) => p.id));
    expect((await waitForRun(started.id)).status).toBe("PAUSED");
    fake.setBehaviour({ keys: {} });
    const admin = await createTestUser("ADMIN");
    await updateAiKey({ id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" }, keyId!, {
      status: "ACTIVE",
    });
    expect(await recoverStalledRuns()).toBe(1);
    expect(await waitForRun(started.id, ["COMPLETED"])).toMatchObject({ succeeded: 1 });
  });

  it("a hung connection: timeout, retried with backoff, then the photo fails with AI_TIMEOUT; the others succeed", async () => {
    await addKeys("sk-test-runs-hang-000000000001");
    const ps = await photos("E", ["E1_pendura.jpg", "E2.jpg"]);
    const started = await run(ps.map((p) => p.id));
    const ended = await waitForRun(started.id, ["COMPLETED", "FAILED"], 55_000);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 1, failed: 1 });
    const hung = await getPrisma().aiRunItem.findFirstOrThrow({ where: { runId: started.id, imageId: ps[0]!.id } });
    expect(hung).toMatchObject({ status: "FAILED", errorCode: "AI_TIMEOUT", attempts: 3 });
    expect(fake.chatRequests().filter((r) => r.fileName?.includes("pendura"))).toHaveLength(3);
    expect(await getPrisma().aiCall.count({ where: { runId: started.id, errorKind: "timeout" } })).toBe(3);
  }, 60_000);
});
