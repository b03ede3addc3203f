import type { PrismaClient } from "@/lib/db/client";
import { openWith, sealWith, type MasterKeys } from "./encryption";

export type RotationReport = { resealed: number; alreadyCurrent: number; envKeys: number; unreadable: string[] };

export class RotationError extends Error {
  constructor(readonly report: RotationReport) {
    super(
      `${report.unreadable.length} chave(s) não decifram nem com ENCRYPTION_KEY nem com ENCRYPTION_KEY_PREVIOUS: ${report.unreadable.join(", ")}. Nada foi alterado.`,
    );
    this.name = "RotationError";
  }
}

/**
 * Re-seals every database key under the current master key, in one transaction (all or nothing):
 * a row that opens with the current key at the current version is left alone; any other row is
 * opened with the previous key (whatever version it carries: the operator may have forgotten to
 * bump ENCRYPTION_KEY_VERSION) and sealed again with the current key and version. A row neither key
 * opens aborts the whole rotation. Returns counts and labels only, never a secret.
 */
export async function rotateEncryptionKeys(prisma: PrismaClient, keys: MasterKeys): Promise<RotationReport> {
  return prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<
        { id: string; label: string; source: string; encryptedKey: string | null; keyVersion: number }[]
      >`SELECT "id", "label", "source", "encryptedKey", "keyVersion" FROM "AiProviderKey" ORDER BY "id" FOR UPDATE`;
      const report: RotationReport = { resealed: 0, alreadyCurrent: 0, envKeys: 0, unreadable: [] };
      const updates: { id: string; encryptedKey: string; keyVersion: number }[] = [];
      for (const row of rows) {
        if (row.source === "env" || row.encryptedKey === null) {
          report.envKeys++;
          continue;
        }
        const sealed = { encryptedKey: row.encryptedKey, keyVersion: row.keyVersion };
        if (row.keyVersion === keys.current.version && tryOpen(keys.current.secret, sealed) !== null) {
          report.alreadyCurrent++;
          continue;
        }
        const plain = keys.previous ? tryOpen(keys.previous.secret, sealed) : null;
        if (plain === null) {
          report.unreadable.push(row.label);
          continue;
        }
        updates.push({ id: row.id, ...sealWith(keys.current, plain) });
      }
      if (report.unreadable.length > 0) throw new RotationError(report);
      for (const update of updates)
        await tx.aiProviderKey.update({
          where: { id: update.id },
          data: { encryptedKey: update.encryptedKey, keyVersion: update.keyVersion },
        });
      report.resealed = updates.length;
      return report;
    },
    { timeout: 60_000 },
  );
}

function tryOpen(secret: string, row: { encryptedKey: string; keyVersion: number }): string | null {
  try {
    return openWith({ secret, version: row.keyVersion }, row);
  } catch {
    return null;
  }
}
