import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createAiKey } from "@/lib/ai/keys/manage-keys";
import { createApiToken } from "@/lib/auth/api-tokens";
import { ROLES, type Role, type SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { truncateAllTables } from "../../support/db";
import { protectedServerActionNames, ROOT } from "../../support/source-scan";
import { productScope, scopeOf, seedActor, seedCollection, seedImage, seedProduct } from "../reconciliation/seed";

// Every server action, called as each role below the one it requires (and with no session): it
// answers FORBIDDEN (or UNAUTHENTICATED) and the database is byte-for-byte what it was. The same
// input succeeds with the required role, so a refusal here is the role check and nothing else.

const session = { user: null as SessionUser | null };
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ origin: "http://localhost:3000" }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));

type Seed = Awaited<ReturnType<typeof seed>>;
type ActionCase = { role: Role; input: (s: Seed) => unknown };

/** Keyed by `module#export`, exactly as tests/support/source-scan.ts finds the actions. */
const ACTIONS: Record<string, ActionCase> = {
  "app/(dashboard)/admin/usuarios/actions.ts#createUserAction": {
    role: "ADMIN",
    input: () => ({ email: "novo@teste.local", password: "senha-segura-123", role: "ADMIN" }),
  },
  "app/(dashboard)/admin/usuarios/actions.ts#updateUserAction": {
    role: "ADMIN",
    input: (s) => ({ userId: s.target.id, role: "ADMIN" }),
  },
  "app/(dashboard)/admin/usuarios/actions.ts#resetPasswordAction": {
    role: "ADMIN",
    input: (s) => ({ userId: s.target.id, password: "outra-senha-123" }),
  },
  "app/(dashboard)/admin/usuarios/actions.ts#revokeUserTokenAction": {
    role: "ADMIN",
    input: (s) => ({ userId: s.target.id, tokenId: s.targetToken.id }),
  },
  "app/(dashboard)/admin/usuarios/actions.ts#revokeAllUserTokensAction": {
    role: "ADMIN",
    input: (s) => ({ userId: s.target.id }),
  },
  "app/(dashboard)/produtos/actions.ts#createProductAction": {
    role: "EDITOR",
    input: (s) => ({ sku: "NOVO-0001", nomePeca: "Saia", collectionId: s.collection.id }),
  },
  "app/(dashboard)/produtos/actions.ts#updateProductAction": {
    role: "EDITOR",
    input: (s) => ({ id: s.product.id, nomePeca: "Vestido longo" }),
  },
  "app/(dashboard)/produtos/actions.ts#deleteProductAction": { role: "EDITOR", input: (s) => ({ id: s.product.id }) },
  "app/(dashboard)/produtos/actions.ts#unlinkImageAction": {
    role: "EDITOR",
    input: (s) => ({ productId: s.product.id, imageId: s.image.id }),
  },
  "app/(dashboard)/produtos/actions.ts#changeImageStatusAction": {
    role: "EDITOR",
    input: (s) => ({ imageIds: [s.image.id], status: "APROVADO" }),
  },
  "app/(dashboard)/conciliacao/actions.ts#loadQueueAction": { role: "VIEWER", input: () => ({}) },
  "app/(dashboard)/configuracoes/actions.ts#createApiTokenAction": {
    role: "VIEWER",
    input: () => ({ name: "Script" }),
  },
  "app/(dashboard)/configuracoes/actions.ts#revokeApiTokenAction": {
    role: "VIEWER",
    input: (s) => ({ tokenId: s.callerTokens.VIEWER.id }),
  },
  "app/(dashboard)/configuracoes/ai-keys-actions.ts#createAiKeyAction": {
    role: "ADMIN",
    input: () => ({ label: "Outra chave", apiKey: "sk-test-roles-bbbbbbbbbbbbbbbb" }),
  },
  "app/(dashboard)/configuracoes/ai-keys-actions.ts#setAiKeyStatusAction": {
    role: "ADMIN",
    input: (s) => ({ id: s.aiKey.id, status: "DISABLED" }),
  },
  "app/(dashboard)/configuracoes/ai-keys-actions.ts#deleteAiKeyAction": {
    role: "ADMIN",
    input: (s) => ({ id: s.aiKey.id }),
  },
  "app/(dashboard)/configuracoes/content-actions.ts#saveBrandContentSettingsAction": {
    role: "EDITOR",
    input: (s) => ({ brandId: s.brand.id, tone: "sofisticado", length: "curto" }),
  },
  "app/(dashboard)/configuracoes/content-actions.ts#clearBrandExamplesAction": {
    role: "EDITOR",
    input: (s) => ({ brandId: s.brand.id }),
  },
  "app/(dashboard)/configuracoes/text-settings-actions.ts#updateTextSettingsAction": {
    role: "ADMIN",
    input: () => ({ autoLinkExactBarcode: true, photoTextReader: "model" }),
  },
  "app/(dashboard)/relatorios/cobertura/actions.ts#saveShotListAction": {
    role: "ADMIN",
    input: (s) => ({ collectionId: s.collection.id, angles: [{ name: "FRENTE", aliases: ["_01"] }] }),
  },
};

/** A user of each role (the callers, each with a token of their own), a target user with a token, a product with a photo. */
async function seed() {
  const callers = {
    VIEWER: await seedActor("VIEWER"),
    EDITOR: await seedActor("EDITOR"),
    ADMIN: await seedActor("ADMIN"),
  };
  const callerTokens = { VIEWER: await createApiToken(callers.VIEWER.id, "do viewer") };
  const target = await seedActor("EDITOR");
  const targetToken = await createApiToken(target.id, "do alvo");
  const c = await seedCollection();
  const product = await seedProduct("VD24-0001", productScope(c), { nomePeca: "Vestido" });
  const image = await seedImage("VD24-0001_01.jpg", scopeOf(c), {
    matchStatus: "MATCHED",
    productId: product.id,
    sequence: "01",
  });
  const aiKey = await createAiKey(callers.ADMIN, {
    label: "Chave do estúdio",
    apiKey: "sk-test-roles-aaaaaaaaaaaaaaaa",
  });
  return {
    callers,
    callerTokens,
    target,
    targetToken,
    collection: c.collection,
    brand: c.brand,
    product,
    image,
    aiKey,
  };
}

/** Every row an action could write, in a stable order. */
async function databaseState(): Promise<string> {
  const prisma = getPrisma();
  const byId = { orderBy: { id: "asc" as const } };
  const tables = {
    users: await prisma.user.findMany(byId),
    apiTokens: await prisma.apiToken.findMany(byId),
    products: await prisma.product.findMany(byId),
    skuHistory: await prisma.skuHistory.findMany(byId),
    images: await prisma.image.findMany(byId),
    auditLogs: await prisma.auditLog.findMany(byId),
    aiKeys: await prisma.aiProviderKey.findMany(byId),
    brandContentSettings: await prisma.brandContentSettings.findMany({ orderBy: { brandId: "asc" } }),
    appSettings: await prisma.appSetting.findMany({ orderBy: { key: "asc" } }),
    shotLists: await prisma.shotList.findMany(byId),
    shotListAngles: await prisma.shotListAngle.findMany(byId),
  };
  return JSON.stringify(tables, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

async function loadAction(name: string): Promise<(input: unknown) => Promise<{ ok: boolean; code?: string }>> {
  const [file, exportName] = name.split("#") as [string, string];
  const actions = (await import(path.join(ROOT, file))) as Record<
    string,
    (input: unknown) => Promise<{ ok: boolean; code?: string }>
  >;
  return actions[exportName]!;
}

const rolesBelow = (role: Role) => ROLES.slice(0, ROLES.indexOf(role));

let s: Seed;
beforeEach(async () => {
  await truncateAllTables();
  session.user = null;
  s = await seed();
});

describe("server actions refuse roles below the required one", () => {
  it("has a case for every server action in the source, and no case for an action that is gone", () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(protectedServerActionNames().sort());
  });

  const calls = Object.entries(ACTIONS).flatMap(([name, c]) => [
    { name, caller: null as Role | null, expected: "UNAUTHENTICATED" },
    ...rolesBelow(c.role).map((role) => ({ name, caller: role as Role | null, expected: "FORBIDDEN" })),
  ]);

  it.each(calls.map((call) => [`${call.name} as ${call.caller ?? "no session"} → ${call.expected}`, call] as const))(
    "%s, nothing written",
    async (_, { name, caller, expected }) => {
      const action = await loadAction(name);
      const before = await databaseState();
      session.user = caller ? s.callers[caller] : null;
      const result = await action(ACTIONS[name]!.input(s));
      expect(result).toMatchObject({ ok: false, code: expected });
      expect(await databaseState()).toBe(before);
    },
  );

  it.each(Object.keys(ACTIONS))("%s succeeds with the required role and the same input", async (name) => {
    const action = await loadAction(name);
    session.user = s.callers[ACTIONS[name]!.role];
    expect(await action(ACTIONS[name]!.input(s))).toMatchObject({ ok: true });
  });
});
