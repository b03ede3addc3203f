// The generation side of the key pool: a key the Images API refused (401) or rate-limited (429) is
// out of the generation pool only — the vision calls still lease it — and a pool reset brings it
// back for generation. A generation job with no live pg-boss job is sent again by the recovery.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AiCallError } from "@/lib/ai/errors";
import { createKeyPool } from "@/lib/ai/keys/key-pool";
import { createAiKey } from "@/lib/ai/keys/manage-keys";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { GENERATION_JOB } from "@/lib/generation/generation-job";
import { reportGenerationFailure, resetGenerationPool } from "@/lib/generation/generation-keys";
import { recoverStalledGeneration } from "@/lib/generation/recover-stalled-generation";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { createTestUser } from "../../support/users";
import { createJob, seedScope } from "./generation-support";

const fake = await vi.hoisted(async () => {
  const { startGenerationTestServer } = await import("./generation-support");
  return startGenerationTestServer();
});

const SECRET = "sk-test-gen-pool-AAAAAAAAAAAAAAAAAAAAAAAAAAAA-0001";
const pool = () =>
  createKeyPool({ envKeys: () => [], limits: () => ({ requestsPerMinute: 6000, tokensPerMinute: 1e9, burst: 1000 }) });

beforeEach(async () => {
  await truncateAllTables();
});
afterAll(async () => {
  await stopBoss();
  await fake.close();
});

async function addKey(capabilities: ("vision" | "content" | "image")[]) {
  const admin = await createTestUser("ADMIN");
  const actor = { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" as const };
  return createAiKey(actor, { label: "Compartilhada", apiKey: SECRET, capabilities });
}

describe("generation-only key state", () => {
  it("401 from the Images API: out of generation, still leased for vision; the reset brings it back", async () => {
    const key = await addKey(["vision", "image"]);
    const p = pool();
    const lease = await p.acquireKey({ capability: "image", estimatedTokens: 0 });
    expect(lease.kind).toBe("key");
    await reportGenerationFailure(
      { id: key.id, label: key.label, apiKey: SECRET },
      new AiCallError("auth", "recusada", { status: 401 }),
    );
    const image = await p.acquireKey({ capability: "image", estimatedTokens: 0 });
    expect(image).toMatchObject({ kind: "none", code: "ALL_KEYS_UNUSABLE" });
    if (image.kind === "none") expect(image.reason).toContain("401");
    expect((await p.acquireKey({ capability: "vision", estimatedTokens: 10 })).kind).toBe("key");
    const row = await getPrisma().aiProviderKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row).toMatchObject({ status: "ACTIVE", invalidReason: null, generationErrorCount: 1 });

    expect(await resetGenerationPool()).toBe(1);
    expect((await p.acquireKey({ capability: "image", estimatedTokens: 0 })).kind).toBe("key");
  });

  it("429 from the Images API: generation waits for Retry-After, vision does not", async () => {
    const key = await addKey(["vision", "image"]);
    await reportGenerationFailure(
      { id: key.id, label: key.label, apiKey: SECRET },
      new AiCallError("rate_limit", "limite", { status: 429, retryAfterMs: 30_000 }),
    );
    const p = pool();
    const image = await p.acquireKey({ capability: "image", estimatedTokens: 0 });
    expect(image.kind).toBe("wait");
    if (image.kind === "wait") expect(image.retryInMs).toBeGreaterThan(25_000);
    expect((await p.acquireKey({ capability: "vision", estimatedTokens: 10 })).kind).toBe("key");
  });
});

describe("recovery", () => {
  it("a RUNNING job with no live pg-boss job gets one again", async () => {
    const auth = await apiTokenFor("EDITOR");
    const scope = await seedScope("Recover");
    const job = await createJob(auth.headers, {
      prompts: [{ prompt: "um" }],
      batch: { name: "R", collectionId: scope.collection.id },
    });
    const prisma = getPrisma();
    // As after a crash: the job RUNNING, its queued pg-boss job gone.
    await prisma.generationJob.update({ where: { id: job.id }, data: { status: "RUNNING" } });
    await prisma.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = '${GENERATION_JOB}'`);
    expect(await recoverStalledGeneration()).toBe(1);
    const live = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = '${GENERATION_JOB}' AND state = 'created' AND data->>'jobId' = '${job.id}'`,
    );
    expect(Number(live[0]!.n)).toBe(1);
    // With a live job, nothing more is sent.
    expect(await recoverStalledGeneration()).toBe(0);
  });
});
