import "server-only";
import type { z } from "zod";
import { getPrisma, type CarteiraImport } from "@/lib/db/client";
import { toImportSummary } from "./import-records";
import type { importDetailSchema, importHistoryItemSchema, importPageSchema } from "./schemas";

export type ImportHistoryItem = z.infer<typeof importHistoryItemSchema>;
type ImportDetail = z.infer<typeof importDetailSchema>;

type Row = CarteiraImport & { user: { id: string; name: string | null; email: string } | null };

function toHistoryItem(row: Row): ImportHistoryItem {
  const summary = toImportSummary(row);
  return {
    id: summary.id,
    status: summary.status,
    fileName: summary.fileName,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    totalRows: summary.totalRows,
    processedRows: summary.processedRows,
    errorCount: summary.errorCount,
    failureReason: summary.failureReason,
    errorCode: summary.errorCode,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    fileBytes: row.fileBytes,
    sheets: row.sheets,
    user: row.user,
  };
}

const userSelect = { select: { id: true, name: true, email: true } } as const;

/** Import history, newest first; keyset pagination on the time-ordered (uuid v7) id. */
export async function listCarteiraImports(query: {
  cursor?: string;
  limit: number;
}): Promise<z.infer<typeof importPageSchema>> {
  const rows = await getPrisma().carteiraImport.findMany({
    where: query.cursor ? { id: { lt: query.cursor } } : undefined,
    orderBy: { id: "desc" },
    take: query.limit + 1,
    include: { user: userSelect },
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toHistoryItem), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

export async function getCarteiraImport(id: string): Promise<ImportDetail | null> {
  const row = await getPrisma().carteiraImport.findUnique({ where: { id }, include: { user: userSelect } });
  if (!row) return null;
  // Written from the import form's validated mapping (mappingSchema).
  return {
    ...toHistoryItem(row),
    errors: toImportSummary(row).errors,
    mapping: row.mapping as ImportDetail["mapping"],
  };
}
