import type { CanonicalField } from "@/lib/carteira/parse";
import { configuredLimits, runParseTask, type ParseBudget } from "@/lib/carteira/parse-worker/run-parse-task";
import { getPrisma } from "@/lib/db/client";
import { getStorage } from "@/lib/storage/get-storage";
import { importCarteira } from "./import-carteira";
import { markImportFailed, toImportSummary } from "./import-records";
import type { StagedCarteira } from "./stage-carteira";
import type { ImportSummary } from "./types";

async function readStoredFile(key: string): Promise<Uint8Array | null> {
  const object = await getStorage().get(key);
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Parses and imports the file of a CarteiraImport row. Re-reads the row, so it is safe to run
 * twice (job retry after a crash): a finished import (COMPLETED or FAILED) is skipped; a RUNNING
 * one whose process died is simply run again (its transaction was rolled back).
 */
export async function runCarteiraImport(
  importId: string,
  options: { bytes?: Uint8Array; parseBudget?: ParseBudget } = {},
): Promise<{ summary: ImportSummary; isSkipped: boolean }> {
  const prisma = getPrisma();
  const row = await prisma.carteiraImport.findUnique({ where: { id: importId } });
  if (!row) throw new Error(`CarteiraImport ${importId} not found`);
  if (row.status === "COMPLETED" || row.status === "FAILED") return { summary: toImportSummary(row), isSkipped: true };
  await prisma.carteiraImport.update({
    where: { id: importId },
    data: { status: "RUNNING", startedAt: new Date(), processedRows: 0 },
  });

  const bytes = options.bytes ?? (row.fileKey ? await readStoredFile(row.fileKey) : null);
  if (!bytes) {
    const issue = {
      sheet: null,
      line: null,
      code: "INTERNAL" as const,
      message: "O arquivo enviado não foi encontrado no armazenamento.",
      severity: "error" as const,
    };
    return {
      summary: toImportSummary(await markImportFailed(importId, { issues: [issue], reason: issue.message })),
      isSkipped: false,
    };
  }
  // In the bounded parse worker: a hostile file fails this import (FAILED, with the reason), nothing else.
  // It streams the rows as the staging table's COPY text into the import's transaction; no row object comes back.
  const summary = await importCarteira({
    importId,
    stage: (write) =>
      runParseTask<StagedCarteira>(
        {
          kind: "stage",
          input: {
            bytes,
            filename: row.fileName,
            sheets: row.sheets.length > 0 ? row.sheets : undefined,
            mappingOverride: (row.mapping ?? {}) as Record<string, CanonicalField | null>,
            limits: configuredLimits(),
          },
        },
        options.parseBudget,
        write,
      ),
    userId: row.userId,
    defaultBrandId: row.defaultBrandId,
    defaultCollectionId: row.defaultCollectionId,
  });
  return { summary, isSkipped: false };
}
