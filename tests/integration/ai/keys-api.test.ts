import { capturedLogLines } from "../../support/capture-logs";
import { beforeEach, describe, expect, it } from "vitest";
import { DELETE, PATCH } from "@/app/api/v1/ai/keys/[id]/route";
import { GET, POST } from "@/app/api/v1/ai/keys/route";
import { openWith, sealWith } from "@/lib/ai/keys/encryption";
import { rotateEncryptionKeys, RotationError } from "@/lib/ai/keys/rotate-keys";
import { getPrisma } from "@/lib/db/client";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";

// The environment key joins the pool read-only (read lazily: set before the first request).
const ENV_SECRET = "sk-env-EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE-eeee";
process.env.OPENAI_API_KEY = ENV_SECRET;

const SECRET = "sk-proj-SeCrEtSeCrEtSeCrEtSeCrEtSeCrEtSeCrEt-9z9z";

type Handler<P> = (r: Request, c: { params: Promise<P> }) => Promise<Response>;
function call<P>(handler: Handler<P>, params: P, headers: Record<string, string>, method = "GET", body?: unknown) {
  return handler(
    new Request("http://localhost:3000/api/v1/ai/keys", {
      method,
      headers: { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    { params: Promise.resolve(params) },
  );
}

beforeEach(async () => {
  await truncateAllTables();
});

describe("/api/v1/ai/keys", () => {
  it("is ADMIN only", async () => {
    for (const role of ["EDITOR", "VIEWER"] as const) {
      const { headers } = await apiTokenFor(role);
      expect((await call(GET, {}, headers)).status).toBe(403);
      const post = await call(POST, {}, headers, "POST", { label: "x", apiKey: SECRET });
      expect(post.status).toBe(403);
      expect((await post.json()).error).toBe("FORBIDDEN");
      const id = "0190b9a4-0000-7000-8000-000000000000";
      expect((await call(PATCH, { id }, headers, "PATCH", { status: "DISABLED" })).status).toBe(403);
      expect((await call(DELETE, { id }, headers, "DELETE")).status).toBe(403);
    }
    expect(await getPrisma().aiProviderKey.count({ where: { source: "db" } })).toBe(0);
    expect((await call(GET, {}, {})).status).toBe(401);
  });

  it("adds, lists masked, edits, disables, re-enables and deletes a key; the secret never comes back nor is logged", async () => {
    const { headers, user } = await apiTokenFor("ADMIN");
    capturedLogLines.length = 0;
    const created = await call(POST, {}, headers, "POST", {
      label: "Conta principal",
      apiKey: SECRET,
      capabilities: ["vision"],
      requestsPerMinute: 60,
    });
    expect(created.status).toBe(201);
    const createdText = await created.text();
    expect(createdText).not.toContain(SECRET);
    const key = JSON.parse(createdText) as { id: string; maskedKey: string };
    expect(key).toMatchObject({
      label: "Conta principal",
      source: "db",
      maskedKey: "sk-…9z9z",
      capabilities: ["vision"],
      status: "ACTIVE",
      requestsPerMinute: 60,
      successCount: 0,
      errorsByKind: {},
    });
    const stored = await getPrisma().aiProviderKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.encryptedKey).toMatch(/^v1:/);
    expect(stored.encryptedKey).not.toContain(SECRET);

    const list = await call(GET, {}, headers);
    const listText = await list.text();
    expect(listText).not.toContain(SECRET);
    expect(listText).not.toContain(ENV_SECRET);
    const items = (
      JSON.parse(listText) as { items: { label: string; source: string; maskedKey: string; available: boolean }[] }
    ).items;
    expect(items.map((i) => [i.label, i.source, i.maskedKey, i.available])).toEqual([
      ["Conta principal", "db", "sk-…9z9z", true],
      ["OPENAI_API_KEY #1", "env", "sk-…eeee", true],
    ]);

    // Duplicate (the same secret, or the environment's): 409 AI_KEY_DUPLICATE.
    for (const apiKey of [SECRET, ENV_SECRET]) {
      const dup = await call(POST, {}, headers, "POST", { label: "de novo", apiKey });
      expect(dup.status).toBe(409);
      expect((await dup.json()).error).toBe("AI_KEY_DUPLICATE");
    }

    const renamed = await call(PATCH, { id: key.id }, headers, "PATCH", { label: "Renomeada", tokensPerMinute: 5000 });
    expect(await renamed.json()).toMatchObject({ label: "Renomeada", tokensPerMinute: 5000 });
    await getPrisma().aiProviderKey.update({
      where: { id: key.id },
      data: {
        status: "INVALID",
        invalidReason: "401: chave inválida ou revogada",
        cooldownUntil: new Date(Date.now() + 60_000),
      },
    });
    const disabled = await call(PATCH, { id: key.id }, headers, "PATCH", { status: "DISABLED" });
    expect(await disabled.json()).toMatchObject({ status: "DISABLED" });
    const enabled = await call(PATCH, { id: key.id }, headers, "PATCH", { status: "ACTIVE" });
    expect(await enabled.json()).toMatchObject({ status: "ACTIVE", invalidReason: null, cooldownUntil: null });
    expect((await call(PATCH, { id: key.id }, headers, "PATCH", { status: "INVALID" })).status).toBe(400);

    const deleted = await call(DELETE, { id: key.id }, headers, "DELETE");
    expect(deleted.status).toBe(200);
    expect(await getPrisma().aiProviderKey.count({ where: { id: key.id } })).toBe(0);
    expect((await call(DELETE, { id: key.id }, headers, "DELETE")).status).toBe(404);

    const audit = await getPrisma().auditLog.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "AI_KEY_CREATE",
      "AI_KEY_UPDATE",
      "AI_KEY_DISABLE",
      "AI_KEY_ENABLE",
      "AI_KEY_DELETE",
    ]);
    expect(JSON.stringify(audit.map((a) => a.data))).not.toContain(SECRET);
    const logs = capturedLogLines.join("\n");
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain(ENV_SECRET);
  });

  it("keeps environment keys read-only except their status", async () => {
    const { headers } = await apiTokenFor("ADMIN");
    const items = (await (await call(GET, {}, headers)).json()).items as { id: string; source: string }[];
    const envKey = items.find((i) => i.source === "env")!;
    const edit = await call(PATCH, { id: envKey.id }, headers, "PATCH", { label: "outro nome" });
    expect(edit.status).toBe(409);
    expect((await edit.json()).error).toBe("AI_KEY_READ_ONLY");
    const del = await call(DELETE, { id: envKey.id }, headers, "DELETE");
    expect(del.status).toBe(409);
    expect((await del.json()).error).toBe("AI_KEY_READ_ONLY");
    expect(await (await call(PATCH, { id: envKey.id }, headers, "PATCH", { status: "DISABLED" })).json()).toMatchObject(
      {
        status: "DISABLED",
        label: "OPENAI_API_KEY #1",
      },
    );
  });

  it("refuses a bad body with the field errors", async () => {
    const { headers } = await apiTokenFor("ADMIN");
    const res = await call(POST, {}, headers, "POST", { label: "", apiKey: "sk a b", capabilities: ["telepatia"] });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe("VALIDATION_FAILED");
    expect([...new Set(body.details.map((d: { path: string }) => d.path))].sort()).toEqual([
      "apiKey",
      "capabilities.0",
      "label",
    ]);
  });
});

describe("master key rotation", () => {
  const OLD = { secret: "chave-mestra-antiga-0123456789abcdefgh", version: 1 };
  const NEW = { secret: "chave-mestra-nova-0123456789abcdefghijk", version: 2 };

  async function seed(label: string, plain: string, master: { secret: string; version: number }) {
    const sealed = sealWith(master, plain);
    return getPrisma().aiProviderKey.create({
      data: {
        label,
        fingerprint: label,
        keyLast4: plain.slice(-4),
        encryptedKey: sealed.encryptedKey,
        keyVersion: sealed.keyVersion,
      },
    });
  }

  it("re-seals every row from the previous master key to the current one, and reports counts", async () => {
    const a = await seed("a", "sk-aaaa-1111", OLD);
    await seed("b", "sk-bbbb-2222", OLD);
    await seed("c", "sk-cccc-3333", NEW);
    await getPrisma().aiProviderKey.create({
      data: { source: "env", label: "env", fingerprint: "env", keyLast4: "9999" },
    });
    const report = await rotateEncryptionKeys(getPrisma(), { current: NEW, previous: OLD });
    expect(report).toEqual({ resealed: 2, alreadyCurrent: 1, envKeys: 1, unreadable: [] });
    const rows = await getPrisma().aiProviderKey.findMany({ where: { source: "db" }, orderBy: { label: "asc" } });
    expect(rows.map((r) => r.keyVersion)).toEqual([2, 2, 2]);
    expect(rows.map((r) => openWith(NEW, { encryptedKey: r.encryptedKey!, keyVersion: r.keyVersion }))).toEqual([
      "sk-aaaa-1111",
      "sk-bbbb-2222",
      "sk-cccc-3333",
    ]);
    expect(() => openWith(OLD, { encryptedKey: rows[0]!.encryptedKey!, keyVersion: 1 })).toThrow();
    expect(rows[0]!.id).toBe(a.id);
    // Run again: nothing left to do.
    expect(await rotateEncryptionKeys(getPrisma(), { current: NEW, previous: OLD })).toMatchObject({
      resealed: 0,
      alreadyCurrent: 3,
    });
  });

  it("changes nothing when a row opens with neither key", async () => {
    await seed("a", "sk-aaaa-1111", OLD);
    await seed("stranger", "sk-zzzz-0000", { secret: "outra-chave-mestra-0123456789abcdefghij", version: 1 });
    const before = await getPrisma().aiProviderKey.findMany({ orderBy: { label: "asc" } });
    const error = await rotateEncryptionKeys(getPrisma(), { current: NEW, previous: OLD }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RotationError);
    expect((error as RotationError).message).toContain("stranger");
    const after = await getPrisma().aiProviderKey.findMany({ orderBy: { label: "asc" } });
    expect(after.map((r) => [r.encryptedKey, r.keyVersion])).toEqual(before.map((r) => [r.encryptedKey, r.keyVersion]));
  });
});
