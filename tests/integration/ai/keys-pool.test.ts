import { capturedLogLines } from "../../support/capture-logs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { AiCallError } from "@/lib/ai/errors";
import { fingerprintOf } from "@/lib/ai/keys/encryption";
import { BUCKET_MS, WINDOW_BUCKETS, createKeyPool, type KeyLease, type KeyPoolDeps } from "@/lib/ai/keys/key-pool";
import { createAiKey, updateAiKey } from "@/lib/ai/keys/manage-keys";
import { parseEnvKeys, type EnvKey } from "@/lib/ai/keys/sync-env-keys";
import { createPrismaClient, getPrisma } from "@/lib/db/client";
import { truncateAllTables } from "../../support/db";
import { createTestUser } from "../../support/users";

// A clock the test moves by hand: cooldowns and windows are checked at exact instants, no sleeping.
const T0 = Date.UTC(2026, 11, 2, 12, 0, 0); // on a bucket boundary
let clock = T0;
const now = () => clock;

const SECRET_A = "sk-test-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-aaaa";
const SECRET_B = "sk-test-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB-bbbb";

let envKeys: EnvKey[] = [];
const pool = (overrides: Partial<KeyPoolDeps> = {}) =>
  createKeyPool({
    now,
    envKeys: () => envKeys,
    // The minute-window tests lease in bursts at one instant; the spacing has its own test (burst 1 and 3).
    limits: () => ({ requestsPerMinute: 1000, tokensPerMinute: 1_000_000, burst: 1000 }),
    ...overrides,
  });

async function admin() {
  const user = await createTestUser("ADMIN");
  return { id: user.id, email: user.email, name: user.name, role: "ADMIN" as const };
}

async function addKeys(...specs: { label: string; secret: string; rpm?: number; tpm?: number }[]) {
  const actor = await admin();
  const ids: string[] = [];
  for (const s of specs)
    ids.push(
      (
        await createAiKey(actor, {
          label: s.label,
          apiKey: s.secret,
          requestsPerMinute: s.rpm ?? null,
          tokensPerMinute: s.tpm ?? null,
        })
      ).id,
    );
  return { actor, ids };
}

function leased(lease: KeyLease) {
  if (lease.kind !== "key") throw new Error(`expected a key, got ${JSON.stringify(lease)}`);
  return lease;
}

const extraClients: ReturnType<typeof createPrismaClient>[] = [];
afterAll(async () => {
  await Promise.all(extraClients.map((c) => c.$disconnect()));
});

beforeEach(async () => {
  await truncateAllTables();
  clock = T0;
  envKeys = [];
});

describe("key pool", () => {
  it("answers NO_KEYS when nothing is configured, and hasConfiguredKeys follows", async () => {
    const p = pool();
    expect(await p.hasConfiguredKeys("vision")).toBe(false);
    const lease = await p.acquireKey({ capability: "vision", estimatedTokens: 100 });
    expect(lease).toMatchObject({ kind: "none", code: "NO_KEYS" });
    await addKeys({ label: "A", secret: SECRET_A });
    expect(await p.hasConfiguredKeys("vision")).toBe(true);
    expect(await p.hasConfiguredKeys("image")).toBe(false); // default capabilities: vision, content
  });

  it("rotates least-recently-used over two keys and decrypts the secret", async () => {
    const { ids } = await addKeys({ label: "A", secret: SECRET_A }, { label: "B", secret: SECRET_B });
    const p = pool();
    const got: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock += 10;
      const lease = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 }));
      got.push(lease.key.label);
      expect(lease.key.apiKey).toBe(lease.key.label === "A" ? SECRET_A : SECRET_B);
      await p.reportKeySuccess(lease, { tokensIn: 80, tokensOut: 20, costUsd: 0.001, rateLimit: null });
    }
    expect(got).toEqual(["A", "B", "A", "B"]);
    const rows = await getPrisma().aiProviderKey.findMany({ where: { id: { in: ids } }, orderBy: { label: "asc" } });
    expect(rows.map((r) => [r.successCount, Number(r.tokensIn), Number(r.tokensOut)])).toEqual([
      [2, 160, 40],
      [2, 160, 40],
    ]);
    expect(rows[0]!.costUsd).toBeCloseTo(0.002);
    expect(rows[0]!.lastUsedAt!.getTime()).toBe(T0 + 30);
  });

  it("marks a key INVALID on 401, skips it next, and says so when every key is unusable", async () => {
    const { ids, actor } = await addKeys({ label: "A", secret: SECRET_A }, { label: "B", secret: SECRET_B });
    const p = pool();
    const first = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 }));
    expect(first.key.label).toBe("A");
    await p.reportKeyFailure(
      first,
      new AiCallError("auth", `Incorrect API key provided: ${SECRET_A}.`, { status: 401 }),
    );
    const rowA = await getPrisma().aiProviderKey.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(rowA.status).toBe("INVALID");
    expect(rowA.invalidReason).toBe("401: chave inválida ou revogada");
    expect(rowA.errorsByKind).toEqual({ auth: 1 });
    expect(rowA.errorCount).toBe(1);
    expect(rowA.lastError).toContain("Incorrect API key provided");
    expect(rowA.lastError).not.toContain(SECRET_A);
    expect(rowA.lastError).not.toContain("aaaa");
    // Logged (the invalidation, by id and label), never with the secret.
    const logs = capturedLogLines.join("\n");
    expect(logs).toContain("AI_KEY_INVALIDATED");
    expect(logs).not.toContain(SECRET_A);

    for (let i = 0; i < 3; i++) {
      clock += 10;
      expect(leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 })).key.label).toBe("B");
    }
    const b = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 }));
    await p.reportKeyFailure(b, new AiCallError("quota", "You exceeded your current quota", { status: 429 }));
    await p.reportKeyFailure(b, new AiCallError("server", "boom", { status: 500 }));
    const none = await p.acquireKey({ capability: "vision", estimatedTokens: 100 });
    expect(none).toMatchObject({ kind: "none", code: "ALL_KEYS_UNUSABLE" });
    expect(none.kind === "none" && none.reason).toContain("A (inválida: 401: chave inválida ou revogada)");
    expect(none.kind === "none" && none.reason).toContain("B (inválida: 429: cota esgotada");
    const rowB = await getPrisma().aiProviderKey.findUniqueOrThrow({ where: { id: ids[1]! } });
    expect(rowB.errorsByKind).toEqual({ quota: 1, server: 1 });
    expect(await p.hasConfiguredKeys("vision")).toBe(false);

    // An admin re-enables A: clean start, leased again.
    await updateAiKey(actor, ids[0]!, { status: "ACTIVE" });
    const again = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 }));
    expect(again.key.label).toBe("A");
    expect((await getPrisma().aiProviderKey.findUniqueOrThrow({ where: { id: ids[0]! } })).invalidReason).toBeNull();
    // Disabled keys are listed as such.
    await updateAiKey(actor, ids[0]!, { status: "DISABLED" });
    const disabled = await p.acquireKey({ capability: "vision", estimatedTokens: 100 });
    expect(disabled.kind === "none" && disabled.reason).toContain("A (desativada)");
  });

  it("cools a key down for Retry-After after a 429: never leased before it elapses", async () => {
    await addKeys({ label: "A", secret: SECRET_A }, { label: "B", secret: SECRET_B });
    const p = pool();
    const a = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 }));
    expect(a.key.label).toBe("A");
    await p.reportKeyFailure(
      a,
      new AiCallError("rate_limit", "Rate limit reached", { status: 429, retryAfterMs: 3000 }),
    );
    // Until T0 + 3 s, only B; the LRU order alone would have given A back.
    const seen: string[] = [];
    for (const t of [1, 500, 1500, 2999]) {
      clock = T0 + t;
      const lease = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 }));
      seen.push(lease.key.label);
    }
    expect(seen).toEqual(["B", "B", "B", "B"]);
    clock = T0 + 3000;
    expect(leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 })).key.label).toBe("A");
  });

  it("waits when the only key is cooling, for exactly the time left; 20 s without Retry-After", async () => {
    const { ids } = await addKeys({ label: "A", secret: SECRET_A });
    const p = pool();
    const a = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 }));
    await p.reportKeyFailure(a, new AiCallError("rate_limit", "Rate limit reached", { status: 429 }));
    clock = T0 + 5000;
    expect(await p.acquireKey({ capability: "vision", estimatedTokens: 100 })).toMatchObject({
      kind: "wait",
      retryInMs: 15_000,
    });
    expect(await p.hasConfiguredKeys("vision")).toBe(true); // cooling is not unusable
    clock = T0 + 20_000;
    const back = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 100 }));
    // x-ratelimit-remaining-requests = 0 on a success: cooled until the reset.
    await p.reportKeySuccess(back, {
      tokensIn: 10,
      tokensOut: 10,
      costUsd: 0,
      rateLimit: { remainingRequests: 0, resetRequestsMs: 7000, remainingTokens: 5000, resetTokensMs: 10 },
    });
    const row = await getPrisma().aiProviderKey.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(row.cooldownUntil!.getTime()).toBe(T0 + 27_000);
    clock = T0 + 26_999;
    expect(await p.acquireKey({ capability: "vision", estimatedTokens: 100 })).toMatchObject({
      kind: "wait",
      retryInMs: 1,
    });
    clock = T0 + 27_000;
    expect((await p.acquireKey({ capability: "vision", estimatedTokens: 100 })).kind).toBe("key");
  });

  it("shares the requests/min budget between two processes (two Prisma clients and pools)", async () => {
    await addKeys({ label: "A", secret: SECRET_A, rpm: 6 });
    const url = process.env.DATABASE_URL!;
    const c1 = createPrismaClient(url, 3);
    const c2 = createPrismaClient(url, 3);
    extraClients.push(c1, c2);
    const p1 = pool({ prisma: () => c1 });
    const p2 = pool({ prisma: () => c2 });
    clock = T0 + 2000;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? p1 : p2).acquireKey({ capability: "vision", estimatedTokens: 10 })),
    );
    expect(results.filter((r) => r.kind === "key")).toHaveLength(6);
    const waits = results.filter((r) => r.kind === "wait");
    expect(waits).toHaveLength(4);
    // All six were charged in the bucket starting at T0 + 2 s; it leaves the window 61 s later.
    for (const w of waits) expect(w).toMatchObject({ retryInMs: (WINDOW_BUCKETS + 1) * BUCKET_MS });
    clock = T0 + 2000 + 60_999;
    expect((await p1.acquireKey({ capability: "vision", estimatedTokens: 10 })).kind).toBe("wait");
    clock = T0 + 2000 + 61_000;
    expect((await p2.acquireKey({ capability: "vision", estimatedTokens: 10 })).kind).toBe("key");
  });

  it("charges estimated tokens at lease and corrects them by the real usage", async () => {
    await addKeys({ label: "A", secret: SECRET_A, tpm: 1000 });
    const p = pool();
    const l1 = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 400 }));
    leased(await p.acquireKey({ capability: "vision", estimatedTokens: 400 }));
    expect(await p.acquireKey({ capability: "vision", estimatedTokens: 400 })).toMatchObject({ kind: "wait" });
    await p.reportKeySuccess(l1, { tokensIn: 90, tokensOut: 10, costUsd: 0, rateLimit: null }); // 100 real: 700 free
    const l3 = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 400 }));
    // A 429 consumed no tokens: its estimate comes back.
    await p.reportKeyFailure(l3, new AiCallError("rate_limit", "slow down", { status: 429, retryAfterMs: 0 }));
    expect((await p.acquireKey({ capability: "vision", estimatedTokens: 400 })).kind).toBe("key");
    // Bucket sums: 400 (l2) + 100 (l1) + 400 (l4) in the current bucket.
    const row = await getPrisma().rateLimit.findMany({ where: { key: { startsWith: "ai_key_t:" } } });
    expect(row.map((r) => r.points)).toEqual([900]);
  });

  it("honours the sliding window: a full minute after the burst, not before", async () => {
    await addKeys({ label: "A", secret: SECRET_A, rpm: 2 });
    const p = pool();
    clock = T0 + BUCKET_MS - 1; // end of the first bucket
    leased(await p.acquireKey({ capability: "vision", estimatedTokens: 1 }));
    leased(await p.acquireKey({ capability: "vision", estimatedTokens: 1 }));
    // 60 s after the burst: a fixed window would already have reset; this still covers it.
    clock = T0 + BUCKET_MS - 1 + 60_000;
    expect((await p.acquireKey({ capability: "vision", estimatedTokens: 1 })).kind).toBe("wait");
    // The bucket of the burst leaves the window once the whole 61st second after it has begun.
    clock = T0 + (WINDOW_BUCKETS + 1) * BUCKET_MS;
    expect((await p.acquireKey({ capability: "vision", estimatedTokens: 1 })).kind).toBe("key");
  });

  it("spaces the requests of a key 60 s ÷ rpm apart within the minute, `burst` of them at once", async () => {
    await addKeys({ label: "A", secret: SECRET_A, rpm: 600 });
    const strict = pool({ limits: () => ({ requestsPerMinute: 1000, tokensPerMinute: 1_000_000, burst: 1 }) });
    clock = T0;
    leased(await strict.acquireKey({ capability: "vision", estimatedTokens: 1 }));
    clock = T0 + 40;
    const early = await strict.acquireKey({ capability: "vision", estimatedTokens: 1 });
    // 600/min: one request every 100 ms on average, each at most half an interval early (50 ms
    // of tolerance for a request that went late); the wait says exactly when the next may start.
    expect(early).toMatchObject({ kind: "wait", retryInMs: 10 });
    clock = T0 + 100;
    leased(await strict.acquireKey({ capability: "vision", estimatedTokens: 1 }));
    // Late by 30 ms (a timer, a round trip): the next may make it up, up to the tolerance.
    clock = T0 + 230;
    leased(await strict.acquireKey({ capability: "vision", estimatedTokens: 1 }));
    clock = T0 + 279;
    expect(await strict.acquireKey({ capability: "vision", estimatedTokens: 1 })).toMatchObject({
      kind: "wait",
      retryInMs: 1,
    });
    clock = T0 + 280;
    leased(await strict.acquireKey({ capability: "vision", estimatedTokens: 1 }));
    // Early leases never add up: the next one is a full interval on (the schedule is at T0 + 430).
    clock = T0 + 281;
    expect(await strict.acquireKey({ capability: "vision", estimatedTokens: 1 })).toMatchObject({
      kind: "wait",
      retryInMs: 99,
    });
    // A late request does not earn credit for the idle time beyond the tolerance.
    clock = T0 + 1_000;
    leased(await strict.acquireKey({ capability: "vision", estimatedTokens: 1 }));
    clock = T0 + 1_049;
    expect((await strict.acquireKey({ capability: "vision", estimatedTokens: 1 })).kind).toBe("wait");

    // burst 3: three at once, then spaced again.
    const bursty = pool({ limits: () => ({ requestsPerMinute: 1000, tokensPerMinute: 1_000_000, burst: 3 }) });
    clock = T0 + 10_000;
    const kinds: string[] = [];
    for (let i = 0; i < 4; i++)
      kinds.push((await bursty.acquireKey({ capability: "vision", estimatedTokens: 1 })).kind);
    expect(kinds).toEqual(["key", "key", "key", "wait"]);
    clock = T0 + 10_100;
    expect((await bursty.acquireKey({ capability: "vision", estimatedTokens: 1 })).kind).toBe("key");
  });

  it("joins environment keys read-only, reads their secret from the environment, ignores removed ones", async () => {
    envKeys = parseEnvKeys({ OPENAI_API_KEYS: `${SECRET_A},${SECRET_B}` });
    const p = pool();
    const l1 = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 1 }));
    clock += 1;
    const l2 = leased(await p.acquireKey({ capability: "vision", estimatedTokens: 1 }));
    expect([l1.key.apiKey, l2.key.apiKey].sort()).toEqual([SECRET_A, SECRET_B]);
    const rows = await getPrisma().aiProviderKey.findMany({ orderBy: { label: "asc" } });
    expect(rows.map((r) => [r.source, r.label, r.encryptedKey, r.keyLast4, r.fingerprint])).toEqual([
      ["env", "OPENAI_API_KEY #1", null, "aaaa", fingerprintOf(SECRET_A)],
      ["env", "OPENAI_API_KEY #2", null, "bbbb", fingerprintOf(SECRET_B)],
    ]);
    // B leaves the environment: the row stays (stats), this process never leases it.
    envKeys = parseEnvKeys({ OPENAI_API_KEYS: SECRET_A });
    for (let i = 0; i < 3; i++) {
      clock += 1;
      expect(leased(await p.acquireKey({ capability: "vision", estimatedTokens: 1 })).key.apiKey).toBe(SECRET_A);
    }
    expect(await getPrisma().aiProviderKey.count()).toBe(2);
    envKeys = [];
    expect(await p.acquireKey({ capability: "vision", estimatedTokens: 1 })).toMatchObject({
      kind: "none",
      code: "NO_KEYS",
    });
  });
  it("drops the buckets that left every window, now and then, by the pool's clock", async () => {
    await addKeys({ label: "A", secret: SECRET_A });
    const p = pool();
    leased(await p.acquireKey({ capability: "vision", estimatedTokens: 5 })); // first call: cleanup finds nothing old
    // The window's buckets (the spacing row ai_key_s: is one per key, overwritten by every lease).
    const bucketRows = { key: { startsWith: "ai_key_" }, NOT: { key: { startsWith: "ai_key_s:" } } };
    const rows = () => getPrisma().rateLimit.count({ where: bucketRows });
    expect(await rows()).toBe(2);
    clock = T0 + 20 * 60_000;
    leased(await p.acquireKey({ capability: "vision", estimatedTokens: 5 }));
    await expect.poll(rows).toBe(2); // the T0 bucket's two rows gone, the new bucket's two kept
    const keys = await getPrisma().rateLimit.findMany({ where: bucketRows });
    expect(keys.every((k) => k.key.endsWith(`:${Math.floor(clock / BUCKET_MS)}`))).toBe(true);
  });

  it("leases exactly the budget under contention from two pools, and prints the lease rate", async () => {
    await addKeys({ label: "A", secret: SECRET_A, rpm: 150 }, { label: "B", secret: SECRET_B, rpm: 150 });
    const url = process.env.DATABASE_URL!;
    const c1 = createPrismaClient(url, 4);
    const c2 = createPrismaClient(url, 4);
    extraClients.push(c1, c2);
    const pools = [pool({ prisma: () => c1 }), pool({ prisma: () => c2 })];
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        const got: KeyLease[] = [];
        for (let i = 0; i < 50; i++)
          got.push(await pools[worker % 2]!.acquireKey({ capability: "vision", estimatedTokens: 10 }));
        return got;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const leases = results.flat().filter((r) => r.kind === "key");
    expect(leases).toHaveLength(300);
    expect(leases.filter((l) => l.key.label === "A")).toHaveLength(150);
    console.log(`[keys-pool] 400 acquires (8 workers, 2 clients): ${(400 / seconds).toFixed(0)} acquires/s`);
  });
});
