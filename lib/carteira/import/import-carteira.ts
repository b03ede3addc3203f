import { isCarteiraParseError } from "@/lib/carteira/parse";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { markImportFailed, recordProgress, toImportSummary } from "./import-records";
import type { StagedCarteira } from "./stage-carteira";
import type { ImportIssue, ImportSummary } from "./types";
import { RowsRejected, writeStagedCarteira } from "./write-staged";

const log = getLogger("CARTEIRA");

export interface ImportCarteiraInput {
  /** The CarteiraImport row (created beforehand) that records this run. */
  importId: string;
  /**
   * Reads the file with `stageCarteira` (in the parse worker), handing its COPY text to `write` as it
   * goes; a CarteiraParseError it throws fails the import with its message.
   */
  stage: (write: (chunk: Uint8Array) => void) => Promise<StagedCarteira>;
  userId: string | null;
  /** Used for rows of files without MARCA / COLEÇÃO columns. */
  defaultBrandId?: string | null;
  defaultCollectionId?: string | null;
  /** Called with the duration of each phase (benchmarks, logs). */
  onPhase?: (phase: string, ms: number) => void;
}

const REJECTED = "A planilha tem erros; nada foi importado.";

async function loadDefaults(input: ImportCarteiraInput) {
  const prisma = getPrisma();
  const collection = input.defaultCollectionId
    ? await prisma.collection.findUnique({
        where: { id: input.defaultCollectionId },
        select: { id: true, brandId: true },
      })
    : null;
  const brand = input.defaultBrandId
    ? await prisma.brand.findUnique({ where: { id: input.defaultBrandId }, select: { id: true } })
    : null;
  return { brandId: brand?.id ?? collection?.brandId ?? null, collection };
}

/**
 * Reads a carteira and writes it into products / brands / collections, all or nothing (write-staged.ts:
 * one transaction, COPY while the file is read + set-based SQL). A file that cannot be read, or any
 * row error → nothing is written and the CarteiraImport row records FAILED with the errors (sheet +
 * line). A parse worker that fails otherwise (a crash) throws, so the job is retried.
 */
export async function importCarteira(input: ImportCarteiraInput): Promise<ImportSummary> {
  const prisma = getPrisma();
  const [defaults, record] = await Promise.all([
    loadDefaults(input),
    prisma.carteiraImport.findUniqueOrThrow({ where: { id: input.importId }, select: { fileName: true } }),
  ]);
  let parseFailure: { error: unknown } | null = null;
  try {
    await writeStagedCarteira({
      importId: input.importId,
      userId: input.userId,
      fileName: record.fileName,
      stage: (write) =>
        input.stage(write).catch((error: unknown) => {
          parseFailure = { error };
          throw error;
        }),
      defaults,
      onProgress: (processed, total) => recordProgress(input.importId, processed, total),
      onPhase: input.onPhase,
    });
    return toImportSummary(await prisma.carteiraImport.findUniqueOrThrow({ where: { id: input.importId } }));
  } catch (error) {
    if (error instanceof RowsRejected) {
      return toImportSummary(
        await markImportFailed(input.importId, {
          issues: error.issues,
          errorCount: error.errorCount,
          reason: REJECTED,
          totalRows: error.totalRows,
        }),
      );
    }
    const failed = parseFailure as { error: unknown } | null;
    if (failed) {
      if (!isCarteiraParseError(failed.error)) throw failed.error;
      const { code, message } = failed.error;
      const issue: ImportIssue = { sheet: null, line: null, code, message, severity: "error" };
      return toImportSummary(await markImportFailed(input.importId, { issues: [issue], reason: message }));
    }
    const message = error instanceof Error ? error.message : String(error);
    log.error({ action: "IMPORT_FAILED", importId: input.importId, err: message }, "Falha ao gravar a carteira");
    const issue: ImportIssue = {
      sheet: null,
      line: null,
      code: "INTERNAL",
      message: "Erro ao gravar no banco de dados; nada foi importado.",
      severity: "error",
    };
    return toImportSummary(
      await markImportFailed(input.importId, {
        issues: [issue],
        reason: `Erro ao gravar no banco de dados: ${message}`,
      }),
    );
  }
}
