// Shared set-up of the generation tests: the fake OpenAI server (its Images API), the environment
// the generation reads, image keys in the pool, jobs through the real route, waiting for a job.
import { expect } from "vitest";
import { createAiKey } from "@/lib/ai/keys/manage-keys";
import { getPrisma } from "@/lib/db/client";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../support/fake-openai-server";
import { createTestUser } from "../../support/users";
import { pollUntil } from "../../support/wait";

/** Call from `vi.hoisted`, before any lib module reads (and caches) the environment. */
export async function startGenerationTestServer(env: Record<string, string> = {}): Promise<FakeOpenAiServer> {
  const server = await startFakeOpenAiServer();
  Object.assign(process.env, {
    OPENAI_BASE_URL: server.url,
    OPENAI_API_KEY: "",
    OPENAI_API_KEYS: "",
    ENCRYPTION_KEY: "generation-test-encryption-key-0123456789",
    GENERATION_MODEL: "gpt-image-1",
    GENERATION_REQUEST_TIMEOUT_SECONDS: "10",
    GENERATION_JOB_EXPIRE_SECONDS: "30",
    GENERATION_MAX_ATTEMPTS: "2",
    AI_REQUESTS_PER_MINUTE: "6000",
    ...env,
  });
  return server;
}

/** Image keys added the way an admin adds them (sealed in the database, capability "image"). */
export async function addImageKeys(...secrets: string[]): Promise<string[]> {
  const admin = await createTestUser("ADMIN");
  const actor = { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" as const };
  const ids: string[] = [];
  for (const [i, secret] of secrets.entries())
    ids.push((await createAiKey(actor, { label: `Imagem ${i + 1}`, apiKey: secret, capabilities: ["image"] })).id);
  return ids;
}

export async function seedScope(name: string) {
  const prisma = getPrisma();
  const brand = await prisma.brand.create({ data: { name: `Marca ${name}`, nameKey: `MARCA ${name.toUpperCase()}` } });
  const collection = await prisma.collection.create({
    data: { brandId: brand.id, name: `Coleção ${name}`, nameKey: `COLECAO ${name.toUpperCase()}` },
  });
  return { brand, collection };
}

export const params = <T>(value: T) => ({ params: Promise.resolve(value) });

export function jsonRequest(headers: Record<string, string>, path: string, body?: unknown, method = "POST"): Request {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A job through `POST /api/v1/generation/jobs` (JSON); fails the test unless it is created. */
export async function createJob(headers: Record<string, string>, body: Record<string, unknown>) {
  // Imported here, not at the top: this module is loaded from `vi.hoisted` before the environment
  // is set, and the job definition reads it when it loads.
  const { POST: createJobRoute } = await import("@/app/api/v1/generation/jobs/route");
  const res = await createJobRoute(jsonRequest(headers, "/api/v1/generation/jobs", body), params({}));
  const json = (await res.json()) as { id: string; total: number; batchId: string };
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json;
}

const FINAL = ["COMPLETED", "PAUSED", "STOPPED"];

export function waitForJob(jobId: string, statuses: string[] = FINAL, timeoutMs = 60_000) {
  const prisma = getPrisma();
  return pollUntil(
    () => prisma.generationJob.findUniqueOrThrow({ where: { id: jobId } }),
    (job) => statuses.includes(job.status),
    timeoutMs,
    async (job) => {
      const items = await prisma.generationItem.findMany({
        where: { jobId },
        select: { number: true, status: true, attempts: true, errorCode: true },
      });
      return `generation ${jobId} still ${job.status}: ${JSON.stringify(items)}`;
    },
  );
}

/** Waits until every image of the batch is processed (READY or FAILED). */
export function waitForImagesProcessed(batchId: string, count: number, timeoutMs = 60_000) {
  return pollUntil(
    () => getPrisma().image.findMany({ where: { batchId }, orderBy: { createdAt: "asc" } }),
    (images) =>
      images.length >= count && images.every((i) => i.processingStatus === "READY" || i.processingStatus === "FAILED"),
    timeoutMs,
    (images) => `images of ${batchId}: ${JSON.stringify(images.map((i) => [i.originalName, i.processingStatus]))}`,
  );
}
