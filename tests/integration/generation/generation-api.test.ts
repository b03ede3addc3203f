// The generation API through its route handlers: prompt files refused for their content or size
// (nothing stored), the preview, progress with X-Polling-Interval, stop/resume, regenerate, the
// ZIP, and the keys' plaintext never in the database, the logs or any response.
import { capturedLogLines } from "../../support/capture-logs";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/generation/jobs/route";
import { POST as previewRoute } from "@/app/api/v1/generation/jobs/preview/route";
import { GET as detailRoute } from "@/app/api/v1/generation/jobs/[id]/route";
import { POST as stopRoute } from "@/app/api/v1/generation/jobs/[id]/stop/route";
import { POST as resumeRoute } from "@/app/api/v1/generation/jobs/[id]/resume/route";
import { POST as regenerateRoute } from "@/app/api/v1/generation/jobs/[id]/items/[itemId]/regenerate/route";
import { GET as zipRoute } from "@/app/api/v1/generation/jobs/[id]/zip/route";
import { GET as keyStatsRoute } from "@/app/api/v1/generation/keys/stats/route";
import { processImageHandler } from "@/lib/batches/process-image-handler";
import { getPrisma } from "@/lib/db/client";
import { generationHandler } from "@/lib/generation/generation-handler";
import { generationJobDetailSchema, generationJobSummarySchema, previewSchema } from "@/lib/generation/schemas";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { getStorage } from "@/lib/storage/get-storage";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { unzip } from "../../support/unzip";
import { addImageKeys, createJob, jsonRequest, params, seedScope, waitForJob } from "./generation-support";

const fake = await vi.hoisted(async () => {
  // Hoisted above the imports: the log capture must be in place before any lib module makes its logger.
  await import("../../support/capture-logs");
  const { startGenerationTestServer } = await import("./generation-support");
  return startGenerationTestServer();
});

const SECRET_A = "sk-test-gen-plaintext-AAAAAAAAAAAAAAAAAAAAAAAA-a1b2";
const SECRET_B = "sk-test-gen-plaintext-BBBBBBBBBBBBBBBBBBBBBBBB-c3d4";
let auth: Awaited<ReturnType<typeof apiTokenFor>>;
const prisma = () => getPrisma();
/** Every response body this file received, for the plaintext check. */
const answers: string[] = [];

async function read(res: Response): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const text = await res.text();
  answers.push(text, JSON.stringify([...res.headers.entries()]));
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

function fileRequest(file: Blob | Uint8Array | string, name: string, fields: Record<string, string> = {}, path = "") {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const blob =
    file instanceof Blob
      ? file
      : new Blob([typeof file === "string" ? file : new Uint8Array(file)], { type: "text/plain" });
  form.append("file", blob, name);
  return new Request(`http://localhost/api/v1/generation/jobs${path}`, {
    method: "POST",
    headers: auth.headers,
    body: form,
  });
}

beforeAll(async () => {
  await truncateAllTables();
  await startWorkers({ handlers: [generationHandler, processImageHandler] });
});
afterAll(async () => {
  await stopWorkers();
  await fake.close();
});
beforeEach(async () => {
  fake.requests.length = 0;
  fake.setBehaviour({ keys: {}, faults: {}, latencyMs: 0 });
  auth = await apiTokenFor("EDITOR");
});

const THREE_PROMPTS =
  "SKU: VD25-0150\nvestido azul\nem fundo branco [x2]\n\n\ncampo de flores\n\npraia ao pôr do sol [x3]\n";

describe("prompt files: preview and refusals", () => {
  it("the preview lists prompts, quantities, numbers and the total; nothing is stored", async () => {
    const res = await read(
      await previewRoute(fileRequest(THREE_PROMPTS, "prompts.txt", { quantity: "2" }, "/preview"), params({})),
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(7);
    expect(previewSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body.prompts).toEqual([
      expect.objectContaining({
        prompt: "vestido azul\nem fundo branco",
        quantity: 2,
        sku: "VD25-0150",
        numbers: [1, 2],
      }),
      expect.objectContaining({ prompt: "campo de flores", quantity: 2, slug: "campo_de_flores", numbers: [3, 4] }),
      expect.objectContaining({ prompt: "praia ao pôr do sol", quantity: 3, numbers: [5, 6, 7] }),
    ]);
    const typed = await read(
      await previewRoute(
        jsonRequest(auth.headers, "/api/v1/generation/jobs/preview", { prompts: [{ prompt: "um", quantity: 4 }] }),
        params({}),
      ),
    );
    expect(typed.body).toMatchObject({ total: 4 });
    expect(await prisma().generationJob.count()).toBe(0);
  });

  const refusals: { name: string; make: () => Request; status: number; code: string }[] = [
    {
      name: "an empty file",
      make: () => fileRequest("", "vazio.txt", { batchName: "X" }),
      status: 400,
      code: "PROMPT_FILE_EMPTY",
    },
    {
      name: "a file of only blank lines",
      make: () => fileRequest("\n\n   \n", "branco.txt", { batchName: "X" }),
      status: 400,
      code: "PROMPT_FILE_EMPTY",
    },
    {
      name: "a file of 10 MB (limit 1 MB, refused while it streams)",
      make: () => fileRequest(new Blob([Buffer.alloc(10 * 1024 * 1024, "a")]), "grande.txt", { batchName: "X" }),
      status: 413,
      code: "PROMPT_FILE_TOO_LARGE",
    },
    {
      name: "a prompt of 50,000 characters",
      make: () => fileRequest("b".repeat(50_000), "longo.txt", { batchName: "X" }),
      status: 400,
      code: "PROMPT_TOO_LONG",
    },
    {
      name: "a binary file named .txt",
      make: () =>
        fileRequest(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]), "fotos.txt", {
          batchName: "X",
        }),
      status: 415,
      code: "PROMPT_FILE_BINARY",
    },
    {
      name: "invalid UTF-8 named .txt",
      make: () => fileRequest(Buffer.from([0x41, 0xff, 0xfe, 0x42, 0xc3]), "latin.txt", { batchName: "X" }),
      status: 415,
      code: "PROMPT_FILE_BINARY",
    },
    {
      name: "quantity 0",
      make: () => fileRequest("um prompt [x0]", "q.txt", { batchName: "X" }),
      status: 400,
      code: "PROMPT_QUANTITY_INVALID",
    },
    {
      name: "quantity 10,000 (default maximum 100)",
      make: () =>
        jsonRequest(auth.headers, "/", { prompts: [{ prompt: "um", quantity: 10_000 }], batch: { name: "X" } }),
      status: 400,
      code: "PROMPT_QUANTITY_INVALID",
    },
    {
      name: "no destination batch",
      make: () => jsonRequest(auth.headers, "/", { prompts: [{ prompt: "um" }] }),
      status: 400,
      code: "VALIDATION_FAILED",
    },
  ];
  it.each(refusals)("refuses $name ($status $code) and stores nothing", async ({ make, status, code }) => {
    const res = await read(await createRoute(make(), params({})));
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(code);
    expect(await prisma().generationJob.count()).toBe(0);
    expect(await prisma().batch.count()).toBe(0);
  });

  it("a VIEWER cannot create a job", async () => {
    const viewer = await apiTokenFor("VIEWER");
    const res = await read(
      await createRoute(
        jsonRequest(viewer.headers, "/", { prompts: [{ prompt: "um" }], batch: { name: "X" } }),
        params({}),
      ),
    );
    expect(res.status).toBe(403);
  });
});

describe("a job's life through the API", () => {
  it("file upload into a new batch, progress, stop, resume, regenerate, ZIP — no image generated twice", async () => {
    await addImageKeys(SECRET_A, SECRET_B);
    const scope = await seedScope("Api");
    fake.setBehaviour({ latencyMs: 250 });
    const created = await read(
      await createRoute(
        fileRequest(THREE_PROMPTS, "prompts.txt", {
          quantity: "2",
          batchName: "Campanha",
          collectionId: scope.collection.id,
        }),
        params({}),
      ),
    );
    expect(created.status).toBe(201);
    expect(created.body.total).toBe(7);
    const id = created.body.id as string;
    const batch = await prisma().batch.findUniqueOrThrow({ where: { id: created.body.batchId as string } });
    expect(batch).toMatchObject({ name: "Campanha", collectionId: scope.collection.id, brandId: scope.brand.id });

    await expect
      .poll(async () => (await prisma().generationJob.findUniqueOrThrow({ where: { id } })).succeeded, {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(2);
    const running = await read(await detailRoute(jsonRequest(auth.headers, "/", undefined, "GET"), params({ id })));
    expect(running.headers.get("X-Polling-Interval")).toBe("2");
    expect(running.body).toMatchObject({ status: "RUNNING", total: 7 });
    expect((running.body.done as number) + (running.body.remaining as number)).toBe(7);

    const stopped = await read(await stopRoute(jsonRequest(auth.headers, "/"), params({ id })));
    expect(stopped.status).toBe(200);
    // The request in flight may finish; after it nothing more is asked.
    await new Promise((r) => setTimeout(r, 600));
    const countAtStop = fake.imageRequests().length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(fake.imageRequests().length).toBe(countAtStop);
    const atStop = await prisma().generationJob.findUniqueOrThrow({ where: { id } });
    expect(atStop.status).toBe("STOPPED");
    expect(atStop.succeeded).toBeLessThan(7);
    expect((await read(await stopRoute(jsonRequest(auth.headers, "/"), params({ id })))).body.error).toBe(
      "GENERATION_INVALID_STATE",
    );

    expect((await read(await resumeRoute(jsonRequest(auth.headers, "/"), params({ id })))).status).toBe(200);
    const ended = await waitForJob(id, ["COMPLETED"]);
    expect(ended).toMatchObject({ succeeded: 7, failed: 0 });
    // Seven images, seven successful requests: none generated twice.
    expect(fake.imageRequests().filter((r) => r.status === 200)).toHaveLength(7);

    const detail = await read(await detailRoute(jsonRequest(auth.headers, "/", undefined, "GET"), params({ id })));
    expect(detail.headers.get("X-Polling-Interval")).toBeNull();
    // The answer is what the schema the browser will read it with says.
    expect(generationJobDetailSchema.safeParse(detail.body).error).toBeUndefined();
    type Item = { id: string; number: number; status: string; imageId: string; relativePath: string };
    const prompts = detail.body.prompts as { prompt: string; items: Item[] }[];
    expect(prompts.map((p) => [p.prompt, p.items.map((i) => i.number)])).toEqual([
      ["vestido azul\nem fundo branco", [1, 2]],
      ["campo de flores", [3, 4]],
      ["praia ao pôr do sol", [5, 6, 7]],
    ]);
    expect(prompts[0]!.items[0]!.relativePath).toBe("vestido_azul_em_fundo_branco/VD25-0150_1.png");

    // Regenerate image 3: a new image in a new round, the old one stays in the bank.
    const first = prompts[1]!.items[0]!;
    const regen = await read(await regenerateRoute(jsonRequest(auth.headers, "/"), params({ id, itemId: first.id })));
    expect(regen.status).toBe(200);
    await waitForJob(id, ["COMPLETED"]);
    const item = await prisma().generationItem.findUniqueOrThrow({ where: { id: first.id } });
    expect(item).toMatchObject({ status: "SUCCEEDED", round: 1 });
    expect(item.imageId).not.toBe(first.imageId);
    expect(await prisma().image.findUnique({ where: { id: first.imageId } })).not.toBeNull();
    expect(fake.imageRequests().filter((r) => r.status === 200)).toHaveLength(8);
    const running2 = await read(
      await regenerateRoute(
        jsonRequest(auth.headers, "/"),
        params({ id, itemId: "00000000-0000-7000-8000-000000000000" }),
      ),
    );
    expect(running2.status).toBe(404);

    // The ZIP: one entry per image, under its relative path, the stored bytes.
    const zipRes = await zipRoute(jsonRequest(auth.headers, "/", undefined, "GET"), params({ id }));
    expect(zipRes.status).toBe(200);
    expect(zipRes.headers.get("content-type")).toBe("application/zip");
    const entries = await unzip(Buffer.from(await zipRes.arrayBuffer()));
    expect([...entries.keys()].sort()).toEqual([
      "campo_de_flores/3.png",
      "campo_de_flores/4.png",
      "praia_ao_por_do_sol/5.png",
      "praia_ao_por_do_sol/6.png",
      "praia_ao_por_do_sol/7.png",
      "vestido_azul_em_fundo_branco/VD25-0150_1.png",
      "vestido_azul_em_fundo_branco/VD25-0150_2.png",
    ]);
    const regenerated = await prisma().image.findUniqueOrThrow({ where: { id: item.imageId! } });
    const bytes = entries.get("campo_de_flores/3.png")!;
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(regenerated.sha256);
    const original = await getStorage().get(regenerated.storageKey);
    expect(original).not.toBeNull();
    original!.body.destroy();

    const list = await read(
      await listRoute(jsonRequest(auth.headers, "/api/v1/generation/jobs", undefined, "GET"), params({})),
    );
    expect((list.body.jobs as { id: string }[]).map((j) => j.id)).toContain(id);
    for (const job of list.body.jobs as unknown[])
      expect(generationJobSummarySchema.safeParse(job).error).toBeUndefined();
    await read(await keyStatsRoute(jsonRequest(auth.headers, "/", undefined, "GET"), params({})));
  });

  it("a key refused by the provider: its plaintext is never stored, logged or answered", async () => {
    const revoked = "sk-test-gen-plaintext-CCCCCCCCCCCCCCCCCCCCCCCC-e5f6";
    await addImageKeys(revoked);
    // The provider echoes the key in its message, as OpenAI's "Incorrect API key provided: sk-…" does.
    fake.setBehaviour({
      keys: { [revoked]: { kind: "status", status: 401, message: `Incorrect API key provided: ${revoked}.` } },
    });
    const scope = await seedScope("Plain");
    const job = await createJob(auth.headers, {
      prompts: [{ prompt: "um" }],
      batch: { name: "P", collectionId: scope.collection.id },
    });
    await waitForJob(job.id);
    await read(await detailRoute(jsonRequest(auth.headers, "/", undefined, "GET"), params({ id: job.id })));
    await read(await keyStatsRoute(jsonRequest(auth.headers, "/", undefined, "GET"), params({})));

    const tables = await prisma().$queryRaw<{ schemaname: string; tablename: string }[]>`
      SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('public', 'pgboss')`;
    const dump: string[] = [];
    for (const t of tables) {
      const rows = await prisma().$queryRawUnsafe<{ row: string }[]>(
        `SELECT row_to_json(t)::text AS row FROM "${t.schemaname}"."${t.tablename}" t`,
      );
      dump.push(...rows.map((r) => r.row));
    }
    expect(dump.join("\n")).toContain("Imagem 1"); // the dump did read the key rows
    expect(capturedLogLines.length).toBeGreaterThan(0);
    for (const secret of [SECRET_A, SECRET_B, revoked]) {
      for (const piece of [secret, secret.slice(0, 30), secret.slice(12)]) {
        expect(dump.join("\n")).not.toContain(piece);
        expect(capturedLogLines.join("\n")).not.toContain(piece);
        expect(answers.join("\n")).not.toContain(piece);
      }
    }
  });
});
