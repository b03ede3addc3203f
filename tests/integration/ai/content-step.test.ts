// The run's content step (field "conteudo") through the real worker loop of the AI queue: a BULK
// version per photo; a person's edit kept (a warning) unless the run overwrites manual edits; an
// empty description fails that photo with its code and keeps the previous version; vision and
// content in one run; the local engine (no key) writes no text.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as startRun } from "@/app/api/v1/ai/runs/route";
import { editContent, restoreContentVersion } from "@/lib/ai/content/content-actions";
import { getContentState } from "@/lib/ai/content/content-state";
import { CONTENT_LOCAL_ENGINE_WARNING, CONTENT_MANUAL_KEPT_WARNING } from "@/lib/ai/content/content-step";
import { aiRunHandler } from "@/lib/ai/runs/ai-run-handler";
import { getPrisma } from "@/lib/db/client";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { addKeys, jsonRequest, params, seedPhoto, seedScope, waitForRun, type Scope } from "./runs-support";

const fake = await vi.hoisted(async () => {
  const { startAiTestServer } = await import("./runs-support");
  return startAiTestServer();
});

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
let auth: Auth;
let scope: Scope;
const actor = () => ({ id: auth.user.id, email: auth.user.email, name: auth.user.name, role: "EDITOR" as const });

async function run(body: Record<string, unknown>) {
  const response = await startRun(jsonRequest(auth.headers, "/api/v1/ai/runs", body), params({}));
  expect(response.status, await response.clone().text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  const done = await waitForRun(id);
  const items = await getPrisma().aiRunItem.findMany({ where: { runId: id }, orderBy: { id: "asc" } });
  return { run: done, items };
}

beforeAll(async () => {
  await startWorkers({ handlers: [aiRunHandler] });
});
afterAll(async () => {
  await stopWorkers();
  await fake.close();
});
beforeEach(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
  scope = await seedScope("Lote conteudo");
});

describe("a run with the conteudo field", () => {
  it("writes a BULK version per photo; keeps a person's edit unless overwriteManual; an empty description fails alone", async () => {
    await addKeys("sk-test-content-step-aaaaaaaaaaaa");
    const fresh = await seedPhoto("VD26-0800_FRENTE.jpg", scope);
    const edited = await seedPhoto("VD26-0801_FRENTE.jpg", scope);
    const empty = await seedPhoto("VD26-0803_conteudo-vazio.jpg", scope);
    await editContent(actor(), { kind: "image", id: edited.id }, { titulo: "Título da equipe", descricao: "Texto" });
    // The empty photo's current version is no person's edit (a restore), so the run does try it.
    await editContent(actor(), { kind: "image", id: empty.id }, { titulo: "Antes", descricao: "Descrição anterior" });
    await restoreContentVersion(actor(), { kind: "image", id: empty.id }, 1);

    const first = await run({ selection: { imageIds: [fresh.id, edited.id, empty.id] }, fields: ["conteudo"] });
    expect(first.run).toMatchObject({ status: "COMPLETED", succeeded: 2, failed: 1 });
    expect(first.run.tokensIn).toBeGreaterThan(0);
    const byImage = new Map(first.items.map((i) => [i.imageId, i]));
    expect(byImage.get(fresh.id)).toMatchObject({ status: "SUCCEEDED", stepsDone: ["conteudo"], model: "gpt-4o-mini" });
    expect(byImage.get(edited.id)).toMatchObject({ status: "SUCCEEDED", warnings: [CONTENT_MANUAL_KEPT_WARNING] });
    expect(byImage.get(empty.id)).toMatchObject({ status: "FAILED", errorCode: "AI_CONTENT_EMPTY" });

    const freshState = await getContentState({ kind: "image", id: fresh.id });
    expect(freshState).toMatchObject({ currentVersion: 1, isManual: false });
    expect(freshState.versions[0]).toMatchObject({ origin: "BULK", createdBy: { id: auth.user.id } });
    expect(await getContentState({ kind: "image", id: edited.id })).toMatchObject({
      currentVersion: 1,
      isManual: true,
    });
    const emptyState = await getContentState({ kind: "image", id: empty.id });
    expect(emptyState.currentVersion).toBe(2);
    expect(emptyState.versions[0]!.descricao).toBe("Descrição anterior");

    const second = await run({ selection: { imageIds: [edited.id] }, fields: ["conteudo"], overwriteManual: true });
    expect(second.run).toMatchObject({ status: "COMPLETED", succeeded: 1 });
    const overwritten = await getContentState({ kind: "image", id: edited.id });
    expect(overwritten).toMatchObject({ currentVersion: 2, isManual: false });
    expect(overwritten.versions[0]!.origin).toBe("BULK");
  });

  it("vision and content in one run: both steps done, the photo's AI fields and its content written", async () => {
    await addKeys("sk-test-content-step-bbbbbbbbbbbb");
    const photo = await seedPhoto("VD26-0810_FRENTE.jpg", scope);
    const { run: done, items } = await run({ selection: { imageIds: [photo.id] }, fields: ["cor", "conteudo"] });
    expect(done).toMatchObject({ status: "COMPLETED", succeeded: 1 });
    expect(items[0]!.stepsDone).toEqual(["vision", "conteudo"]);
    const image = await getPrisma().image.findUniqueOrThrow({ where: { id: photo.id } });
    expect(image.aiColor).not.toBeNull();
    expect(image.contentVersion).toBe(1);
    // The content call saw what the vision step had just written.
    const contentCall = fake.requests.filter((r) => r.content !== null).at(-1)!;
    expect(contentCall.content!.data).toMatchObject({ analiseVisual: { cor: image.aiColor } });
  });

  it("the local engine (no key) writes no text: a warning, never fake content", async () => {
    const photo = await seedPhoto("VD26-0802_FRENTE.jpg", scope);
    const { run: done, items } = await run({ selection: { imageIds: [photo.id] }, fields: ["cor", "conteudo"] });
    expect(done).toMatchObject({ engine: "local", status: "COMPLETED", succeeded: 1 });
    expect(items[0]!.warnings).toContain(CONTENT_LOCAL_ENGINE_WARNING);
    expect((await getContentState({ kind: "image", id: photo.id })).versions).toEqual([]);
  });
});
