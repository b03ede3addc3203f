import "server-only";
import { ApiError } from "@/lib/api/errors";
import { checkZipLimits, requireSpreadsheetKind, type SpreadsheetKind } from "@/lib/carteira/parse";
import { configuredLimits } from "@/lib/carteira/parse-worker/run-parse-task";
import { getPrisma } from "@/lib/db/client";
import { sendJob } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { getStorage } from "@/lib/storage/get-storage";
import { newStorageKey } from "@/lib/storage/keys";
import { CARTEIRA_IMPORT_JOB, carteiraImportJob } from "./carteira-import-job";
import { createImportRecord } from "./import-records";
import { runCarteiraImport } from "./run-carteira-import";
import type { ImportForm } from "./schemas";
import type { ImportSummary } from "./types";

/** Above either threshold the import runs as a background job (202) instead of in the request. */
export const ASYNC_MIN_BYTES = 2 * 1024 * 1024;
export const ASYNC_MIN_LINES = 5000;

const EXTENSION: Record<SpreadsheetKind, string> = { csv: "csv", xlsx: "xlsx", xls: "xls", ods: "ods", html: "html" };
const CONTENT_TYPE: Record<SpreadsheetKind, string> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  html: "text/html",
};

/**
 * Cheap whole-file checks before anything is stored: kind, size, declared zip sizes. Throws
 * CarteiraParseError. The real inflated sizes are enforced by the parse worker.
 */
export function precheckCarteiraFile(bytes: Uint8Array, fileName: string): SpreadsheetKind {
  const limits = configuredLimits();
  const kind = requireSpreadsheetKind(bytes, fileName, limits.maxFileBytes);
  if (kind === "xlsx" || kind === "ods") checkZipLimits(bytes, limits);
  return kind;
}

/** Line count without decoding (UTF-16 newlines are 0x0A too); stops once past the threshold. */
function hasManyLines(bytes: Uint8Array, threshold: number): boolean {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) if (++n > threshold) return true;
  return false;
}

export function shouldRunInBackground(bytes: Uint8Array, kind: SpreadsheetKind): boolean {
  if (bytes.length > ASYNC_MIN_BYTES) return true;
  return (kind === "csv" || kind === "html") && hasManyLines(bytes, ASYNC_MIN_LINES);
}

async function validateDefaults(form: Pick<ImportForm, "brandId" | "collectionId">): Promise<void> {
  const prisma = getPrisma();
  if (form.brandId && !(await prisma.brand.findUnique({ where: { id: form.brandId }, select: { id: true } }))) {
    throw new ApiError("NOT_FOUND", "Marca não encontrada.");
  }
  if (form.collectionId) {
    const collection = await prisma.collection.findUnique({
      where: { id: form.collectionId },
      select: { brandId: true },
    });
    if (!collection) throw new ApiError("NOT_FOUND", "Coleção não encontrada.");
    if (form.brandId && collection.brandId !== form.brandId)
      throw new ApiError("VALIDATION_FAILED", "A coleção escolhida não pertence à marca escolhida.");
  }
}

export type StartedImport = { mode: "sync"; summary: ImportSummary } | { mode: "async"; id: string };

/**
 * Stores the upload (`imports/…`), records a CarteiraImport and either imports at once (small
 * files) or queues `carteira.import`. Whole-file problems throw CarteiraParseError before anything
 * is stored.
 */
export async function startCarteiraImport(
  input: { bytes: Uint8Array; fileName: string; userId: string | null; form: ImportForm },
  options: { forceMode?: "sync" | "async" } = {},
): Promise<StartedImport> {
  const kind = precheckCarteiraFile(input.bytes, input.fileName);
  await validateDefaults(input.form);
  const fileKey = newStorageKey("imports", EXTENSION[kind]);
  await getStorage().put(fileKey, Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), {
    contentType: CONTENT_TYPE[kind],
  });
  const record = await createImportRecord({
    fileName: input.fileName,
    fileBytes: input.bytes.length,
    fileKey,
    userId: input.userId,
    sheets: input.form.sheets ?? [],
    mapping: input.form.mapping ?? {},
    defaultBrandId: input.form.brandId ?? null,
    defaultCollectionId: input.form.collectionId ?? null,
  });
  const isAsync = options.forceMode ? options.forceMode === "async" : shouldRunInBackground(input.bytes, kind);
  if (isAsync) {
    await ensureQueue(carteiraImportJob);
    await sendJob(CARTEIRA_IMPORT_JOB, { importId: record.id }, { singletonKey: record.id });
    return { mode: "async", id: record.id };
  }
  const { summary } = await runCarteiraImport(record.id, { bytes: input.bytes });
  return { mode: "sync", summary };
}
