// The run's content step (field "conteudo") for one photo: a BULK version; a person's edit kept
// unless the run overwrites manual edits; the local engine writes no text; an empty description
// fails the photo with its code and keeps the previous version.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { editContent } from "@/lib/ai/content/content-actions";
import { getContentState } from "@/lib/ai/content/content-state";
import {
  CONTENT_LOCAL_ENGINE_WARNING,
  CONTENT_MANUAL_KEPT_WARNING,
  runContentStep,
} from "@/lib/ai/content/content-step";
import type { RunForItem } from "@/lib/ai/runs/process-item";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { addKeys, seedPhoto, seedScope, type Scope } from "./runs-support";

const fake = await vi.hoisted(async () => {
  const { startAiTestServer } = await import("./runs-support");
  return startAiTestServer();
});

let scope: Scope;
let actor: { id: string; email: string; name: string | null; role: "EDITOR" };

const run = (overrides: Partial<RunForItem> = {}): RunForItem => ({
  id: randomUUID(),
  engine: "model",
  fields: [],
  overwriteManual: false,
  createdById: actor.id,
  ...overrides,
});
const itemOf = (imageId: string, runId: string) => ({
  id: randomUUID(),
  runId,
  imageId,
  attempts: 0,
  claimToken: new Date().toISOString(),
});
const step = (imageId: string, overrides: Partial<RunForItem> = {}) => {
  const r = run(overrides);
  return runContentStep({ run: r, item: itemOf(imageId, r.id) });
};

beforeAll(async () => {
  await truncateAllTables();
  const { user } = await apiTokenFor("EDITOR");
  actor = { id: user.id, email: user.email, name: user.name, role: "EDITOR" };
  scope = await seedScope("Lote conteudo");
  await addKeys("sk-test-content-step-aaaaaaaaaaaa");
});
afterAll(async () => {
  await fake.close();
});

describe("contentStep", () => {
  it("writes a BULK version with the call's usage", async () => {
    const photo = await seedPhoto("VD26-0800_FRENTE.jpg", scope);
    const outcome = await step(photo.id);
    expect(outcome).toMatchObject({ kind: "ok", usage: { model: "gpt-4o-mini" } });
    if (outcome.kind === "ok") expect(outcome.usage!.tokensIn).toBeGreaterThan(0);
    const state = await getContentState({ kind: "image", id: photo.id });
    expect(state).toMatchObject({ currentVersion: 1, isManual: false });
    expect(state.versions[0]).toMatchObject({ origin: "BULK", createdBy: { id: actor.id } });
  });

  it("keeps a person's edit (a warning) unless the run overwrites manual edits", async () => {
    const photo = await seedPhoto("VD26-0801_FRENTE.jpg", scope);
    const owner = { kind: "image" as const, id: photo.id };
    await editContent(actor, owner, { titulo: "Título da equipe", descricao: "Texto da equipe" });
    const before = fake.requests.length;
    expect(await step(photo.id)).toEqual({ kind: "ok", warnings: [CONTENT_MANUAL_KEPT_WARNING] });
    expect(fake.requests.length).toBe(before); // no call spent on it
    expect((await getContentState(owner)).currentVersion).toBe(1);

    expect(await step(photo.id, { overwriteManual: true })).toMatchObject({ kind: "ok" });
    const state = await getContentState(owner);
    expect(state).toMatchObject({ currentVersion: 2, isManual: false });
    expect(state.versions[0]!.origin).toBe("BULK");
  });

  it("the local engine writes no text: a warning, no version", async () => {
    const photo = await seedPhoto("VD26-0802_FRENTE.jpg", scope);
    expect(await step(photo.id, { engine: "local" })).toEqual({ kind: "ok", warnings: [CONTENT_LOCAL_ENGINE_WARNING] });
    expect((await getContentState({ kind: "image", id: photo.id })).versions).toEqual([]);
  });

  it("an empty description fails the photo with AI_CONTENT_EMPTY and keeps the previous version", async () => {
    const photo = await seedPhoto("VD26-0803_conteudo-vazio.jpg", scope);
    const owner = { kind: "image" as const, id: photo.id };
    await editContent(actor, owner, { titulo: "Antes", descricao: "Descrição anterior" });
    const outcome = await step(photo.id, { overwriteManual: true });
    expect(outcome).toMatchObject({ kind: "failed", code: "AI_CONTENT_EMPTY", attemptsMade: 1 });
    const state = await getContentState(owner);
    expect(state.currentVersion).toBe(1);
    expect(state.versions[0]!.descricao).toBe("Descrição anterior");
  });
});
