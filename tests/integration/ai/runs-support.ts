// Shared set-up of the AI run tests: the fake OpenAI server, the environment the run engine reads,
// photos with real originals in storage, pool keys, and waiting for a run to end.
import { randomUUID } from "node:crypto";
import { createAiKey } from "@/lib/ai/keys/manage-keys";
import { getPrisma, type Prisma } from "@/lib/db/client";
import { newStorageKey } from "@/lib/storage/keys";
import { getStorage } from "@/lib/storage/get-storage";
import { normalizeSkuKey } from "@/lib/sku";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../support/fake-openai-server";
import { makeJpeg } from "../../support/image-fixtures";
import { createTestUser } from "../../support/users";
import { pollUntil } from "../../support/wait";

/**
 * Starts the fake server and points the environment at it. Call from `vi.hoisted` (before any lib
 * module reads the environment, which it caches): short timeouts and few attempts keep the fault
 * tests quick; the job expiry is short so a killed worker's run is taken over within seconds.
 */
export async function startAiTestServer(env: Record<string, string> = {}): Promise<FakeOpenAiServer> {
  const server = await startFakeOpenAiServer();
  Object.assign(process.env, {
    OPENAI_BASE_URL: server.url,
    OPENAI_MODEL: "gpt-4o-mini",
    OPENAI_API_KEY: "",
    OPENAI_API_KEYS: "",
    ENCRYPTION_KEY: "runs-test-encryption-key-0123456789abcdef",
    AI_REQUEST_TIMEOUT_SECONDS: "2",
    AI_MAX_ATTEMPTS: "3",
    AI_JOB_EXPIRE_SECONDS: "30",
    AI_BATCH_POLL_SECONDS: "1",
    AI_WORKER_CONCURRENCY: "4",
    AI_REQUESTS_PER_MINUTE: "6000",
    ...env,
  });
  return server;
}

export async function seedScope(name: string) {
  const prisma = getPrisma();
  const brand = await prisma.brand.create({ data: { name: `Marca ${name}`, nameKey: `MARCA ${name.toUpperCase()}` } });
  const collection = await prisma.collection.create({
    data: { brandId: brand.id, name: `Coleção ${name}`, nameKey: `COLECAO ${name.toUpperCase()}` },
  });
  const batch = await prisma.batch.create({
    data: { name: `Lote ${name}`, brandId: brand.id, collectionId: collection.id },
  });
  return { brand, collection, batch };
}
export type Scope = Awaited<ReturnType<typeof seedScope>>;

export async function seedProduct(sku: string, scope: Scope, fields: Partial<Prisma.ProductUncheckedCreateInput> = {}) {
  return getPrisma().product.create({
    data: { sku, skuKey: normalizeSkuKey(sku), brandId: scope.brand.id, collectionId: scope.collection.id, ...fields },
  });
}

let seed = 1;

/** A READY photo row of the scope whose original is at `storageKey`, with the caller's own fields. */
async function createReadyPhoto(
  originalName: string,
  scope: Scope,
  storageKey: string,
  fields: Partial<Prisma.ImageUncheckedCreateInput>,
) {
  const id = randomUUID();
  return getPrisma().image.create({
    data: {
      batchId: scope.batch.id,
      brandId: scope.brand.id,
      collectionId: scope.collection.id,
      originalName,
      storageKey,
      sha256: id.replace(/-/g, "").padEnd(64, "0"),
      contentType: "image/jpeg",
      bytes: BigInt(1000),
      processingStatus: "READY",
      ...fields,
    },
  });
}

/** A processed (READY) photo whose original is a real JPEG in storage (unless `withOriginal: false`). */
export async function seedPhoto(
  originalName: string,
  scope: Scope,
  options: { withOriginal?: boolean; fields?: Partial<Prisma.ImageUncheckedCreateInput> } = {},
) {
  const storageKey = newStorageKey("originals", "jpg");
  if (options.withOriginal !== false)
    await getStorage().put(storageKey, await makeJpeg(seed++, 64, 48), { contentType: "image/jpeg" });
  return createReadyPhoto(originalName, scope, storageKey, {
    width: 64,
    height: 48,
    dominantColors: ["#c0392b", "#f5f5f5"],
    ...options.fields,
  });
}

/**
 * An unlinked READY photo whose original is the given JPEG (a tag photo for the text step), or no
 * original at all when `jpeg` is null (a missing original).
 */
export async function seedPhotoFromJpeg(originalName: string, scope: Scope, jpeg: Buffer | null) {
  const storageKey = newStorageKey("originals", "jpg");
  if (jpeg) await getStorage().put(storageKey, jpeg, { contentType: "image/jpeg" });
  return createReadyPhoto(originalName, scope, storageKey, {
    bytes: BigInt(jpeg?.length ?? 1000),
    matchStatus: "UNMATCHED",
  });
}

/** Pool keys added the way an admin adds them (sealed in the database). */
export async function addKeys(...secrets: string[]): Promise<string[]> {
  const admin = await createTestUser("ADMIN");
  const actor = { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" as const };
  const ids: string[] = [];
  for (const [i, secret] of secrets.entries())
    ids.push((await createAiKey(actor, { label: `Chave ${i + 1}`, apiKey: secret })).id);
  return ids;
}

const FINAL = ["COMPLETED", "FAILED", "CANCELLED", "PAUSED"];

/** Waits (polling the database) until the run is in one of `statuses`; fails with its state after the timeout. */
export function waitForRun(runId: string, statuses: string[] = FINAL, timeoutMs = 50_000) {
  const prisma = getPrisma();
  return pollUntil(
    () => prisma.aiRun.findUniqueOrThrow({ where: { id: runId } }),
    (run) => statuses.includes(run.status),
    timeoutMs,
    async (run) => {
      const items = await prisma.aiRunItem.findMany({
        where: { runId },
        select: { status: true, attempts: true, error: true },
      });
      return `run ${runId} still ${run.status}: ${JSON.stringify(items)}`;
    },
  );
}

export const params = <T>(value: T) => ({ params: Promise.resolve(value) });

export function jsonRequest(headers: Record<string, string>, path: string, body?: unknown, method = "POST"): Request {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
