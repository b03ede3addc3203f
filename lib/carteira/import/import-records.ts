import { getPrisma, type CarteiraImport, type Prisma } from "@/lib/db/client";
import { MAX_STORED_ISSUES, type ImportIssue, type ImportSummary } from "./types";

export interface NewImportRecord {
  fileName: string;
  fileBytes: number;
  fileKey: string | null;
  userId: string | null;
  sheets: string[];
  mapping: Record<string, string | null>;
  defaultBrandId: string | null;
  defaultCollectionId: string | null;
}

export function createImportRecord(input: NewImportRecord): Promise<CarteiraImport> {
  return getPrisma().carteiraImport.create({
    data: {
      fileName: input.fileName.slice(0, 255),
      fileBytes: input.fileBytes,
      fileKey: input.fileKey,
      userId: input.userId,
      sheets: input.sheets,
      mapping: input.mapping,
      defaultBrandId: input.defaultBrandId,
      defaultCollectionId: input.defaultCollectionId,
    },
  });
}

export function storedIssues(issues: ImportIssue[]): Prisma.InputJsonValue {
  return issues.slice(0, MAX_STORED_ISSUES) as unknown as Prisma.InputJsonValue;
}

/** Records a failed import (nothing else was written: the data transaction rolled back or never ran). */
export async function markImportFailed(
  importId: string,
  failure: { issues: ImportIssue[]; reason: string; totalRows?: number; errorCount?: number },
): Promise<CarteiraImport> {
  // The issues kept may be fewer than found (MAX_STORED_ISSUES of each kind): errorCount has the total.
  const blocking = failure.errorCount ?? failure.issues.filter((i) => i.severity === "error").length;
  return getPrisma().carteiraImport.update({
    where: { id: importId },
    data: {
      status: "FAILED",
      errors: storedIssues(failure.issues),
      errorCount: blocking,
      failureReason: failure.reason.slice(0, 2000),
      totalRows: failure.totalRows ?? undefined,
      processedRows: 0,
      createdCount: 0,
      updatedCount: 0,
      unchangedCount: 0,
      finishedAt: new Date(),
    },
  });
}

/** Progress is written outside the data transaction so pollers see it while the import runs. */
export async function recordProgress(importId: string, processedRows: number, totalRows: number): Promise<void> {
  await getPrisma().carteiraImport.update({ where: { id: importId }, data: { processedRows, totalRows } });
}

export function toImportSummary(row: CarteiraImport): ImportSummary {
  const errors = Array.isArray(row.errors) ? (row.errors as unknown as ImportIssue[]) : [];
  const fileError = errors.find((e) => e.sheet === null && e.line === null && e.severity === "error");
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    created: row.createdCount,
    updated: row.updatedCount,
    unchanged: row.unchangedCount,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    errorCount: row.errorCount,
    errors,
    failureReason: row.failureReason,
    errorCode: fileError ? fileError.code : null,
  };
}
