import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, type AiProviderKey } from "@/lib/db/client";
import { encryptSecret, fingerprintOf, maskKey } from "./encryption";
import type { AiKeyView, CreateAiKeyInput, UpdateAiKeyInput } from "./schemas";
import { envKeysFromEnv, syncEnvKeys } from "./sync-env-keys";

/** Admin management of the key pool (API routes and the settings page share it). The secret never leaves here. */
const NOT_FOUND = "Chave de IA não encontrada.";

function toView(row: AiProviderKey, envFingerprints: Set<string>): AiKeyView {
  const errors: Record<string, number> = {};
  if (row.errorsByKind && typeof row.errorsByKind === "object" && !Array.isArray(row.errorsByKind))
    for (const [kind, n] of Object.entries(row.errorsByKind)) if (typeof n === "number") errors[kind] = n;
  return {
    id: row.id,
    label: row.label,
    source: row.source === "env" ? "env" : "db",
    maskedKey: maskKey(row.keyLast4),
    capabilities: row.capabilities,
    status: row.status,
    invalidReason: row.invalidReason,
    cooldownUntil:
      row.cooldownUntil && row.cooldownUntil.getTime() > Date.now() ? row.cooldownUntil.toISOString() : null,
    available: row.source === "env" ? envFingerprints.has(row.fingerprint) : row.encryptedKey !== null,
    requestsPerMinute: row.requestsPerMinute,
    tokensPerMinute: row.tokensPerMinute,
    successCount: row.successCount,
    errorCount: row.errorCount,
    errorsByKind: errors,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    tokensIn: Number(row.tokensIn),
    tokensOut: Number(row.tokensOut),
    costUsd: row.costUsd,
    createdAt: row.createdAt.toISOString(),
  };
}

async function envFingerprints(): Promise<Set<string>> {
  const keys = envKeysFromEnv();
  await syncEnvKeys(getPrisma(), keys);
  return new Set(keys.map((k) => k.fingerprint));
}

export async function listAiKeys(): Promise<AiKeyView[]> {
  const present = await envFingerprints();
  const rows = await getPrisma().aiProviderKey.findMany({ orderBy: [{ source: "asc" }, { createdAt: "asc" }] });
  return rows.map((row) => toView(row, present));
}

export async function createAiKey(actor: SessionUser, input: CreateAiKeyInput): Promise<AiKeyView> {
  const present = await envFingerprints();
  const fingerprint = fingerprintOf(input.apiKey);
  const prisma = getPrisma();
  if (await prisma.aiProviderKey.findUnique({ where: { fingerprint }, select: { id: true } }))
    throw new ApiError("AI_KEY_DUPLICATE", "Esta chave já está no pool de chaves de IA.");
  const sealed = encryptSecret(input.apiKey);
  try {
    const row = await prisma.$transaction(async (tx) => {
      const created = await tx.aiProviderKey.create({
        data: {
          source: "db",
          label: input.label,
          encryptedKey: sealed.encryptedKey,
          keyVersion: sealed.keyVersion,
          fingerprint,
          keyLast4: input.apiKey.slice(-4),
          ...(input.capabilities ? { capabilities: [...new Set(input.capabilities)] } : {}),
          requestsPerMinute: input.requestsPerMinute ?? null,
          tokensPerMinute: input.tokensPerMinute ?? null,
        },
      });
      await recordAudit(
        {
          userId: actor.id,
          action: "AI_KEY_CREATE",
          entityType: "AiProviderKey",
          entityId: created.id,
          data: { label: created.label, capabilities: created.capabilities },
        },
        tx,
      );
      return created;
    });
    return toView(row, present);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      throw new ApiError("AI_KEY_DUPLICATE", "Esta chave já está no pool de chaves de IA.");
    throw error;
  }
}

export async function updateAiKey(actor: SessionUser, id: string, input: UpdateAiKeyInput): Promise<AiKeyView> {
  const present = await envFingerprints();
  const prisma = getPrisma();
  const row = await prisma.$transaction(async (tx) => {
    const current = await tx.aiProviderKey.findUnique({ where: { id } });
    if (!current) throw new ApiError("NOT_FOUND", NOT_FOUND);
    const { status, ...rest } = input;
    const edits = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (current.source === "env" && Object.keys(edits).length > 0)
      throw new ApiError(
        "AI_KEY_READ_ONLY",
        "Chaves vindas do ambiente (OPENAI_API_KEY) só podem ser desativadas ou reativadas aqui.",
      );
    const updated = await tx.aiProviderKey.update({
      where: { id },
      data: {
        ...edits,
        ...(status === "DISABLED" ? { status } : {}),
        // Re-enabling gives the key a clean start: no invalid reason, no cooldown.
        ...(status === "ACTIVE" ? { status, invalidReason: null, cooldownUntil: null } : {}),
      },
    });
    await recordAudit(
      {
        userId: actor.id,
        action: status === "ACTIVE" ? "AI_KEY_ENABLE" : status === "DISABLED" ? "AI_KEY_DISABLE" : "AI_KEY_UPDATE",
        entityType: "AiProviderKey",
        entityId: id,
        data: { label: updated.label, changes: Object.keys({ ...edits, ...(status ? { status } : {}) }) },
      },
      tx,
    );
    return updated;
  });
  return toView(row, present);
}

export async function deleteAiKey(actor: SessionUser, id: string): Promise<{ id: string }> {
  await getPrisma().$transaction(async (tx) => {
    const current = await tx.aiProviderKey.findUnique({ where: { id }, select: { source: true, label: true } });
    if (!current) throw new ApiError("NOT_FOUND", NOT_FOUND);
    if (current.source === "env")
      throw new ApiError(
        "AI_KEY_READ_ONLY",
        "Chaves vindas do ambiente (OPENAI_API_KEY) não podem ser excluídas aqui: remova-as do ambiente.",
      );
    await tx.aiProviderKey.delete({ where: { id } });
    await recordAudit(
      {
        userId: actor.id,
        action: "AI_KEY_DELETE",
        entityType: "AiProviderKey",
        entityId: id,
        data: { label: current.label },
      },
      tx,
    );
  });
  return { id };
}
