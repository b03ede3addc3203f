import "server-only";
import { getPrisma, type CarteiraImport } from "@/lib/db/client";
import { toImportSummary } from "./import-records";
import type { ImportSummary } from "./types";

export type ImportHistoryItem = Omit<ImportSummary, "errors"> & {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  fileBytes: number;
  sheets: string[];
  user: { id: string; name: string | null; email: string } | null;
};

type Row = CarteiraImport & { user: { id: string; name: string | null; email: string } | null };

function toHistoryItem(row: Row): ImportHistoryItem {
  const summary: Partial<ImportSummary> = toImportSummary(row);
  delete summary.errors;
  return {
    ...(summary as Omit<ImportSummary, "errors">),
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
}): Promise<{ items: ImportHistoryItem[]; nextCursor: string | null }> {
  const rows = await getPrisma().carteiraImport.findMany({
    where: query.cursor ? { id: { lt: query.cursor } } : undefined,
    orderBy: { id: "desc" },
    take: query.limit + 1,
    include: { user: userSelect },
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toHistoryItem), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

export async function getCarteiraImport(
  id: string,
): Promise<(ImportHistoryItem & { errors: ImportSummary["errors"]; mapping: unknown }) | null> {
  const row = await getPrisma().carteiraImport.findUnique({ where: { id }, include: { user: userSelect } });
  if (!row) return null;
  return { ...toHistoryItem(row), errors: toImportSummary(row).errors, mapping: row.mapping };
}
